/// Keeps health counters, drift histograms and sessions up to date as
/// entries are appended, inside the append transaction: per-entry work is
/// in memory, and one write per touched row happens just before COMMIT.
public final class AgentStatsRecorder: AppendObserver {
  struct AgentKey: Hashable { var logID: Int64; var agent: String }
  /// A histogram cell of one agent: signal (index into `DriftSignal.allCases`,
  /// or `findingSignal`), hour, category.
  struct CellKey: Hashable { var signal: UInt8; var hour: Int64; var category: String }
  struct SessionDelta { var first: Int64; var last: Int64; var entries: Int }

  /// Everything one agent accumulates during a batch: one dictionary
  /// lookup per entry finds it, so the per-signal cells hash only their
  /// short category string.
  final class Accumulator {
    var stats: AgentStats
    var cells: [CellKey: Int] = [:]
    var sessions: [String: SessionDelta] = [:]
    init(stats: AgentStats) { self.stats = stats }
  }

  static let signals = DriftSignal.allCases
  static let findingSignal: UInt8 = 255

  let database: Database
  var agents: [AgentKey: Accumulator] = [:]
  let loadStats: Statement
  let saveStats: Statement
  let addHistogram: Statement
  let addSession: Statement

  public init(database: Database) throws {
    self.database = database
    loadStats = try database.prepare("""
      SELECT entries, blocked, errors, findings, tokens, token_entries, w_entries, w_blocked, w_errors, w_data,
             w_security, w_tokens, w_token_entries, last_seq, last_time, data, security
      FROM agent_stats WHERE log_id = ? AND agent = ?
      """)
    saveStats = try database.prepare("""
      INSERT OR REPLACE INTO agent_stats(log_id, agent, entries, blocked, errors, findings, tokens, token_entries,
        w_entries, w_blocked, w_errors, w_data, w_security, w_tokens, w_token_entries, last_seq, last_time, data, security)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    addHistogram = try database.prepare("""
      INSERT INTO agent_histograms(log_id, agent, signal, hour, category, count) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(log_id, agent, signal, hour, category) DO UPDATE SET count = count + excluded.count
      """)
    addSession = try database.prepare("""
      INSERT INTO agent_sessions(log_id, agent, session, first_time, last_time, entries) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(log_id, agent, session) DO UPDATE SET first_time = min(first_time, excluded.first_time),
        last_time = max(last_time, excluded.last_time), entries = entries + excluded.entries
      """)
  }

  public func observe(logID: Int64, item: AuditAppender.Item, seq: Int, time: Int64) throws {
    guard let observation = item.observation else { return }
    let key = AgentKey(logID: logID, agent: item.agent)
    let agent: Accumulator
    if let existing = agents[key] {
      agent = existing
    } else {
      agent = Accumulator(stats: try load(key))
      agents[key] = agent
    }
    agent.stats.add(observation, seq: seq, time: time)
    let hour = time / 3_600_000
    for (index, signal) in Self.signals.enumerated() {
      signal.forEachCategory(of: observation, time: time) { category in
        agent.cells[CellKey(signal: UInt8(index), hour: hour, category: category), default: 0] += 1
      }
    }
    for finding in observation.findings {
      agent.cells[CellKey(signal: Self.findingSignal, hour: 0, category: "\(finding.step)\t\(finding.type)"), default: 0] += 1
    }
    if let session = observation.session {
      var delta = agent.sessions[session] ?? SessionDelta(first: time, last: time, entries: 0)
      delta.first = min(delta.first, time)
      delta.last = max(delta.last, time)
      delta.entries += 1
      agent.sessions[session] = delta
    }
  }

  /// Histogram rows under this signal name count findings by step and type
  /// over all time (hour 0), for metrics.
  public static let findingCounter = "findings_by_step"

  private func load(_ key: AgentKey) throws -> AgentStats {
    defer { loadStats.reset() }
    try loadStats.bind(key.logID, at: 1)
    try loadStats.bind(key.agent, at: 2)
    var result = AgentStats()
    guard try loadStats.step() else { return result }
    func double(_ column: Int32) -> Double { loadStats.double(column) }
    result.totals = .init(entries: double(0), blocked: double(1), errors: double(2), data: double(15), security: double(16),
                          tokens: double(4), tokenEntries: double(5))
    result.findings = loadStats.int(3)
    result.weighted = .init(entries: double(6), blocked: double(7), errors: double(8), data: double(9), security: double(10),
                            tokens: double(11), tokenEntries: double(12))
    result.lastSeq = loadStats.int(13)
    result.lastTime = loadStats.int64(14)
    return result
  }

  public func flush() throws {
    for (key, agent) in agents {
      let value = agent.stats
      let sums: [Double] = [value.totals.entries, value.totals.blocked, value.totals.errors, Double(value.findings),
                            value.totals.tokens, value.totals.tokenEntries, value.weighted.entries, value.weighted.blocked,
                            value.weighted.errors, value.weighted.data, value.weighted.security, value.weighted.tokens,
                            value.weighted.tokenEntries]
      try saveStats.execute(arguments: [.integer(key.logID), .text(key.agent)] + sums.map(DatabaseValue.real)
        + [.int(value.lastSeq), .integer(value.lastTime), .real(value.totals.data), .real(value.totals.security)])
      for (cell, count) in agent.cells {
        let signal = cell.signal == Self.findingSignal ? Self.findingCounter : Self.signals[Int(cell.signal)].rawValue
        try addHistogram.execute(arguments: [.integer(key.logID), .text(key.agent), .text(signal), .integer(cell.hour), .text(cell.category), .int(count)])
      }
      for (session, delta) in agent.sessions {
        try addSession.execute(arguments: [.integer(key.logID), .text(key.agent), .text(session), .integer(delta.first), .integer(delta.last), .int(delta.entries)])
      }
    }
    discard()
  }

  public func discard() {
    agents.removeAll(keepingCapacity: true)
  }
}
