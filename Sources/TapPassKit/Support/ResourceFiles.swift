import Foundation

/// Data files shipped with TapPassKit (name lists, domain lists, model
/// weights) under `Sources/TapPassKit/Resources/data`. Found through the
/// SwiftPM resource bundle next to the executable, or `TAPPASS_DATA_DIR`
/// for installs that move the binaries.
public enum ResourceFiles {
  public static let directory: String? = {
    if let custom = ProcessInfo.processInfo.environment["TAPPASS_DATA_DIR"], !custom.isEmpty { return custom }
    if let url = Bundle.module.resourceURL?.appendingPathComponent("data"),
      FileManager.default.fileExists(atPath: url.path)
    {
      return url.path
    }
    return nil
  }()

  /// The bytes of a data file, e.g. `names/first.tsv`; nil when absent.
  public static func bytes(_ relativePath: String) -> [UInt8]? {
    guard let directory else { return nil }
    return FileBytes.read(path: directory + "/" + relativePath)
  }
}
