/// Recomputes every org's hash chain and Merkle tree from the stored
/// entries in one sequential pass, and reports the first problem found.
///
/// What each tampering looks like (rows are read in insertion order):
/// - modified: the envelope rebuilt from the row's columns no longer hashes
///   to `leaf_hash`, or `chain_hash` ≠ SHA-256(previous || leaf_hash);
/// - deleted: a sequence number is skipped (or the log ends before the size
///   recorded in `logs`, or before a signed checkpoint's size);
/// - reordered: a row carries a later sequence number and the expected one
///   comes after it;
/// - inserted: a row repeats a sequence number already seen.
/// Checkpoints are checked against the recomputed tree heads, and their
/// signatures against the embedded (or pinned) public key.
public struct ChainVerifier {
  public enum Kind: String, Sendable { case modified, deleted, inserted, reordered, truncated, checkpoint, damaged }

  public struct Problem: Sendable, CustomStringConvertible {
    public var kind: Kind
    public var org: String
    /// The first affected sequence number (entry index in the org's log).
    public var seq: Int
    public var detail: String
    public var description: String { "\(kind.rawValue) entry \(seq) in log \(org): \(detail)" }
  }

  public struct Report: Sendable {
    public var entries = 0
    public var logs: [(org: String, size: Int, root: Digest32)] = []
    public var checkpoints = 0
    public var problem: Problem?
  }

  /// A class, not a struct: the pass mutates it once per entry, and a
  /// struct copied out of the dictionary would copy its frontier each time.
  final class LogState {
    let org: String
    let orgJSON: [UInt8]
    let recordedSize: Int
    let recordedHead: Digest32
    init(org: String, orgJSON: [UInt8], recordedSize: Int, recordedHead: Digest32) {
      self.org = org
      self.orgJSON = orgJSON
      self.recordedSize = recordedSize
      self.recordedHead = recordedHead
    }
    var expected = 0
    var head = Digest32.zero
    var frontier = MerkleFrontier()
    var checkpoints: [Checkpoint] = []
    var nextCheckpoint = 0
  }

  let store: AuditStore
  let pinnedKey: Ed25519PublicKey?

  public init(store: AuditStore, pinnedKey: Ed25519PublicKey? = nil) {
    self.store = store
    self.pinnedKey = pinnedKey
  }

  public func verify() throws -> Report {
    var report = Report()
    var states: [Int64: LogState] = [:]
    for log in try store.logs() {
      var orgJSON: [UInt8] = []
      Canonicalizer.appendString(Array(log.org.utf8), to: &orgJSON)
      states[log.id] = LogState(org: log.org, orgJSON: orgJSON, recordedSize: log.size, recordedHead: log.head)
    }
    for checkpoint in try CheckpointStore(store: store).all() {
      guard let state = states[checkpoint.logID] else { continue }
      state.checkpoints.append(checkpoint.checkpoint)
      report.checkpoints += 1
      if let problem = checkSignature(checkpoint.checkpoint) {
        report.problem = problem
        return report
      }
    }
    for state in states.values { state.checkpoints.sort { $0.size < $1.size } }

    let hasher = TPCrypto.SHA256.Hasher()
    let merkle = MerkleHasher()
    let statement = try store.database.prepare(
      "SELECT log_id, seq, time, agent, record, leaf_hash, chain_hash FROM entries ORDER BY id")
    // Reading (this thread) and leaf hashing (the pipeline's thread) overlap;
    // the checks that depend on order run here, chunk after chunk.
    let pipeline = LeafHashPipeline()
    defer { pipeline.stop() }
    let chunks = [RowChunk(), RowChunk()]
    var exhausted = false
    var current = 0
    try read(statement, into: chunks[0], states: states, exhausted: &exhausted)
    pipeline.submit(chunks[0])
    var lastState: (id: Int64, state: LogState)?
    while chunks[current].count > 0 {
      let next = 1 - current
      try read(statement, into: chunks[next], states: states, exhausted: &exhausted)
      pipeline.wait()
      if chunks[next].count > 0 { pipeline.submit(chunks[next]) }
      let chunk = chunks[current]
      for row in 0..<chunk.count {
        report.entries += 1
        let logID = chunk.logIDs[row]
        let seq = chunk.seqs[row]
        guard let state = lastState?.id == logID ? lastState!.state : states[logID] else {
          report.problem = Problem(kind: .inserted, org: "log #\(logID)", seq: seq, detail: "row belongs to no known log")
          return report
        }
        lastState = (logID, state)
        if seq != state.expected {
          pipeline.wait()
          report.problem = try classify(seq: seq, state: state, logID: logID)
          return report
        }
        let leaf = chunk.leaves[row]
        guard chunk.storedLeaf[row] == leaf else {
          report.problem = Problem(kind: .modified, org: state.org, seq: seq, detail: "content does not match its leaf hash")
          return report
        }
        let chain = EntryEnvelope.chainHash(previous: state.head, leaf: leaf, hasher: hasher)
        guard chunk.storedChain[row] == chain else {
          report.problem = Problem(kind: .modified, org: state.org, seq: seq, detail: "chain hash does not follow from the previous entry")
          return report
        }
        state.head = chain
        state.expected = seq + 1
        state.frontier.append(leaf, hasher: merkle) { _, _, _ in }
        while state.nextCheckpoint < state.checkpoints.count, state.checkpoints[state.nextCheckpoint].size == state.expected {
          let checkpoint = state.checkpoints[state.nextCheckpoint]
          if checkpoint.root != state.frontier.root(hasher: merkle) {
            report.problem = Problem(kind: .checkpoint, org: state.org, seq: checkpoint.size - 1,
                                     detail: "signed checkpoint at size \(checkpoint.size) does not match the entries")
            return report
          }
          state.nextCheckpoint += 1
        }
      }
      current = next
    }
    for (id, state) in states.sorted(by: { $0.key < $1.key }) {
      if state.expected < state.recordedSize || state.nextCheckpoint < state.checkpoints.count {
        let claimed = max(state.recordedSize, state.checkpoints.last?.size ?? 0)
        report.problem = Problem(kind: .truncated, org: state.org, seq: state.expected,
                                 detail: "log ends at \(state.expected) entries but \(claimed) were recorded")
        return report
      }
      if state.expected != state.recordedSize || state.head != state.recordedHead {
        report.problem = Problem(kind: .modified, org: state.org, seq: max(0, state.expected - 1),
                                 detail: "log head in the logs table does not match the entries")
        return report
      }
      let root = state.frontier.root(hasher: merkle)
      if state.expected > 0 {
        let log = AuditStore.Log(id: id, org: state.org, size: state.expected, head: state.head, lastTime: 0)
        let stored = try? store.prover(log: log).rootHash(size: state.expected)
        if stored != root {
          report.problem = Problem(kind: .modified, org: state.org, seq: state.expected - 1,
                                   detail: "stored Merkle nodes do not match the entries")
          return report
        }
      }
      report.logs.append((state.org, state.expected, root))
    }
    return report
  }

