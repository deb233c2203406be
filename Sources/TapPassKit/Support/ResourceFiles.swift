import Foundation

/// Data files shipped with TapPassKit (name lists, domain lists, model
/// weights) under `Sources/TapPassKit/Resources/data`. Found through the
/// SwiftPM resource bundle next to the executable, or `TAPPASS_DATA_DIR`
/// for installs that move the binaries.
public enum ResourceFiles {
  public static let directory: String? = {
    if let custom = ProcessInfo.processInfo.environment["TAPPASS_DATA_DIR"], !custom.isEmpty { return custom }
    if let beside = besideExecutable() { return beside }
    if let url = Bundle.module.resourceURL?.appendingPathComponent("data"),
      FileManager.default.fileExists(atPath: url.path)
    {
      return url.path
    }
    return nil
  }()

  /// SwiftPM's resource bundle (`<package>_<target>.resources`) in the
  /// running executable's directory, found from /proc/self/exe. Why not
  /// `Bundle.module` first: it builds `Bundle.main`, which lists every file
  /// of the executable's directory — a few percent of a short run, more in
  /// a full bin directory. `Bundle.module` stays the fallback, and finds the
  /// same bundle there.
  static func besideExecutable() -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0, let slash = buffer[..<length].lastIndex(of: CChar(UInt8(ascii: "/"))) else { return nil }
    let candidate = String(decoding: buffer[..<slash].map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/TapPass_TapPassKit.resources/data"
    return access(candidate, F_OK) == 0 ? candidate : nil
  }

  /// The bytes of a data file, e.g. `names/first.tsv`; nil when absent.
  public static func bytes(_ relativePath: String) -> [UInt8]? {
    guard let directory else { return nil }
    return FileBytes.read(path: directory + "/" + relativePath)
  }
}
