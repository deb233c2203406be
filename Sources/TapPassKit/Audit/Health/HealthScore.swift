import Glibc

/// The 5-dimension agent health score (docs/audit-format.md, "Health").
///
/// Every dimension is 0–100 and computed from exponentially decayed counts
/// kept per agent as entries are appended (`AgentStatsRecorder`); each
/// append multiplies the agent's previous sums by λ = 0.5^(1/`halfLife`)
/// before adding the new entry, so the score reflects roughly the last
/// `halfLife` requests and reading it is O(1).
///
///     compliance  = 100 · (1 − blocked / requests)
///     data_safety = 100 · (1 − requests touching PII or secrets / requests)
///     security    = 100 · (1 − requests with attack findings / requests)
///     stability   = 100 · (1 − error records / requests)
///     efficiency  = 100 · min(1, token_budget / mean tokens per request)   (100 without token data)
///     overall     = 0.25 compliance + 0.20 data_safety + 0.25 security + 0.15 stability + 0.15 efficiency
public struct HealthScore: Sendable, Equatable {
  public static let halfLife = 1000.0
  public static let decay = pow2(-1 / halfLife)
  public static let tokenBudget = 4000.0
  public static let weights: [(Dimension, Double)] = [
    (.compliance, 0.25), (.dataSafety, 0.20), (.security, 0.25), (.stability, 0.15), (.efficiency, 0.15),
  ]

  public enum Dimension: String, Sendable, CaseIterable {
    case compliance, dataSafety = "data_safety", security, stability, efficiency
  }

  public var compliance: Double
  public var dataSafety: Double
  public var security: Double
  public var stability: Double
  public var efficiency: Double

  public var overall: Double {
    Self.weights.reduce(0) { $0 + value($1.0) * $1.1 }
  }

  public func value(_ dimension: Dimension) -> Double {
    switch dimension {
    case .compliance: compliance
    case .dataSafety: dataSafety
    case .security: security
    case .stability: stability
    case .efficiency: efficiency
    }
  }

  public init(stats: AgentStats) {
    let requests = max(stats.weighted.entries, 1e-12)
    func score(_ bad: Double) -> Double { max(0, min(100, 100 * (1 - bad / requests))) }
    compliance = score(stats.weighted.blocked)
    dataSafety = score(stats.weighted.data)
    security = score(stats.weighted.security)
    stability = score(stats.weighted.errors)
    if stats.weighted.tokenEntries > 0 {
      let mean = stats.weighted.tokens / stats.weighted.tokenEntries
      efficiency = mean <= Self.tokenBudget ? 100 : 100 * Self.tokenBudget / mean
    } else {
      efficiency = 100
    }
  }

  static func pow2(_ exponent: Double) -> Double {
    // 2^x via the identity 2^x = e^(x·ln 2), with exp from Glibc.
    exp(exponent * 0.693_147_180_559_945_3)
  }
}

/// Counters of one agent in one org log: totals (for metrics) and
/// decayed sums (for health).
public struct AgentStats: Sendable, Equatable {
  public struct Sums: Sendable, Equatable {
    public var entries = 0.0
    public var blocked = 0.0
    public var errors = 0.0
    public var data = 0.0
    public var security = 0.0
    public var tokens = 0.0
    public var tokenEntries = 0.0
  }

  public var totals = Sums()
  public var weighted = Sums()
  public var findings = 0
  public var lastSeq = 0
  public var lastTime: Int64 = 0

  public init() {}

  /// Folds one observation in: totals add, weighted sums decay then add.
  public mutating func add(_ observation: Observation, seq: Int, time: Int64) {
    var entry = Sums()
    entry.entries = 1
    entry.blocked = observation.blocked ? 1 : 0
    entry.errors = observation.error ? 1 : 0
    entry.data = observation.dataClasses.isEmpty ? 0 : 1
    entry.security = observation.securityFindings > 0 ? 1 : 0
    if let tokens = observation.tokens, tokens >= 0 {
      entry.tokens = tokens
      entry.tokenEntries = 1
    }
    totals = Self.combine(totals, entry, decay: 1)
    weighted = Self.combine(weighted, entry, decay: HealthScore.decay)
    findings += observation.findings.count
    lastSeq = seq
    lastTime = time
  }

  static func combine(_ old: Sums, _ new: Sums, decay: Double) -> Sums {
    Sums(entries: old.entries * decay + new.entries, blocked: old.blocked * decay + new.blocked,
         errors: old.errors * decay + new.errors, data: old.data * decay + new.data,
         security: old.security * decay + new.security, tokens: old.tokens * decay + new.tokens,
         tokenEntries: old.tokenEntries * decay + new.tokenEntries)
  }
}
