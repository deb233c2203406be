/// The tp-audit database schema: named migrations (recorded in
/// `tp_migrations`) and the format identification in `audit_meta`.
///
/// Tables (docs/audit-format.md has the full description):
/// - `logs`: one row per org log with its size, chain head and last time;
/// - `entries`: one row per appended record (canonical JSON) with its leaf
///   and chain hashes; `(log_id, seq)` is unique;
/// - `merkle_nodes`: every completed interior node (level ≥ 1) of each
///   org's RFC 9162 tree, so proofs never recompute the tree;
/// - `checkpoints`: signed tree heads.
public enum AuditSchema {
  /// Written to `audit_meta.format`; anything else is a foreign database.
  public static let formatName = "tappass-audit"
  /// The on-disk format version this build writes and reads.
  public static let formatVersion = 2

  public static var migrator: Migrator {
    var migrator = Migrator()
    migrator.register("v1-initial-schema", sql: """
      CREATE TABLE audit_meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO audit_meta(key, value) VALUES ('format', '\(formatName)'), ('format_version', '1');
      CREATE TABLE logs(
        id INTEGER PRIMARY KEY,
        org TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        head BLOB NOT NULL,
        last_time INTEGER NOT NULL
      );
      CREATE TABLE entries(
        id INTEGER PRIMARY KEY,
        log_id INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        time INTEGER NOT NULL,
        agent TEXT NOT NULL,
        record BLOB NOT NULL,
        leaf_hash BLOB NOT NULL,
        chain_hash BLOB NOT NULL
      );
      CREATE UNIQUE INDEX entries_by_seq ON entries(log_id, seq);
      CREATE TABLE merkle_nodes(
        log_id INTEGER NOT NULL,
        level INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        hash BLOB NOT NULL,
        PRIMARY KEY(log_id, level, idx)
      ) WITHOUT ROWID;
      CREATE TABLE checkpoints(
        id INTEGER PRIMARY KEY,
        log_id INTEGER NOT NULL,
        size INTEGER NOT NULL,
        root BLOB NOT NULL,
        time INTEGER NOT NULL,
        key_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        signature BLOB NOT NULL
      );
      """)
    // Health, drift and metrics aggregates, kept up to date by
    // `AgentStatsRecorder` inside each append transaction. Entries appended
    // before this migration are not counted.
    migrator.register("v2-agent-aggregates", sql: """
      CREATE TABLE agent_stats(
        log_id INTEGER NOT NULL,
        agent TEXT NOT NULL,
        entries REAL NOT NULL, blocked REAL NOT NULL, errors REAL NOT NULL, findings INTEGER NOT NULL,
        data REAL NOT NULL, security REAL NOT NULL, tokens REAL NOT NULL, token_entries REAL NOT NULL,
        w_entries REAL NOT NULL, w_blocked REAL NOT NULL, w_errors REAL NOT NULL, w_data REAL NOT NULL,
        w_security REAL NOT NULL, w_tokens REAL NOT NULL, w_token_entries REAL NOT NULL,
        last_seq INTEGER NOT NULL, last_time INTEGER NOT NULL,
        PRIMARY KEY(log_id, agent)
      ) WITHOUT ROWID;
      CREATE TABLE agent_histograms(
        log_id INTEGER NOT NULL, agent TEXT NOT NULL, signal TEXT NOT NULL, hour INTEGER NOT NULL,
        category TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY(log_id, agent, signal, hour, category)
      ) WITHOUT ROWID;
      CREATE TABLE agent_sessions(
        log_id INTEGER NOT NULL, agent TEXT NOT NULL, session TEXT NOT NULL,
        first_time INTEGER NOT NULL, last_time INTEGER NOT NULL, entries INTEGER NOT NULL,
        PRIMARY KEY(log_id, agent, session)
      ) WITHOUT ROWID;
      UPDATE audit_meta SET value = '2' WHERE key = 'format_version';
      """)
    return migrator
  }
}
