/// Prometheus text exposition format 0.0.4: `# HELP`, `# TYPE`, then one
/// sample per line; label values escape `\`, `"` and line feeds. Samples
/// of one metric are kept together, as the format requires, whatever the
/// order they are added in.
public struct PrometheusExposition {
  private var order: [String] = []
  private var families: [String: String] = [:]

  public var text: String { order.map { families[$0]! }.joined() }

  public init() {}

  public static func escapeLabel(_ value: String) -> String {
    var output = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": output += "\\\\"
      case "\"": output += "\\\""
      case "\n": output += "\\n"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// Adds one sample, declaring the metric the first time it is used.
  public mutating func sample(_ name: String, type: String, help: String, labels: [(String, String)], value: Double) {
    if families[name] == nil {
      order.append(name)
      families[name] = "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }
    let rendered = labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",")
    families[name]! += (labels.isEmpty ? name : "\(name){\(rendered)}") + " \(Self.format(value))\n"
  }

  static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return JSONWriter.format(value, digits: 6)
  }

  /// All metrics of one store (docs/audit-format.md lists them).
  public static func render(store: AuditStore, now: Int64, baselineHours: Int, recentHours: Int) throws -> String {
    var exposition = PrometheusExposition()
    let analytics = try AgentAnalytics(store: store)
    let logs = try store.logs()
    for log in logs {
      exposition.sample("tappass_audit_log_entries", type: "gauge", help: "Entries in the org's audit log.",
                        labels: [("org", log.org)], value: Double(log.size))
    }
    for log in logs {
      for (agent, stats) in try analytics.stats(log: log) {
        let labels = [("org", log.org), ("agent", agent)]
        exposition.sample("tappass_audit_requests_total", type: "counter", help: "Records appended per agent.", labels: labels, value: stats.totals.entries)
        exposition.sample("tappass_audit_blocked_total", type: "counter", help: "Records with a blocking verdict.", labels: labels, value: stats.totals.blocked)
        exposition.sample("tappass_audit_errors_total", type: "counter", help: "Error records (unreadable input).", labels: labels, value: stats.totals.errors)
        exposition.sample("tappass_audit_tokens_total", type: "counter", help: "Tokens reported by records.", labels: labels, value: stats.totals.tokens)
        let score = HealthScore(stats: stats)
        for dimension in HealthScore.Dimension.allCases {
          exposition.sample("tappass_audit_health_score", type: "gauge", help: "Agent health score, 0 to 100, per dimension.",
                            labels: labels + [("dimension", dimension.rawValue)], value: (score.value(dimension) * 10).rounded() / 10)
        }
        exposition.sample("tappass_audit_health_overall", type: "gauge", help: "Agent overall health score, 0 to 100.",
                          labels: labels, value: (score.overall * 10).rounded() / 10)
      }
    }
    for log in logs {
      for (agent, step, type, count) in try analytics.findingCounts(log: log) {
        exposition.sample("tappass_audit_findings_total", type: "counter", help: "Findings by detector step and type.",
                          labels: [("org", log.org), ("agent", agent), ("step", step), ("type", type)], value: Double(count))
      }
    }
    for log in logs {
      for drift in try analytics.drift(log: log, agent: nil, now: now, baselineHours: baselineHours, recentHours: recentHours) {
        for signal in drift.signals {
          exposition.sample("tappass_audit_drift_divergence", type: "gauge", help: "Jensen-Shannon divergence (base 2) between baseline and recent windows.",
                            labels: [("org", log.org), ("agent", drift.agent), ("signal", signal.signal.rawValue)],
                            value: (signal.divergence * 10_000).rounded() / 10_000)
        }
      }
    }
    return exposition.text
  }
}
