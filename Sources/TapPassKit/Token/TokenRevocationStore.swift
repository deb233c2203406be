import CSQLite

/// Revoked token ids in SQLite (`tp-token revoke`). One table, keyed by
/// `jti`; parameterised SQL only. Revoking a parent revokes its whole
/// delegation subtree without recording the children: every chain carries
/// its ancestors, and the verifier refuses a chain if any link's `jti` is
/// revoked.
///
/// Schema changes are named migrations applied once, recorded in
/// `token_migrations` (GRDB's migrator, in miniature).
public final class TokenRevocationStore {
  public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var description: String { "revocation store: \(message) (SQLite \(code))" }
  }

  private var db: OpaquePointer?

  static let migrations: [(name: String, sql: String)] = [
    ("v1-revoked", """
      CREATE TABLE revoked (
        jti TEXT PRIMARY KEY NOT NULL,
        revoked_at INTEGER NOT NULL,
        reason TEXT
      ) WITHOUT ROWID
      """),
  ]

  /// Opens (and for writing, creates and migrates) the store. Readers open
  /// it read-only and never create it: a mistyped path must be an error,
  /// not an empty store that revokes nothing.
  public init(path: String, readOnly: Bool = false) throws(StoreError) {
    let flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
    let status = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard status == SQLITE_OK else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close(db)
      db = nil
      throw StoreError(code: status, message: "cannot open \(path): \(message)")
    }
    sqlite3_busy_timeout(db, 5000)
    if readOnly {
      let applied = try query("SELECT name FROM token_migrations ORDER BY name", [])
      guard applied.contains(Self.migrations.last!.name) else {
        throw StoreError(code: SQLITE_ERROR, message: "\(path) is not a revocation store of this version")
      }
      return
    }
    var enabled: Int32 = 0
    _ = tp_sqlite_db_config_int(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &enabled)
    try execute("CREATE TABLE IF NOT EXISTS token_migrations (name TEXT PRIMARY KEY NOT NULL)")
    for migration in Self.migrations {
      let applied = try query("SELECT 1 FROM token_migrations WHERE name = ?", [migration.name]).isEmpty == false
      if applied { continue }
      try execute("BEGIN IMMEDIATE")
      do throws(StoreError) {
        try execute(migration.sql)
        try run("INSERT INTO token_migrations (name) VALUES (?)", [migration.name])
        try execute("COMMIT")
      } catch {
        try? execute("ROLLBACK")
        throw error
      }
    }
  }

  deinit { sqlite3_close(db) }

  /// Records `jti` as revoked; revoking twice keeps the first record.
  public func revoke(jti: String, at time: Int64, reason: String?) throws(StoreError) {
    try run("INSERT OR IGNORE INTO revoked (jti, revoked_at, reason) VALUES (?, ?, ?)",
            [jti, String(time), reason])
  }

  public func revokedJTIs() throws(StoreError) -> [String] {
    try query("SELECT jti FROM revoked ORDER BY jti", [])
  }

  // MARK: SQLite plumbing

  private func error(_ status: Int32) -> StoreError {
    StoreError(code: sqlite3_extended_errcode(db), message: String(cString: sqlite3_errmsg(db)))
  }

  private func execute(_ sql: String) throws(StoreError) {
    let status = sqlite3_exec(db, sql, nil, nil, nil)
    guard status == SQLITE_OK else { throw error(status) }
  }

  private func run(_ sql: String, _ parameters: [String?]) throws(StoreError) {
    _ = try query(sql, parameters)
  }

  /// Runs one parameterised statement and returns its first column as text.
  /// Text parameters only: the integer column takes SQLite's numeric
  /// affinity conversion.
  private func query(_ sql: String, _ parameters: [String?]) throws(StoreError) -> [String] {
    var statement: OpaquePointer?
    let prepared = sqlite3_prepare_v2(db, sql, -1, &statement, nil)
    guard prepared == SQLITE_OK else { throw error(prepared) }
    defer { sqlite3_finalize(statement) }
    for (index, parameter) in parameters.enumerated() {
      let status: Int32
      if let parameter {
        status = sqlite3_bind_text(statement, Int32(index + 1), parameter, -1, tp_sqlite_transient())
      } else {
        status = sqlite3_bind_null(statement, Int32(index + 1))
      }
      guard status == SQLITE_OK else { throw error(status) }
    }
    var rows: [String] = []
    while true {
      let step = sqlite3_step(statement)
      if step == SQLITE_DONE { return rows }
      guard step == SQLITE_ROW else { throw error(step) }
      if let text = sqlite3_column_text(statement, 0) { rows.append(String(cString: text)) }
    }
  }
}
