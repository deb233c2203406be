/// Something kept up to date with the log inside each append transaction
/// (health counters, drift histograms).
public protocol AppendObserver: AnyObject {
  /// Called for each appended entry, after it is written.
  func observe(logID: Int64, item: AuditAppender.Item, seq: Int, time: Int64) throws
  /// Called once per batch inside the transaction, just before COMMIT.
  func flush() throws
  /// Called when the batch's transaction rolled back.
  func discard()
}

/// Appends canonical records to per-org logs in batches.
///
/// Each batch is one `BEGIN IMMEDIATE` transaction: the write lock is taken
/// before the log heads are read, so concurrent appenders (other processes)
/// queue on SQLite's busy timeout and each batch extends the chain from the
/// head that is current at that moment — one valid chain, no lost or
/// duplicated sequence numbers. A batch is acknowledged (`Ack`) only after
/// its COMMIT returned, i.e. after it is durable per `SyncMode`.
public final class AuditAppender {
  public struct Item: Sendable {
    public var org: String
    public var agent: String
    /// RFC 8785 canonical form of the record.
    public var record: [UInt8]
    /// What observers count about the record (nil: nothing).
    public var observation: Observation?
    public init(org: String, agent: String, record: [UInt8], observation: Observation? = nil) {
      self.org = org
      self.agent = agent
      self.record = record
      self.observation = observation
    }
  }

  /// What one committed batch added to one org's log.
  public struct Ack: Sendable {
    public var org: String
    public var firstSeq: Int
    public var count: Int
    public var size: Int
    public var head: Digest32
  }

  let store: AuditStore
  let insertEntry: Statement
  let insertNode: Statement
  let updateLog: Statement
  let createLog: Statement
  let hasher = TPCrypto.SHA256.Hasher()
  let merkle = MerkleHasher()
  var envelope: [UInt8] = []
  var cache: [Int64: (head: Digest32, frontier: MerkleFrontier)] = [:]
  public var observers: [any AppendObserver] = []
  /// Injected clock (milliseconds since the epoch), for tests.
  public var clock: () -> Int64 = AuditStore.nowMilliseconds

  public init(store: AuditStore) throws {
    self.store = store
    let database = store.database
    insertEntry = try database.prepare(
      "INSERT INTO entries(log_id, seq, time, agent, record, leaf_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
    insertNode = try database.prepare("INSERT INTO merkle_nodes(log_id, level, idx, hash) VALUES (?, ?, ?, ?)")
    updateLog = try database.prepare("UPDATE logs SET size = ?, head = ?, last_time = ? WHERE id = ?")
    createLog = try database.prepare("INSERT INTO logs(org, size, head, last_time) VALUES (?, 0, ?, 0)")
  }

  /// A class so that per-entry updates mutate in place (a struct copied
  /// out of the dictionary would copy its frontier for every entry).
  final class State {
    var log: AuditStore.Log
    let orgJSON: [UInt8]
    var frontier: MerkleFrontier
    let firstSeq: Int
    init(log: AuditStore.Log, orgJSON: [UInt8], frontier: MerkleFrontier, firstSeq: Int) {
      self.log = log
      self.orgJSON = orgJSON
      self.frontier = frontier
      self.firstSeq = firstSeq
    }
  }

  /// Appends `items` in one transaction and returns one ack per org, in
  /// order of first appearance. Nothing is acknowledged if this throws.
  public func append(_ items: [Item]) throws -> [Ack] {
    guard !items.isEmpty else { return [] }
    var states: [String: State] = [:]
    var order: [String] = []
    do {
      try transaction(items, &states, &order)
    } catch {
      for observer in observers { observer.discard() }
      throw error
    }
    // Committed: only now remember the frontiers and acknowledge.
    return order.map { org in
      let state = states[org]!
      cache[state.log.id] = (state.log.head, state.frontier)
      return Ack(org: org, firstSeq: state.firstSeq, count: state.log.size - state.firstSeq,
                 size: state.log.size, head: state.log.head)
    }
  }

  private func transaction(_ items: [Item], _ states: inout [String: State], _ order: inout [String]) throws {
    var lastState: State?
    try store.database.transaction(.immediate) {
      let now = clock()
      for item in items {
        let state: State
        if let last = lastState, last.log.org == item.org {
          state = last
        } else if let existing = states[item.org] {
          state = existing
        } else {
          state = try load(org: item.org)
          states[item.org] = state
          order.append(item.org)
        }
        lastState = state
        let seq = state.log.size
        let time = max(now, state.log.lastTime)
        item.record.withUnsafeBufferPointer { record in
          EntryEnvelope.build(into: &envelope, agent: item.agent.utf8, orgJSON: state.orgJSON,
                              record: record, seq: seq, time: time, leafPrefix: true)
        }
        let leaf = EntryEnvelope.leafHash(ofPrefixed: envelope, hasher: hasher)
        let chain = EntryEnvelope.chainHash(previous: state.log.head, leaf: leaf, hasher: hasher)
        try insertEntry.bind(state.log.id, at: 1)
        try insertEntry.bind(seq, at: 2)
        try insertEntry.bind(time, at: 3)
        try insertEntry.bind(item.agent, at: 4)
        try insertEntry.bind(blob: item.record, at: 5)
        try insertEntry.bind(blob: leaf, at: 6)
        try insertEntry.bind(blob: chain, at: 7)
        try insertEntry.execute()
        let logID = state.log.id
        try state.frontier.append(leaf, hasher: merkle) { level, index, hash in
          try insertNode.bind(logID, at: 1)
          try insertNode.bind(level, at: 2)
          try insertNode.bind(index, at: 3)
          try insertNode.bind(blob: hash, at: 4)
          try insertNode.execute()
        }
        state.log.size = seq + 1
        state.log.head = chain
        state.log.lastTime = time
        for observer in observers { try observer.observe(logID: logID, item: item, seq: seq, time: time) }
      }
      for org in order {
        let state = states[org]!
        try updateLog.bind(state.log.size, at: 1)
        try updateLog.bind(blob: state.log.head, at: 2)
        try updateLog.bind(state.log.lastTime, at: 3)
        try updateLog.bind(state.log.id, at: 4)
        try updateLog.execute()
      }
      for observer in observers { try observer.flush() }
    }
  }

  private func load(org: String) throws -> State {
    var orgJSON: [UInt8] = []
    Canonicalizer.appendString(Array(org.utf8), to: &orgJSON)
    let log: AuditStore.Log
    if let existing = try store.log(org: org) {
      log = existing
    } else {
      try createLog.bind(org, at: 1)
      try createLog.bind(blob: Digest32.zero, at: 2)
      try createLog.execute()
      log = AuditStore.Log(id: store.database.lastInsertRowID, org: org, size: 0, head: .zero, lastTime: 0)
    }
    let frontier: MerkleFrontier
    if let cached = cache[log.id], cached.frontier.size == log.size, cached.head == log.head {
      frontier = cached.frontier
    } else {
      let source = try store.nodeSource(log: log)
      frontier = try MerkleFrontier(size: log.size) { level, index in try source.node(level: level, index: index) }
    }
    return State(log: log, orgJSON: orgJSON, frontier: frontier, firstSeq: log.size)
  }
}
