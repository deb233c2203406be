/// Read side of the per-agent aggregates: health from `agent_stats`,
/// drift from `agent_histograms` and `agent_sessions`. Nothing here reads
/// the entries themselves.
public struct AgentAnalytics {
  let store: AuditStore

  public init(store: AuditStore) throws {
    self.store = store
    let present = try store.database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'agent_stats'") ?? 0
    guard present == 1 else {
      throw ToolError("\(store.path) predates health and drift aggregates: append to it once to upgrade it")
    }
  }

  public func stats(log: AuditStore.Log, agent: String? = nil) throws -> [(agent: String, stats: AgentStats)] {
    let statement = try store.database.prepare("""
      SELECT agent, entries, blocked, errors, findings, tokens, token_entries, w_entries, w_blocked, w_errors, w_data,
             w_security, w_tokens, w_token_entries, last_seq, last_time, data, security
      FROM agent_stats WHERE log_id = ? AND (? IS NULL OR agent = ?) ORDER BY agent
      """)
    try statement.bind(log.id, at: 1)
    if let agent { try statement.bind(agent, at: 2); try statement.bind(agent, at: 3) } else { try statement.bindNull(at: 2); try statement.bindNull(at: 3) }
    var result: [(String, AgentStats)] = []
    while try statement.step() {
      var stats = AgentStats()
      let d = statement.double
      stats.totals = .init(entries: d(1), blocked: d(2), errors: d(3), data: d(16), security: d(17), tokens: d(5), tokenEntries: d(6))
      stats.findings = statement.int(4)
      stats.weighted = .init(entries: d(7), blocked: d(8), errors: d(9), data: d(10), security: d(11), tokens: d(12), tokenEntries: d(13))
      stats.lastSeq = statement.int(14)
      stats.lastTime = statement.int64(15)
      result.append((statement.string(0), stats))
    }
    return result
  }

  public struct SignalDrift: Sendable {
    public var signal: DriftSignal
    public var divergence: Double
    public var severity: DriftSeverity
    public var baselineCount: Int
    public var recentCount: Int
  }

  public struct AgentDrift: Sendable {
    public var agent: String
    public var signals: [SignalDrift]
    public var severity: DriftSeverity { signals.map(\.severity).max() ?? .none }
    public var divergence: Double { signals.map(\.divergence).max() ?? 0 }
  }

  /// Drift of each agent: recent window (now − recent, now] against the
  /// baseline window (now − recent − baseline, now − recent].
  public func drift(log: AuditStore.Log, agent: String?, now: Int64, baselineHours: Int, recentHours: Int, minimumCount: Int = 20) throws -> [AgentDrift] {
    let hourNow = now / 3_600_000
    let recentStart = hourNow - Int64(recentHours) + 1
    let baselineStart = recentStart - Int64(baselineHours)
    let histogram = try store.database.prepare("""
      SELECT agent, signal, hour >= ?, category, sum(count) FROM agent_histograms
      WHERE log_id = ? AND hour >= ? AND hour <= ? AND signal <> ? AND (? IS NULL OR agent = ?)
      GROUP BY agent, signal, hour >= ?, category
      """)
    try histogram.bind(recentStart, at: 1)
    try histogram.bind(log.id, at: 2)
    try histogram.bind(baselineStart, at: 3)
    try histogram.bind(hourNow, at: 4)
    try histogram.bind(AgentStatsRecorder.findingCounter, at: 5)
    try bindAgent(histogram, agent, 6)
    try histogram.bind(recentStart, at: 8)
    // agent → signal → (baseline, recent)
    var distributions: [String: [String: ([String: Double], [String: Double])]] = [:]
    while try histogram.step() {
      let (name, signal, isRecent, category, count) = (histogram.string(0), histogram.string(1), histogram.int(2) == 1, histogram.string(3), histogram.double(4))
      var pair = distributions[name, default: [:]][signal] ?? ([:], [:])
      if isRecent { pair.1[category, default: 0] += count } else { pair.0[category, default: 0] += count }
      distributions[name, default: [:]][signal] = pair
    }
    let sessions = try store.database.prepare("""
      SELECT agent, first_time >= ?, entries FROM agent_sessions
      WHERE log_id = ? AND first_time >= ? AND first_time < ? AND (? IS NULL OR agent = ?)
      """)
    try sessions.bind(recentStart * 3_600_000, at: 1)
    try sessions.bind(log.id, at: 2)
    try sessions.bind(baselineStart * 3_600_000, at: 3)
    try sessions.bind((hourNow + 1) * 3_600_000, at: 4)
    try bindAgent(sessions, agent, 5)
    while try sessions.step() {
      let name = sessions.string(0)
      let bucket = DriftSignal.log2Bucket(sessions.double(2))
      var pair = distributions[name, default: [:]][DriftSignal.sessionLength.rawValue] ?? ([:], [:])
      if sessions.int(1) == 1 { pair.1[bucket, default: 0] += 1 } else { pair.0[bucket, default: 0] += 1 }
      distributions[name, default: [:]][DriftSignal.sessionLength.rawValue] = pair
    }
    return distributions.keys.sorted().map { name in
      let signals = DriftSignal.allCases.compactMap { signal -> SignalDrift? in
        guard let (baseline, recent) = distributions[name]?[signal.rawValue] else { return nil }
        let baselineCount = Int(baseline.values.reduce(0, +))
        let recentCount = Int(recent.values.reduce(0, +))
        let enough = baselineCount >= minimumCount && recentCount >= minimumCount
        let divergence = enough ? JensenShannon.divergence(baseline, recent) : 0
        return SignalDrift(signal: signal, divergence: divergence, severity: enough ? DriftSeverity(divergence: divergence) : .none,
                           baselineCount: baselineCount, recentCount: recentCount)
      }
      return AgentDrift(agent: name, signals: signals)
    }
  }

