import Foundation
import Glibc
import Testing
@testable import TapPassKit

/// Reliability tests against the built `tp-audit` binary as a separate
/// process: crash (kill -9) during a large append, concurrent appenders,
/// and the exit-status contract end to end.
@Suite(.serialized) struct AuditProcessTests {
  let directory = AuditTestSupport.temporaryDirectory()

  struct Ack { var size: Int; var head: String }

  static func parseAcks(_ text: Substring) throws -> [Ack] {
    try text.split(separator: "\n").map { line in
      let document = try JSONDocument(bytes: Array(line.utf8))
      let fields = JSONFields(document: document, node: 0, what: "ack")
      return Ack(size: try fields.int("size"), head: try fields.string("head"))
    }
  }

  @Test func killDuringLargeAppendLosesNothingAcknowledged() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let input = directory + "/in.jsonl"
    let db = directory + "/audit.db"
    AuditTestSupport.writeRecords(input, count: 400_000)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: AuditTestSupport.binary)
    process.arguments = ["append", "--db", db, "--batch-size", "500", input]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()

    // Read acknowledgements until a good number are in, then SIGKILL
    // mid-stream (the append of 400k entries is far from done).
    let fd = out.fileHandleForReading.fileDescriptor
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var killed = false
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      received.append(contentsOf: buffer[0..<count])
      if !killed, received.split(separator: 0x0A).count >= 40 {
        kill(process.processIdentifier, SIGKILL)
        killed = true
      }
    }
    process.waitUntilExit()
    #expect(killed)
    #expect(process.terminationReason == .uncaughtSignal)

    // Only complete lines are acknowledgements.
    var text = String(decoding: received, as: UTF8.self)
    if !text.hasSuffix("\n"), let last = text.lastIndex(of: "\n") { text = String(text[...last]) }
    let acks = try Self.parseAcks(Substring(text))
    let acknowledged = try #require(acks.last)
    #expect(acknowledged.size >= 40 * 500)
    #expect(acknowledged.size < 400_000)

    let store = try AuditStore(path: db, access: .read)
    let report = try ChainVerifier(store: store).verify()
    #expect(report.problem == nil)
    let log = try store.requireLog(org: "acme")
    #expect(log.size >= acknowledged.size)
    // Every acknowledged head is the stored chain hash at that position.
    for ack in acks {
      let entry = try #require(try store.entry(log: log, seq: ack.size - 1))
      #expect(Hex.encode(entry.chainHash) == ack.head)
    }

    // The store keeps working after the crash.
    let more = directory + "/more.jsonl"
    AuditTestSupport.writeRecords(more, count: 10, offset: 400_000)
    #expect(try AuditTestSupport.run(["append", "--db", db, more]).status == 0)
    #expect(try AuditTestSupport.run(["verify-chain", "--db", db]).status == 0)
  }

  /// A slow producer on a pipe: each record is acknowledged while the
  /// pipe is still open, not when a batch of 4096 fills or input ends.
  @Test func streamedRecordsAreAcknowledgedPromptly() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: AuditTestSupport.binary)
    process.arguments = ["append", "--db", directory + "/audit.db"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let fd = output.fileHandleForReading.fileDescriptor
    for index in 0..<3 {
      input.fileHandleForWriting.write(Data(AuditTestSupport.record(index) + [0x0A]))
      var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      #expect(poll(&descriptor, 1, 20_000) == 1, "no acknowledgement for record \(index)")
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      let line = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
      #expect(line.contains(#""size":\#(index + 1)"#), "\(line)")
    }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  /// Appenders started together on a file that does not exist yet: each
  /// waits for the others' setup (WAL switch, schema) instead of failing.
  @Test func appendersStartedTogetherOnANewFileAllSucceed() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let input = directory + "/in.jsonl"
    AuditTestSupport.writeRecords(input, count: 20)
    for round in 0..<8 {
      let db = directory + "/fresh\(round).db"
      let processes = (0..<4).map { _ in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AuditTestSupport.binary)
        process.arguments = ["append", "--db", db, "--quiet", input]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
      }
      for process in processes { try process.run() }
      for process in processes {
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "round \(round)")
      }
      let report = try ChainVerifier(store: try AuditStore(path: db, access: .read)).verify()
      #expect(report.problem == nil)
      #expect(report.entries == 80)
    }
  }

  @Test func concurrentAppendersKeepOneChain() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let db = directory + "/audit.db"
    let perProcess = 20_000
    var processes: [Process] = []
    for writer in 0..<2 {
      let input = directory + "/in\(writer).jsonl"
      AuditTestSupport.writeRecords(input, count: perProcess, offset: writer * perProcess)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: AuditTestSupport.binary)
      process.arguments = ["append", "--db", db, "--batch-size", "250", "--quiet", input]
      process.standardOutput = FileHandle.nullDevice
      processes.append(process)
    }
    for process in processes { try process.run() }
    for process in processes {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    let store = try AuditStore(path: db, access: .read)
    let report = try ChainVerifier(store: store).verify()
    #expect(report.problem == nil)
    #expect(report.entries == 2 * perProcess)
    #expect(report.logs.count == 1)
    // No entry lost or duplicated: every record number appears exactly once.
    let distinct = try store.database.scalarInt("SELECT count(DISTINCT json_extract(record, '$.n')) FROM entries")
    #expect(distinct == 2 * perProcess)
    // Both writers interleaved (otherwise the test proves little).
    let switches = try store.database.scalarInt("""
      SELECT count(*) FROM entries a JOIN entries b ON b.seq = a.seq + 1
      WHERE (json_extract(a.record, '$.n') < \(perProcess)) != (json_extract(b.record, '$.n') < \(perProcess))
      """) ?? 0
    #expect(switches >= 1)
  }

  @Test func commandLineContract() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let db = directory + "/audit.db"
    let input = directory + "/in.jsonl"
    let key = directory + "/key.pem"
    AuditTestSupport.writeRecords(input, count: 50)
    AuditTestSupport.writeFile(directory + "/bad.jsonl", Array("{\"a\":1}\nnot json\n".utf8))

    #expect(try AuditTestSupport.run(["append", "--db", db, input]).status == 0)
    #expect(try AuditTestSupport.run(["keygen", "--out", key]).status == 0)
    var info = stat()
    #expect(stat(key, &info) == 0 && info.st_mode & 0o777 == 0o600)
    #expect(try AuditTestSupport.run(["keygen", "--out", key]).status == 2)

    let first = try AuditTestSupport.run(["checkpoint", "--db", db, "--key", key])
    #expect(first.status == 0)
    AuditTestSupport.writeFile(directory + "/cp1.json", Array(first.stdout.utf8))
    AuditTestSupport.writeRecords(input, count: 30, offset: 50)
    #expect(try AuditTestSupport.run(["append", "--db", db, input]).status == 0)
    let second = try AuditTestSupport.run(["checkpoint", "--db", db, "--key", key])
    AuditTestSupport.writeFile(directory + "/cp2.json", Array(second.stdout.utf8))

    let inclusion = try AuditTestSupport.run(["prove", "--db", db, "--inclusion", "42"])
    #expect(inclusion.status == 0)
    AuditTestSupport.writeFile(directory + "/inc.json", Array(inclusion.stdout.utf8))
    let ok = try AuditTestSupport.run(["verify-proof", "--proof", directory + "/inc.json", "--checkpoint", directory + "/cp2.json", "--pubkey", key + ".pub"])
    #expect(ok.status == 0, "\(ok.stdout) \(ok.stderr)")

    let consistency = try AuditTestSupport.run(["prove", "--db", db, "--consistency", "50", "80"])
    AuditTestSupport.writeFile(directory + "/cons.json", Array(consistency.stdout.utf8))
    let consistent = try AuditTestSupport.run(["verify-proof", "--proof", directory + "/cons.json", "--checkpoint", directory + "/cp2.json",
                                               "--old-checkpoint", directory + "/cp1.json", "--pubkey", key + ".pub"])
    #expect(consistent.status == 0, "\(consistent.stdout) \(consistent.stderr)")

    // A proof whose entry was altered, and a checkpoint whose size was edited: exit 1.
    AuditTestSupport.writeFile(directory + "/bad-inc.json", Array(inclusion.stdout.replacingOccurrences(of: "entry number 42", with: "entry number 43").utf8))
    #expect(try AuditTestSupport.run(["verify-proof", "--proof", directory + "/bad-inc.json", "--checkpoint", directory + "/cp2.json"]).status == 1)
    AuditTestSupport.writeFile(directory + "/bad-cp.json", Array(second.stdout.replacingOccurrences(of: #""size":80"#, with: #""size":81"#).utf8))
    #expect(try AuditTestSupport.run(["verify-proof", "--proof", directory + "/inc.json", "--checkpoint", directory + "/bad-cp.json"]).status == 1)

    // Unreadable input lines: error record, exit 2, the rest appended.
    let bad = try AuditTestSupport.run(["append", "--db", db, directory + "/bad.jsonl"])
    #expect(bad.status == 2)
    #expect(bad.stdout.contains("malformed_json") && !bad.stdout.contains("not json"))
    #expect(try AuditTestSupport.run(["verify-chain", "--db", db]).stdout.contains(#""entries":81"#))

    // Usage errors.
    #expect(try AuditTestSupport.run(["prove", "--db", db]).status == 64)
    #expect(try AuditTestSupport.run(["append"]).status == 64)
    #expect(try AuditTestSupport.run(["verify-chain", "--help"]).status == 0)
  }
}
