import CSQLite

/// An SQLite failure, shaped like GRDB's `DatabaseError`: the primary and
/// extended result codes, SQLite's message, and the SQL that failed (never
/// the bound values, which may hold record content).
///
/// Match on codes with `catch let error as StorageError where error.primary == SQLITE_BUSY`.
public struct StorageError: Error, CustomStringConvertible, Sendable {
  /// The primary result code (`extended & 0xFF`), e.g. `SQLITE_CORRUPT`.
  public var primary: Int32 { extended & 0xFF }
  /// The extended result code, e.g. `SQLITE_IOERR_FSYNC`.
  public let extended: Int32
  public let message: String
  public let sql: String?

  public init(extended: Int32, message: String, sql: String? = nil) {
    self.extended = extended
    self.message = message
    self.sql = sql
  }

  /// The damaged-file codes: a truncated, overwritten or foreign file.
  public var isDamagedFile: Bool { primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB }

  public var description: String {
    var text = "SQLite error \(primary)"
    if extended != primary { text += " (extended \(extended))" }
    text += ": \(message)"
    if let sql { text += " [\(sql)]" }
    return text
  }
}
