import Glibc

/// The 8 behavioural signals drift is measured on, each a categorical
/// distribution per agent and hour, counted at append time.
public enum DriftSignal: String, Sendable, CaseIterable {
  case toolMix = "tool_mix"
  case dataClasses = "data_classes"
  case blockRate = "block_rate"
  case tokenVolume = "token_volume"
  case modelMix = "model_mix"
  case timeOfDay = "time_of_day"
  case findingTypes = "finding_types"
  /// Entries per session, from `agent_sessions` (not an hourly histogram).
  case sessionLength = "session_length"

  /// The categories one observation contributes to this signal (each
  /// counted once). Session length is computed from sessions instead.
  public func categories(of observation: Observation, time: Int64) -> [String] {
    var result: [String] = []
    forEachCategory(of: observation, time: time) { result.append($0) }
    return result
  }

  /// The same without building an array (this runs 7 times per appended
  /// entry); the common category strings are preallocated.
  @inline(__always)
  public func forEachCategory(of observation: Observation, time: Int64, _ body: (String) -> Void) {
    switch self {
    case .toolMix: body(observation.tool ?? "none")
    case .dataClasses:
      let classes = observation.dataClasses
      if classes.isEmpty { body("none") } else { for item in classes.map(\.rawValue).sorted() { body(item) } }
    case .blockRate: body(observation.blocked ? "blocked" : "passed")
    case .tokenVolume: body(observation.tokens.map { Self.log2Bucket($0) } ?? "unknown")
    case .modelMix: body(observation.model ?? "none")
    case .timeOfDay: body(Self.hours[Int((time / 3_600_000) % 24 + 24) % 24])
    case .findingTypes:
      if observation.findings.isEmpty { body("none") } else { for type in Set(observation.findings.map(\.type)).sorted() { body(type) } }
    case .sessionLength: break
    }
  }

  static let hours = (0..<24).map { String($0) }
  static let buckets: [String] = (0..<62).map { k in
    let low = 1 << k
    return low == 1 ? "1" : "\(low)-\(2 * low - 1)"
  }

  /// "0", "1", "2-3", "4-7", … : power-of-two buckets.
  public static func log2Bucket(_ value: Double) -> String {
    guard value >= 1 else { return "0" }
    return buckets[min(61, Int(log2(value)))]
  }
}

/// Jensen–Shannon divergence with base-2 logarithms, so 0 ≤ JSD ≤ 1:
/// JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q). Symmetric and finite
/// even when a category appears in only one window (unlike KL).
public enum JensenShannon {
  public static func divergence(_ p: [String: Double], _ q: [String: Double]) -> Double {
    let totalP = p.values.reduce(0, +)
    let totalQ = q.values.reduce(0, +)
    guard totalP > 0, totalQ > 0 else { return 0 }
    var result = 0.0
    for key in Set(p.keys).union(q.keys) {
      let a = (p[key] ?? 0) / totalP
      let b = (q[key] ?? 0) / totalQ
      let m = (a + b) / 2
      if a > 0 { result += 0.5 * a * log2(a / m) }
      if b > 0 { result += 0.5 * b * log2(b / m) }
    }
    return max(0, min(1, result))
  }
}

/// The four drift severities, by JSD thresholds (below `low`: no drift).
public enum DriftSeverity: String, Sendable, CaseIterable, Comparable {
  case none, low, medium, high, critical

  public static let thresholds: [(DriftSeverity, Double)] = [(.critical, 0.5), (.high, 0.3), (.medium, 0.15), (.low, 0.05)]

  public init(divergence: Double) {
    self = Self.thresholds.first { divergence >= $0.1 }?.0 ?? .none
  }

  var rank: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (lhs: DriftSeverity, rhs: DriftSeverity) -> Bool { lhs.rank < rhs.rank }
}
