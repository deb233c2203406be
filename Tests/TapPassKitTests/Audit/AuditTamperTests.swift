import Foundation
import Testing
@testable import TapPassKit

/// Reliability: every kind of tampering with a stored log is detected and
/// located, and damaged or foreign files give a clear error.
@Suite struct AuditTamperTests {
  let directory = AuditTestSupport.temporaryDirectory()
  var path: String { directory + "/audit.db" }

  func verify(_ store: AuditStore) throws -> ChainVerifier.Report {
    try ChainVerifier(store: store).verify()
  }

  func sql(_ store: AuditStore, _ text: String, _ bind: (Statement) throws -> Void = { _ in }) throws {
    let statement = try store.database.prepare(text)
    try bind(statement)
    try statement.execute()
  }

  @Test func intactStoreVerifies() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 100, orgs: ["acme", "globex"])
    let report = try verify(store)
    #expect(report.problem == nil)
    #expect(report.entries == 100)
    #expect(report.logs.map(\.size) == [50, 50])
  }

  /// Every byte of one entry's record, agent, leaf hash and chain hash.
  @Test func flippingAnyByteOfAnEntryIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    let target = 11
    for column in ["record", "agent", "leaf_hash", "chain_hash"] {
      let original = try #require(try {
        let statement = try store.database.prepare("SELECT \(column) FROM entries WHERE seq = ?")
        try statement.bind(target, at: 1)
        _ = try statement.step()
        return statement.blob(0)
      }())
      for offset in 0..<original.count {
        var flipped = original
        flipped[offset] ^= 0x01
        let set = "UPDATE entries SET \(column) = ? WHERE seq = ?"
        try sql(store, set) { try $0.bind(blob: flipped, at: 1); try $0.bind(target, at: 2) }
        let problem = try #require(try verify(store).problem, "\(column) byte \(offset)")
        #expect(problem.kind == .modified && problem.seq == target, "\(column) byte \(offset): \(problem)")
        try sql(store, set) { try $0.bind(blob: original, at: 1); try $0.bind(target, at: 2) }
      }
    }
    for (column, delta) in [("time", 1), ("seq", 100)] {
      try sql(store, "UPDATE entries SET \(column) = \(column) + \(delta) WHERE seq = \(target)")
      let problem = try #require(try verify(store).problem)
      #expect(problem.seq == target || problem.kind == .deleted, "\(column): \(problem)")
      try sql(store, "UPDATE entries SET \(column) = \(column) - \(delta) WHERE seq = \(target + (column == "seq" ? delta : 0))")
    }
    #expect(try verify(store).problem == nil)
  }

  @Test func flippingBytesOfTheFileIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    do {
      let store = try AuditTestSupport.makeStore(at: path, count: 30)
      try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
    var file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let marker = Array("entry number 17 ".utf8)
    let position = try #require((0..<file.count - marker.count).first { file[$0..<$0 + marker.count].elementsEqual(marker) })
    for offset in [0, 6, 13] {
      file[position + offset] ^= 0x20
      AuditTestSupport.writeFile(path, file)
      let store = try AuditStore(path: path, access: .read)
      let problem = try #require(try verify(store).problem)
      #expect(problem.kind == .modified && problem.seq == 17)
      file[position + offset] ^= 0x20
    }
  }

  /// Verification reads in chunks of 4096 rows on two threads: problems at
  /// and across chunk boundaries are located exactly.
  @Test func problemsAcrossChunkBoundariesAreLocated() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 10_000)
    let intact = try verify(store)
    #expect(intact.problem == nil && intact.entries == 10_000)
    for target in [4095, 4096, 8192, 9999] {
      try store.database.execute("SAVEPOINT edit")
      try sql(store, "UPDATE entries SET time = time + 1 WHERE seq = \(target)")
      let problem = try #require(try verify(store).problem)
      #expect(problem.kind == .modified && problem.seq == target)
      try store.database.execute("ROLLBACK TO edit; RELEASE edit")
      try store.database.execute("SAVEPOINT edit")
      try sql(store, "DELETE FROM entries WHERE seq = \(target)")
      let deleted = try #require(try verify(store).problem)
      #expect((deleted.kind == .deleted || deleted.kind == .truncated) && deleted.seq == target, "\(deleted)")
      try store.database.execute("ROLLBACK TO edit; RELEASE edit")
    }
  }

  @Test func deletedRowIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    try sql(store, "DELETE FROM entries WHERE seq IN (5, 6)")
    let problem = try #require(try verify(store).problem)
    #expect(problem.kind == .deleted && problem.seq == 5)
  }

  @Test func deletedTailIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    try sql(store, "DELETE FROM entries WHERE seq >= 17")
    let problem = try #require(try verify(store).problem)
    #expect(problem.kind == .truncated && problem.seq == 17)
  }

  /// Deleting the tail and rewriting the log head: only a signed checkpoint
  /// can tell, and it does.
  @Test func deletedTailWithForgedHeadIsCaughtByCheckpoint() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    let log = try store.requireLog(org: nil)
    _ = try CheckpointStore(store: store).create(log: log, key: try Ed25519PrivateKey.generate(), time: 1)
    let head = try #require(try store.entry(log: log, seq: 16)).chainHash
    try sql(store, "DELETE FROM entries WHERE seq >= 17")
    try sql(store, "DELETE FROM merkle_nodes WHERE idx * (1 << level) + (1 << level) > 17")
    try sql(store, "UPDATE logs SET size = 17, head = ?") { try $0.bind(blob: head, at: 1) }
    let problem = try #require(try verify(store).problem)
    #expect(problem.kind == .truncated)
  }

  @Test func swappedRowsAreDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    // Swap every column of rows 8 and 9 (their positions in insertion order).
    try sql(store, "UPDATE entries SET id = -1 WHERE seq = 8")
    try sql(store, "UPDATE entries SET id = (SELECT id FROM entries WHERE seq = 7) + 1 WHERE seq = 9")
    try sql(store, "UPDATE entries SET id = (SELECT id FROM entries WHERE seq = 9) + 1 WHERE seq = 8")
    let problem = try #require(try verify(store).problem)
    #expect(problem.kind == .reordered && problem.seq == 8)
  }

  @Test func swappedContentIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    try sql(store, """
      UPDATE entries SET record = CASE seq WHEN 3 THEN (SELECT record FROM entries WHERE seq = 4)
                                           ELSE (SELECT record FROM entries WHERE seq = 3) END
      WHERE seq IN (3, 4)
      """)
    let problem = try #require(try verify(store).problem)
    #expect(problem.kind == .modified && problem.seq == 3)
  }

  @Test func insertedRowIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    try store.database.execute("DROP INDEX entries_by_seq")
    try sql(store, "INSERT INTO entries(log_id, seq, time, agent, record, leaf_hash, chain_hash) SELECT log_id, seq, time, agent, record, leaf_hash, chain_hash FROM entries WHERE seq = 4")
    let problem = try #require(try verify(store).problem)
    #expect(problem.kind == .inserted && problem.seq == 4)
  }

  @Test func editedCheckpointIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    let log = try store.requireLog(org: nil)
    let key = try Ed25519PrivateKey.generate()
    _ = try CheckpointStore(store: store).create(log: log, key: key, time: 1)
    #expect(try verify(store).problem == nil)
    for edit in ["size = size - 1", "time = time + 1", "root = zeroblob(32)",
                 "signature = zeroblob(64)", "key_id = 'x'"] {
      try store.database.execute("SAVEPOINT edit")
      try store.database.execute("UPDATE checkpoints SET \(edit)")
      let problem = try #require(try verify(store).problem, "\(edit)")
      #expect(problem.kind == .checkpoint, "\(edit): \(problem)")
      try store.database.execute("ROLLBACK TO edit; RELEASE edit")
    }
    // A checkpoint re-signed with another key passes only without a pin.
    let other = try Ed25519PrivateKey.generate()
    #expect(try ChainVerifier(store: store, pinnedKey: key.publicKey).verify().problem == nil)
    #expect(try ChainVerifier(store: store, pinnedKey: other.publicKey).verify().problem?.kind == .checkpoint)
  }

  @Test func tamperedMerkleNodeIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: path, count: 20)
    try sql(store, "UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 4 AND idx = 0")
    #expect(try verify(store).problem?.kind == .modified)
  }

  @Test func truncatedFileIsDetected() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    do {
      let store = try AuditTestSupport.makeStore(at: path, count: 2000)
      try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
    let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    for cut in [size / 2, size - 4096, size - 100] {
      let original = try Data(contentsOf: URL(fileURLWithPath: path))
      #expect(truncate(path, off_t(cut)) == 0)
      // Detected as a verification failure (exit 1) or a damaged file
      // (exit 2): never reported intact, never a crash.
      let run = try AuditTestSupport.run(["verify-chain", "--db", path])
      #expect(run.status == 1 || run.status == 2, "cut at \(cut): \(run.stdout) \(run.stderr)")
      #expect(!run.stdout.contains(#""ok":true"#))
      try original.write(to: URL(fileURLWithPath: path))
    }
  }

  @Test func foreignAndCorruptFilesGiveAClearError() throws {
    defer { AuditTestSupport.removeDirectory(directory) }
    let foreign = directory + "/foreign.db"
    do {
      let database = try Database(path: foreign, mode: .readWriteCreate)
      try database.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)")
    }
    let garbage = directory + "/garbage.db"
    AuditTestSupport.writeFile(garbage, Array(repeating: 0x41, count: 8192))
    let header = directory + "/header-only.db"
    AuditTestSupport.writeFile(header, Array("SQLite format 3\0".utf8) + Array(repeating: 0xFF, count: 4080))
    let input = directory + "/in.jsonl"
    AuditTestSupport.writeRecords(input, count: 3)
    for file in [foreign, garbage, header] {
      for arguments in [["append", "--db", file, input], ["verify-chain", "--db", file], ["prove", "--db", file, "--inclusion", "0"]] {
        let run = try AuditTestSupport.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.status) \(run.stderr)")
        #expect(run.stderr.contains("not a tp-audit database") || run.stderr.contains("damaged"), "\(arguments): \(run.stderr)")
      }
    }
    // The foreign database was not touched.
    let database = try Database(path: foreign, mode: .readOnly)
    #expect(try database.scalarInt("SELECT count(*) FROM sqlite_schema") == 1)
    let missing = try AuditTestSupport.run(["verify-chain", "--db", directory + "/nope.db"])
    #expect(missing.status == 2)
  }
}