  private func bindAgent(_ statement: Statement, _ agent: String?, _ index: Int32) throws {
    if let agent {
      try statement.bind(agent, at: index)
      try statement.bind(agent, at: index + 1)
    } else {
      try statement.bindNull(at: index)
      try statement.bindNull(at: index + 1)
    }
  }

  /// Findings by step and type over the whole log, per agent.
  public func findingCounts(log: AuditStore.Log) throws -> [(agent: String, step: String, type: String, count: Int)] {
    let statement = try store.database.prepare(
      "SELECT agent, category, sum(count) FROM agent_histograms WHERE log_id = ? AND signal = ? GROUP BY agent, category ORDER BY agent, category")
    try statement.bind(log.id, at: 1)
    try statement.bind(AgentStatsRecorder.findingCounter, at: 2)
    var result: [(String, String, String, Int)] = []
    while try statement.step() {
      let parts = statement.string(1).split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
      result.append((statement.string(0), String(parts.first ?? ""), parts.count > 1 ? String(parts[1]) : "", statement.int(2)))
    }
    return result
  }
}

/// Alert records for health and drift thresholds (one JSON line each).
public enum AlertRecord {
  public static func health(org: String, agent: String, score: HealthScore, threshold: Double, time: Int64) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("alert")
    writer.key("kind"); writer.string("health")
    writer.key("org"); writer.string(org)
    writer.key("agent"); writer.string(agent)
    writer.key("severity"); writer.string(score.overall < threshold / 2 ? "critical" : "high")
    writer.key("value"); writer.double(score.overall, digits: 1)
    writer.key("threshold"); writer.double(threshold, digits: 1)
    writer.key("time"); writer.int(Int(time))
    writer.endObject()
    return writer.bytes
  }

  public static func drift(org: String, agent: AgentAnalytics.AgentDrift, time: Int64) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("alert")
    writer.key("kind"); writer.string("drift")
    writer.key("org"); writer.string(org)
    writer.key("agent"); writer.string(agent.agent)
    writer.key("severity"); writer.string(agent.severity.rawValue)
    writer.key("value"); writer.double(agent.divergence)
    writer.key("signals")
    writer.beginArray()
    for signal in agent.signals where signal.severity != .none { writer.string(signal.signal.rawValue) }
    writer.endArray()
    writer.key("time"); writer.int(Int(time))
    writer.endObject()
    return writer.bytes
  }
}
