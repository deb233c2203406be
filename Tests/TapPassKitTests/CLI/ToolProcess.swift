import Foundation

/// Runs a built tool as a real process (the executables sit next to the
/// test binary in the build folder), feeding standard input from a file so
/// large inputs never deadlock on a pipe.
struct ToolProcess {
  struct Result {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
    var lines: [String] { String(decoding: stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
  }

  static var binDirectory: String {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
    // Swift Testing may run from inside the .xctest bundle directory.
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("tp-scan").path), url.path != "/" {
      url.deleteLastPathComponent()
    }
    return url.path
  }

  static func run(_ tool: String, _ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:], directory: String? = nil) throws -> Result {
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("tp-in-\(UUID().uuidString)")
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("tp-out-\(UUID().uuidString)")
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("tp-err-\(UUID().uuidString)")
    defer { [input, output, errors].forEach { try? FileManager.default.removeItem(at: $0) } }
    try Data(stdin).write(to: input)
    FileManager.default.createFile(atPath: output.path, contents: nil)
    FileManager.default.createFile(atPath: errors.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binDirectory + "/" + tool)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardInput = try FileHandle(forReadingFrom: input)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: Array(try Data(contentsOf: output)),
      stderr: String(decoding: try Data(contentsOf: errors), as: UTF8.self))
  }
}