  /// Reads up to `RowChunk.capacity` rows, building each envelope from
  /// the row's columns (a row of an unknown log gets an empty one; the
  /// ordered pass reports it).
  /// Once the statement has returned its last row it is not stepped again
  /// (SQLite would start it over).
  private func read(_ statement: Statement, into chunk: RowChunk, states: [Int64: LogState], exhausted: inout Bool) throws {
    chunk.reset()
    guard !exhausted else { return }
    var lastLog: (id: Int64, orgJSON: [UInt8])?
    var envelope: [UInt8] = []
    envelope.reserveCapacity(4096)
    while chunk.count < RowChunk.capacity {
      guard try statement.step() else {
        exhausted = true
        return
      }
      let logID = statement.int64(0)
      let seq = statement.int(1)
      if lastLog?.id != logID { lastLog = (logID, states[logID]?.orgJSON ?? []) }
      let time = statement.int64(2)
      statement.withBlob(4) { record in
        statement.withBlob(3) { agent in
          EntryEnvelope.build(into: &envelope, agent: agent, orgJSON: lastLog!.orgJSON, record: record, seq: seq, time: time, leafPrefix: true)
        }
      }
      chunk.envelopes.append(contentsOf: envelope)
      chunk.offsets.append(chunk.envelopes.count)
      chunk.logIDs.append(logID)
      chunk.seqs.append(seq)
      chunk.storedLeaf.append(statement.withBlob(5) { Digest32($0) } ?? .zero)
      chunk.storedChain.append(statement.withBlob(6) { Digest32($0) } ?? .zero)
      chunk.count += 1
    }
  }

  private func checkSignature(_ checkpoint: Checkpoint) -> Problem? {
    if let pinnedKey, pinnedKey.keyID != checkpoint.keyID {
      return Problem(kind: .checkpoint, org: checkpoint.org, seq: max(0, checkpoint.size - 1),
                     detail: "checkpoint signed by key \(checkpoint.keyID), not the pinned key \(pinnedKey.keyID)")
    }
    if !checkpoint.hasValidSignature(pinnedKey: pinnedKey) {
      return Problem(kind: .checkpoint, org: checkpoint.org, seq: max(0, checkpoint.size - 1),
                     detail: "checkpoint at size \(checkpoint.size) has an invalid signature")
    }
    return nil
  }

  private func classify(seq: Int, state: LogState, logID: Int64) throws -> Problem {
    if seq < state.expected {
      return Problem(kind: .inserted, org: state.org, seq: seq,
                     detail: "a row repeats entry \(seq) after entry \(state.expected - 1)")
    }
    let lookup = try store.database.prepare("SELECT count(*) FROM entries WHERE log_id = ? AND seq = ?")
    try lookup.bind(logID, at: 1)
    try lookup.bind(state.expected, at: 2)
    _ = try lookup.step()
    if lookup.int(0) > 0 {
      return Problem(kind: .reordered, org: state.org, seq: state.expected,
                     detail: "entry \(seq) is stored before entry \(state.expected)")
    }
    let missing = seq - state.expected
    return Problem(kind: .deleted, org: state.org, seq: state.expected,
                   detail: missing == 1 ? "entry \(state.expected) is missing" : "entries \(state.expected)…\(seq - 1) are missing")
  }
}