/// Disk full: SQLITE_FULL is reported as an error, the failed batch is not
/// acknowledged, and everything acknowledged before stays intact.
@Suite struct AuditDiskFullTests {
  @Test func fullDiskLosesNothingAcknowledged() throws {
    let directory = AuditTestSupport.temporaryDirectory()
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditTestSupport.makeStore(at: directory + "/audit.db", count: 50)
    // A hard cap on the file's pages stands in for a full file system.
    let pages = try #require(try store.database.scalarInt("PRAGMA page_count"))
    _ = try store.database.scalarInt("PRAGMA max_page_count = \(pages + 2)")
    let appender = try AuditAppender(store: store)
    var acknowledged = 50
    var failure: StorageError?
    for round in 0..<200 {
      let items = try (0..<50).map { index in
        let document = try JSONDocument(bytes: AuditTestSupport.record(1000 + round * 50 + index))
        return AuditAppender.Item(org: "acme", agent: "a", record: try Canonicalizer.canonicalize(document))
      }
      do {
        let acks = try appender.append(items)
        acknowledged = acks[0].size
      } catch let error as StorageError {
        failure = error
        break
      }
    }
    let error = try #require(failure)
    #expect(error.primary == 13)  // SQLITE_FULL
    #expect(AuditStore.toolError(error, path: "audit.db").message.contains("full"))
    let report = try ChainVerifier(store: store).verify()
    #expect(report.problem == nil)
    #expect(report.logs.first?.size == acknowledged)
  }
}
