import Foundation
import Glibc
@testable import TapPassKit

/// Shared helpers for the Audit suites: temporary directories, small
/// stores, and the built `tp-audit` binary for process-level tests.
enum AuditTestSupport {
  static func temporaryDirectory() -> String {
    var template = Array("/tmp/tp-audit-test-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    return path
  }

  static func removeDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  static func record(_ index: Int, org: String = "acme", agent: String? = nil) -> [UInt8] {
    let agentName = agent ?? "agent-\(index % 4)"
    return Array(#"{"org_id":"\#(org)","agent_id":"\#(agentName)","event":"tool_call","n":\#(index),"text":"entry number \#(index) with some padding text"}"#.utf8)
  }

  /// A store with `count` entries in org `acme`, appended in batches of 7
  /// so that several transactions are involved.
  static func makeStore(at path: String, count: Int, orgs: [String] = ["acme"]) throws -> AuditStore {
    let store = try AuditStore(path: path, access: .write(sync: .normal))
    let appender = try AuditAppender(store: store)
    var items: [AuditAppender.Item] = []
    for index in 0..<count {
      let document = try JSONDocument(bytes: record(index, org: orgs[index % orgs.count]))
      items.append(AuditAppender.Item(
        org: RecordIdentity().org(of: document), agent: RecordIdentity().agent(of: document),
        record: try Canonicalizer.canonicalize(document)))
      if items.count == 7 { _ = try appender.append(items); items.removeAll() }
    }
    _ = try appender.append(items)
    return store
  }

  /// The `tp-audit` executable built next to this test bundle.
  static var binary: String {
    if let override = ProcessInfo.processInfo.environment["TAPPASS_BIN"] { return override + "/tp-audit" }
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return (executable as NSString).deletingLastPathComponent + "/tp-audit"
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `tp-audit` to completion with optional standard input file.
  static func run(_ arguments: [String], stdinPath: String? = nil) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    if let stdinPath { process.standardInput = FileHandle(forReadingAtPath: stdinPath) }
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
               stderr: String(decoding: errData, as: UTF8.self))
  }

  static func writeFile(_ path: String, _ bytes: [UInt8]) {
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }

  /// Writes `count` JSON Lines records (several orgs when asked) to a file.
  static func writeRecords(_ path: String, count: Int, org: String = "acme", offset: Int = 0) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count * 130)
    for index in offset..<offset + count {
      bytes.append(contentsOf: record(index, org: org))
      bytes.append(0x0A)
    }
    writeFile(path, bytes)
  }
}
