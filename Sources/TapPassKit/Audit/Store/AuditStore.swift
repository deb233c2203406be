import CSQLite
import Glibc

/// An opened tp-audit database: format checks, per-org logs, and reads of
/// entries and Merkle nodes. Appends go through `AuditAppender`, full
/// verification through `ChainVerifier`.
public final class AuditStore {
  public enum Access: Sendable {
    /// Read only; the file must exist and be a tp-audit database.
    case read
    /// Read and write; created (and migrated) when missing or empty.
    case write(sync: SyncMode)
  }

  /// SQLite's `synchronous` setting for writers. In WAL mode `normal` keeps
  /// every committed batch through a process crash (kill -9); `full` also
  /// through power loss, at the cost of an fsync per commit.
  public enum SyncMode: String, Sendable, CaseIterable { case normal, full }

  public struct Log: Sendable, Equatable {
    public var id: Int64
    public var org: String
    public var size: Int
    public var head: Digest32
    public var lastTime: Int64
  }

  public let database: Database
  public let path: String

  public init(path: String, access: Access, busyTimeoutMilliseconds: Int32 = 60_000) throws {
    self.path = path
    switch access {
    case .read:
      guard Self.fileExists(path) else { throw ToolError("cannot open \(path): no such file") }
      database = try Self.wrap(path) { try Database(path: path, mode: .readOnly, busyTimeoutMilliseconds: busyTimeoutMilliseconds) }
      // Readers scan the whole file (verify-chain): map it rather than copy
      // every page through read(2).
      try Self.wrap(path) { try database.execute("PRAGMA mmap_size = 68719476736") }
      try checkFormat()
    case .write(let sync):
      database = try Self.wrap(path) { try Database(path: path, mode: .readWriteCreate, busyTimeoutMilliseconds: busyTimeoutMilliseconds) }
      try Self.wrap(path) {
        // WAL is a property of the file: once set, no lock is needed again.
        if try database.scalarString("PRAGMA journal_mode")?.lowercased() != "wal" {
          try Self.retryingWhileBusy(milliseconds: busyTimeoutMilliseconds) { try database.execute("PRAGMA journal_mode=WAL") }
        }
        try database.execute("PRAGMA synchronous=\(sync == .full ? "FULL" : "NORMAL")")
        try refuseForeign()
        try AuditSchema.migrator.migrate(database, now: Self.nowMilliseconds())
      }
      try checkFormat()
    }
  }

  /// Runs `body` again while SQLite answers busy, for up to `milliseconds`.
  ///
  /// Why: switching a new file to WAL needs an exclusive lock, and SQLite
  /// answers SQLITE_BUSY at once, without its busy handler, when another
  /// process is opening the same new file at that moment (two appenders
  /// started together): it made one of them fail with "database is locked"
  /// (the same was found and fixed in russellromney/honker#102).
  static func retryingWhileBusy(milliseconds: Int32, _ body: () throws -> Void) throws {
    var waited: Int32 = 0
    var pause: Int32 = 1
    while true {
      do {
        return try body()
      } catch let error as StorageError where (error.primary == SQLITE_BUSY || error.primary == SQLITE_LOCKED) && waited < milliseconds {
        usleep(useconds_t(pause) * 1000)
        waited += pause
        pause = min(pause * 2, 50)
      }
    }
  }

  static func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// Turns SQLite failures into a clear, content-free `ToolError` (exit 2).
  static func wrap<R>(_ path: String, _ body: () throws -> R) throws -> R {
    do {
      return try body()
    } catch let error as StorageError {
      throw toolError(error, path: path)
    }
  }

  /// The one place a `StorageError` becomes a user-facing message (exit 2).
  public static func toolError(_ error: StorageError, path: String) -> ToolError {
    if error.isDamagedFile {
      return ToolError("\(path) is damaged: corrupt, truncated or not a tp-audit database (\(error.message))")
    }
    return ToolError("\(path): \(error)")
  }

  /// A database with tables but no migration record is someone else's:
  /// never add our schema to it.
  private func refuseForeign() throws {
    let tables = try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0
    let ours = try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'tp_migrations'") ?? 0
    if tables > 0 && ours == 0 {
      throw ToolError("\(path) is an SQLite database but not a tp-audit database (no tp_migrations table)")
    }
  }

  private func checkFormat() throws {
    try Self.wrap(path) {
      let hasMeta = try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit_meta'") ?? 0
      guard hasMeta == 1, try database.scalarString("SELECT value FROM audit_meta WHERE key = 'format'") == AuditSchema.formatName else {
        throw ToolError("\(path) is not a tp-audit database")
      }
      let version = Int(try database.scalarString("SELECT value FROM audit_meta WHERE key = 'format_version'") ?? "") ?? 0
      guard version >= 1, version <= AuditSchema.formatVersion else {
        throw ToolError("\(path) has audit format version \(version); this tool reads up to \(AuditSchema.formatVersion)")
      }
    }
  }

