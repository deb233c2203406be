/// Signed checkpoints kept in the database, so `verify-chain` can check
/// the entries against every tree head ever signed.
public struct CheckpointStore {
  let store: AuditStore

  public init(store: AuditStore) { self.store = store }

  public func all() throws -> [(logID: Int64, checkpoint: Checkpoint)] {
    let statement = try store.database.prepare("""
      SELECT c.log_id, l.org, c.size, c.root, c.time, c.key_id, c.public_key, c.signature
      FROM checkpoints c JOIN logs l ON l.id = c.log_id ORDER BY c.id
      """)
    var result: [(Int64, Checkpoint)] = []
    while try statement.step() {
      result.append((statement.int64(0), Checkpoint(
        org: statement.string(1), size: statement.int(2), root: Digest32(statement.blob(3)) ?? .zero,
        time: statement.int64(4), keyID: statement.string(5), publicKeyPEM: statement.string(6),
        signature: statement.blob(7))))
    }
    return result
  }

  public func latest(log: AuditStore.Log) throws -> Checkpoint? {
    try all().last { $0.logID == log.id }?.checkpoint
  }

  /// Signs the current tree head of `log` and records it.
  public func create(log: AuditStore.Log, key: Ed25519PrivateKey, time: Int64) throws -> Checkpoint {
    try store.database.transaction(.immediate) {
      // Re-read inside the write lock so size and root agree.
      guard let current = try store.log(org: log.org) else { throw ToolError("no log for org \(log.org)") }
      let root = try store.prover(log: current).rootHash(size: current.size)
      let checkpoint = try Checkpoint.sign(org: current.org, size: current.size, root: root, time: time, key: key)
      let insert = try store.database.prepare(
        "INSERT INTO checkpoints(log_id, size, root, time, key_id, public_key, signature) VALUES (?, ?, ?, ?, ?, ?, ?)")
      try insert.execute(arguments: [
        .integer(current.id), .int(checkpoint.size), .blob(checkpoint.root.bytes), .integer(checkpoint.time),
        .text(checkpoint.keyID), .text(checkpoint.publicKeyPEM), .blob(checkpoint.signature),
      ])
      return checkpoint
    }
  }
}
