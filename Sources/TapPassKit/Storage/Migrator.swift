/// Named, append-only schema migrations recorded in the database
/// (GRDB's `DatabaseMigrator` shape).
///
/// Each migration runs once, in registration order, inside one transaction
/// together with the row that records it in `tp_migrations`. Never edit or
/// reorder a shipped migration: add a new one.
public struct Migrator {
  public struct Migration {
    public let name: String
    public let sql: String
  }

  public private(set) var migrations: [Migration] = []

  public init() {}

  public mutating func register(_ name: String, sql: String) {
    precondition(!migrations.contains { $0.name == name }, "duplicate migration \(name)")
    migrations.append(Migration(name: name, sql: sql))
  }

  /// The names already applied to `database`, in order.
  public static func appliedMigrations(in database: Database) throws(StorageError) -> [String] {
    try database.execute("CREATE TABLE IF NOT EXISTS tp_migrations(name TEXT PRIMARY KEY NOT NULL, applied_at INTEGER NOT NULL)")
    let statement = try database.prepare("SELECT name FROM tp_migrations ORDER BY rowid")
    var names: [String] = []
    while try statement.step() { names.append(statement.string(0)) }
    return names
  }

  /// Applies the migrations not yet recorded. Throws if the database holds
  /// a migration this build does not know (a newer format).
  public func migrate(_ database: Database, now: Int64) throws {
    try database.transaction(.immediate) {
      let applied = try Self.appliedMigrations(in: database)
      let known = migrations.map(\.name)
      if let unknown = applied.first(where: { !known.contains($0) }) {
        throw ToolError("database has migration \(unknown), unknown to this version of the tool")
      }
      let record = try database.prepare("INSERT INTO tp_migrations(name, applied_at) VALUES (?, ?)")
      for migration in migrations where !applied.contains(migration.name) {
        try database.execute(migration.sql)
        try record.bind(migration.name, at: 1)
        try record.bind(now, at: 2)
        try record.execute()
      }
    }
  }
}