  public static func nowMilliseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
  }

  // MARK: Logs

  public func logs() throws -> [Log] {
    let statement = try database.prepare("SELECT id, org, size, head, last_time FROM logs ORDER BY id")
    var result: [Log] = []
    while try statement.step() { result.append(Self.log(from: statement)) }
    return result
  }

  public func log(org: String) throws -> Log? {
    let statement = try database.prepare("SELECT id, org, size, head, last_time FROM logs WHERE org = ?")
    try statement.bind(org, at: 1)
    guard try statement.step() else { return nil }
    return Self.log(from: statement)
  }

  /// The log named by `org`, or the only log when `org` is nil.
  public func requireLog(org: String?) throws -> Log {
    if let org {
      guard let log = try log(org: org) else { throw ToolError("no log for org \(org) in \(path)") }
      return log
    }
    let all = try logs()
    guard all.count == 1 else {
      throw ToolError(all.isEmpty ? "\(path) holds no entries" : "\(path) holds \(all.count) org logs: choose one with --org")
    }
    return all[0]
  }

  static func log(from statement: Statement) -> Log {
    Log(id: statement.int64(0), org: statement.string(1), size: statement.int(2),
        head: Digest32(statement.blob(3)) ?? .zero, lastTime: statement.int64(4))
  }

  // MARK: Entries

  public struct Entry: Sendable {
    public var seq: Int
    public var time: Int64
    public var agent: String
    /// The canonical (RFC 8785) record.
    public var record: [UInt8]
    public var leafHash: [UInt8]
    public var chainHash: [UInt8]
  }

  public func entry(log: Log, seq: Int) throws -> Entry? {
    let statement = try database.prepare(
      "SELECT seq, time, agent, record, leaf_hash, chain_hash FROM entries WHERE log_id = ? AND seq = ?")
    try statement.bind(log.id, at: 1)
    try statement.bind(seq, at: 2)
    guard try statement.step() else { return nil }
    return Self.entry(from: statement)
  }

  /// Entries of a log in sequence order from `fromSeq`, calling `body` for
  /// each; stops when `body` returns false.
  public func forEachEntry(log: Log, fromSeq: Int = 0, _ body: (Entry) throws -> Bool) throws {
    let statement = try database.prepare(
      "SELECT seq, time, agent, record, leaf_hash, chain_hash FROM entries WHERE log_id = ? AND seq >= ? ORDER BY seq")
    try statement.bind(log.id, at: 1)
    try statement.bind(fromSeq, at: 2)
    while try statement.step() {
      if try !body(Self.entry(from: statement)) { break }
    }
  }

  /// The first sequence number below `size` whose time satisfies
  /// `predicate` (which must be monotonic: false…false true…true, as entry
  /// times are non-decreasing within a log), or `size` when none does.
  public func firstSeq(log: Log, size: Int, where predicate: (Int64) -> Bool) throws -> Int {
    let statement = try database.prepare("SELECT time FROM entries WHERE log_id = ? AND seq = ?")
    var low = 0
    var high = size
    while low < high {
      let middle = (low + high) / 2
      try statement.bind(log.id, at: 1)
      try statement.bind(middle, at: 2)
      let found = try statement.step()
      let time = statement.int64(0)
      statement.reset()
      guard found else { throw ToolError("entry \(middle) is missing: run verify-chain", status: .found) }
      if predicate(time) { high = middle } else { low = middle + 1 }
    }
    return low
  }

  static func entry(from statement: Statement) -> Entry {
    Entry(seq: statement.int(0), time: statement.int64(1), agent: statement.string(2),
          record: statement.blob(3), leafHash: statement.blob(4), chainHash: statement.blob(5))
  }

  /// The envelope (hashed bytes) of an entry; see `EntryEnvelope`.
  public static func envelope(of entry: Entry, org: String) -> [UInt8] {
    var buffer: [UInt8] = []
    var orgJSON: [UInt8] = []
    Canonicalizer.appendString(Array(org.utf8), to: &orgJSON)
    entry.record.withUnsafeBufferPointer { record in
      EntryEnvelope.build(into: &buffer, agent: Array(entry.agent.utf8), orgJSON: orgJSON,
                          record: record, seq: entry.seq, time: entry.time)
    }
    return buffer
  }

  // MARK: Merkle

  /// Stored tree nodes of one log: level 0 from `entries.leaf_hash`,
  /// higher levels from `merkle_nodes`. Statements are prepared once.
  public final class NodeSource: MerkleNodeSource {
    let leafStatement: Statement
    let nodeStatement: Statement
    let logID: Int64

    init(database: Database, logID: Int64) throws {
      leafStatement = try database.prepare("SELECT leaf_hash FROM entries WHERE log_id = ? AND seq = ?")
      nodeStatement = try database.prepare("SELECT hash FROM merkle_nodes WHERE log_id = ? AND level = ? AND idx = ?")
      self.logID = logID
    }

    /// Proofs of one size ask for the same right-edge nodes repeatedly
    /// (every MTH(D[k:n]) decomposes into them): looked up once each, which
    /// keeps a proof at O(log n) lookups instead of O(log² n).
    var cache: [Int: Digest32] = [:]

    public func node(level: Int, index: Int) throws -> Digest32 {
      let key = level << 56 | index
      if let cached = cache[key] { return cached }
      let digest = try lookup(level: level, index: index)
      cache[key] = digest
      return digest
    }

    func lookup(level: Int, index: Int) throws -> Digest32 {
      let statement = level == 0 ? leafStatement : nodeStatement
      defer { statement.reset() }
      try statement.bind(logID, at: 1)
      if level == 0 {
        try statement.bind(index, at: 2)
      } else {
        try statement.bind(level, at: 2)
        try statement.bind(index, at: 3)
      }
      guard try statement.step(), let digest = Digest32(statement.blob(0)) else {
        throw ToolError("Merkle node missing or damaged: level \(level) index \(index)", status: .found)
      }
      return digest
    }
  }

  public func nodeSource(log: Log) throws -> NodeSource {
    try NodeSource(database: database, logID: log.id)
  }

  public func prover(log: Log) throws -> MerkleProver<NodeSource> {
    MerkleProver(source: try nodeSource(log: log))
  }
}
