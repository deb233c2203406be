import Foundation

/// Paths for tests: the package root, and `../shared` next to it, which
/// holds corpora and vectors on developer and CI machines but not in a
/// user's clone (tests that need it skip with a visible message).
enum URLPaths {
  static func packageRoot(_ filePath: String) -> String {
    var url = URL(fileURLWithPath: filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    return FileManager.default.currentDirectoryPath
  }

  static func shared(_ filePath: String = #filePath) -> String? {
    let path = URL(fileURLWithPath: packageRoot(filePath)).deletingLastPathComponent().appendingPathComponent("shared").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  static func find(_ directory: String, suffix: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) }.map { directory + "/" + $0 }
  }
}
