import CSQLite

/// A value bound to a statement parameter.
public enum DatabaseValue: Sendable {
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])
  case null

  public static func int(_ value: Int) -> DatabaseValue { .integer(Int64(value)) }
}

/// A prepared statement. Values are only ever bound as parameters: no SQL
/// in this package is built from data.
///
/// Reuse one statement across many executions (`reset()` then bind again);
/// that is what keeps batched appends fast.
public final class Statement {
  let handle: OpaquePointer
  public let sql: String
  unowned let database: Database

  init(database: Database, sql: String) throws(StorageError) {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else {
      throw database.error(code: code, sql: sql)
    }
    self.handle = statement
    self.sql = sql
    self.database = database
  }

  deinit { sqlite3_finalize(handle) }

  // MARK: Binding (1-based indices, as in SQLite)

  public func bind(_ value: Int64, at index: Int32) throws(StorageError) {
    try check(sqlite3_bind_int64(handle, index, value))
  }

  public func bind(_ value: Int, at index: Int32) throws(StorageError) {
    try bind(Int64(value), at: index)
  }

  public func bind(_ value: Double, at index: Int32) throws(StorageError) {
    try check(sqlite3_bind_double(handle, index, value))
  }

  public func bind(_ value: String, at index: Int32) throws(StorageError) {
    var copy = value
    let code = copy.withUTF8 { raw -> Int32 in
      raw.withMemoryRebound(to: CChar.self) { chars in
        sqlite3_bind_text(handle, index, chars.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(chars.count), tp_sqlite_transient())
      }
    }
    try check(code)
  }

  /// Binds a copy of the bytes (SQLITE_TRANSIENT); an empty blob stays a
  /// blob, not NULL.
  public func bind(blob value: [UInt8], at index: Int32) throws(StorageError) {
    try check(value.withUnsafeBytes { bindBlob($0, index) })
  }

  public func bind(blob value: Digest32, at index: Int32) throws(StorageError) {
    try check(value.withBytes { bindBlob($0, index) })
  }

  private func bindBlob(_ raw: UnsafeRawBufferPointer, _ index: Int32) -> Int32 {
    sqlite3_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), tp_sqlite_transient())
  }

  /// Binds `arguments` to parameters 1, 2, … in order (GRDB's
  /// `StatementArguments`), then runs the statement and resets it.
  public func execute(arguments: [DatabaseValue]) throws(StorageError) {
    for (offset, value) in arguments.enumerated() {
      let index = Int32(offset + 1)
      switch value {
      case .integer(let number): try bind(number, at: index)
      case .real(let number): try bind(number, at: index)
      case .text(let text): try bind(text, at: index)
      case .blob(let bytes): try bind(blob: bytes, at: index)
      case .null: try bindNull(at: index)
      }
    }
    try execute()
  }

  public func bindNull(at index: Int32) throws(StorageError) {
    try check(sqlite3_bind_null(handle, index))
  }

  private func check(_ code: Int32) throws(StorageError) {
    if code != SQLITE_OK { throw database.error(code: code, sql: sql) }
  }

  // MARK: Execution

  /// Advances to the next row; false when done.
  @discardableResult
  public func step() throws(StorageError) -> Bool {
    let code = sqlite3_step(handle)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    let error = database.error(code: code, sql: sql)
    sqlite3_reset(handle)
    throw error
  }

  /// Runs a statement that returns no rows, then resets it for reuse.
  public func execute() throws(StorageError) {
    defer { reset() }
    while try step() {}
  }

  public func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  // MARK: Columns (0-based indices, as in SQLite)

  public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
  public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
  public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
  public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

  public func string(_ column: Int32) -> String {
    guard let text = sqlite3_column_text(handle, column) else { return "" }
    let count = Int(sqlite3_column_bytes(handle, column))
    return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
  }

  public func blob(_ column: Int32) -> [UInt8] {
    withBlob(column) { Array($0) }
  }

  /// The column's bytes without copying; valid only inside `body`.
  public func withBlob<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let pointer = sqlite3_column_blob(handle, column)
    let count = Int(sqlite3_column_bytes(handle, column))
    guard let pointer, count > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    return try body(UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: count))
  }
}
