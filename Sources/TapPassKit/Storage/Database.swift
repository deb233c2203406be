import CSQLite

/// One SQLite connection (GRDB-shaped, minimal): open with flags, set
/// pragmas, prepare statements, run transactions.
///
/// Topics:
/// - Opening: `init(path:mode:busyTimeoutMilliseconds:)`
/// - Statements: `prepare(_:)`, `execute(_:)`, `scalarInt(_:)`
/// - Transactions: `transaction(_:body:)` (`BEGIN IMMEDIATE` takes the write
///   lock up front, so concurrent writers queue on the busy timeout instead
///   of failing with SQLITE_BUSY half-way through)
///
/// Not thread-safe: one connection per thread, as SQLite recommends.
public final class Database {
  public enum Mode: Sendable { case readOnly, readWrite, readWriteCreate }

  let handle: OpaquePointer
  public let path: String

  public init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32 = 60_000) throws(StorageError) {
    var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
    switch mode {
    case .readOnly: flags |= SQLITE_OPEN_READONLY
    case .readWrite: flags |= SQLITE_OPEN_READWRITE
    case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
    }
    var connection: OpaquePointer?
    let code = sqlite3_open_v2(path, &connection, flags, nil)
    guard code == SQLITE_OK, let connection else {
      let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
      if let connection { sqlite3_close_v2(connection) }
      throw StorageError(extended: code, message: message)
    }
    self.handle = connection
    self.path = path
    sqlite3_extended_result_codes(connection, 1)
    sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
    // Defensive mode: no writable_schema or other raw-file footguns through SQL.
    var ignored: Int32 = 0
    _ = tp_sqlite_db_config_int(connection, SQLITE_DBCONFIG_DEFENSIVE, 1, &ignored)
  }

  deinit { sqlite3_close_v2(handle) }

  func error(code: Int32, sql: String?) -> StorageError {
    let extended = sqlite3_extended_errcode(handle)
    // When the connection's last error is unrelated (e.g. a bind misuse),
    // keep the code we were given.
    let effective = (extended & 0xFF) == (code & 0xFF) ? extended : code
    return StorageError(extended: effective, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
  }

  public func prepare(_ sql: String) throws(StorageError) -> Statement {
    try Statement(database: self, sql: sql)
  }

  /// Runs one or more statements that take no parameters (schema, pragmas).
  public func execute(_ sql: String) throws(StorageError) {
    var message: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(handle, sql, nil, nil, &message)
    if code != SQLITE_OK {
      let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
      sqlite3_free(message)
      throw StorageError(extended: sqlite3_extended_errcode(handle), message: text, sql: sql)
    }
  }

  /// The first column of the first row, or nil when there is no row.
  public func scalarInt(_ sql: String) throws(StorageError) -> Int? {
    let statement = try prepare(sql)
    guard try statement.step() else { return nil }
    return statement.isNull(0) ? nil : statement.int(0)
  }

  public func scalarString(_ sql: String) throws(StorageError) -> String? {
    let statement = try prepare(sql)
    guard try statement.step() else { return nil }
    return statement.isNull(0) ? nil : statement.string(0)
  }

  public enum TransactionKind: String, Sendable { case deferred = "DEFERRED", immediate = "IMMEDIATE" }

  /// Runs `body` in a transaction; commits when it returns, rolls back when
  /// it throws. The commit is durable (per the connection's `synchronous`
  /// setting) when this returns.
  public func transaction<R>(_ kind: TransactionKind = .immediate, body: () throws -> R) throws -> R {
    try execute("BEGIN \(kind.rawValue)")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  public var changes: Int { Int(sqlite3_changes64(handle)) }
  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
}
