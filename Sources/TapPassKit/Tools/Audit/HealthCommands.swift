import ArgumentParser

/// The drift windows, shared by `drift` and `metrics`.
struct DriftWindowOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Length of the baseline window, ending where the recent one starts.", valueName: "hours"))
  var baselineHours: Int = 168

  @Option(help: ArgumentHelp("Length of the recent window, ending now.", valueName: "hours"))
  var recentHours: Int = 24

  @Option(help: ArgumentHelp("Evaluate as if the time were this (ms or RFC 3339); default now.", valueName: "time"))
  var now: String?

  func validate() throws {
    guard baselineHours >= 1, recentHours >= 1 else { throw ValidationError("window lengths must be at least one hour") }
    if let now, AuditTime.parse(now) == nil { throw ValidationError("--now takes milliseconds since the epoch or an RFC 3339 time") }
  }

  var nowMilliseconds: Int64 { now.flatMap(AuditTime.parse) ?? AuditStore.nowMilliseconds() }
}

/// Where alert records go besides standard output.
struct AlertOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Also POST each alert record to this http:// URL (retried with backoff).", valueName: "url"))
  var webhook: String?

  @Option(help: ArgumentHelp("Attempts per alert for --webhook.", valueName: "n"))
  var webhookAttempts: Int = 4

  func validate() throws {
    if let webhook { _ = try Webhook(url: webhook) }
    guard (1...20).contains(webhookAttempts) else { throw ValidationError("--webhook-attempts must be between 1 and 20") }
  }
}

/// Runs a per-agent report over one org log. `emit` writes an alert record
/// (and posts it to the webhook); exit status 1 when any alert was emitted,
/// 2 when one could not be delivered.
enum AlertingReport {
  static func run(
    _ database: DatabaseOptions, _ org: LogOption, _ alerting: AlertOptions,
    _ body: (AuditStore, AuditStore.Log, _ emit: ([UInt8]) throws -> Void) throws -> Void
  ) throws {
    var webhook = try alerting.webhook.map { try Webhook(url: $0) }
    webhook?.attempts = alerting.webhookAttempts
    var alerts = 0
    var undelivered = 0
    try AuditErrors.mapped(path: database.db) {
      let store = try database.open(.read)
      try body(store, try store.requireLog(org: org.org)) { record in
        try StandardOutput.shared.writeLine(record)
        alerts += 1
        do {
          try webhook?.post(record)
        } catch let error as ToolError {
          StandardError.write("tp-audit: \(error.message)\n")
          undelivered += 1
        }
      }
    }
    if undelivered > 0 { throw ToolError("\(undelivered) alert(s) could not be delivered to the webhook") }
    if alerts > 0 { throw ExitStatus.found.exitCode }
  }
}

struct HealthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "health",
    abstract: "Print the 5-dimension health score of each agent.",
    discussion: """
      Compliance, data safety, security, stability and efficiency, 0-100 each, \
      and their weighted overall score, read from counters kept up to date as \
      entries are appended (exponentially decayed, half-life 1000 requests per \
      agent): nothing is recomputed from the trail. The formula is in \
      docs/audit-format.md. With --alert-below, agents under that overall \
      score also get an alert record, and the exit status is 1; --webhook \
      also POSTs each alert (http:// only, retried with exponential backoff; \
      exit 2 if one cannot be delivered).
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var orgOption: LogOption

  @Option(help: ArgumentHelp("Only this agent.", valueName: "agent"))
  var agent: String?

  @Option(help: ArgumentHelp("Emit an alert record for agents whose overall score is below this.", valueName: "score"))
  var alertBelow: Double?

  @OptionGroup var alerting: AlertOptions

  func run() throws {
    try AlertingReport.run(database, orgOption, alerting) { store, log, emit in
      for (name, stats) in try AgentAnalytics(store: store).stats(log: log, agent: agent) {
        let score = HealthScore(stats: stats)
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("type"); writer.string("health")
        writer.key("org"); writer.string(log.org)
        writer.key("agent"); writer.string(name)
        writer.key("overall"); writer.double(score.overall, digits: 1)
        for dimension in HealthScore.Dimension.allCases {
          writer.key(dimension.rawValue); writer.double(score.value(dimension), digits: 1)
        }
        writer.key("requests"); writer.int(Int(stats.totals.entries))
        writer.endObject()
        try StandardOutput.shared.writeLine(writer.bytes)
        if let alertBelow, score.overall < alertBelow {
          try emit(AlertRecord.health(org: log.org, agent: name, score: score, threshold: alertBelow, time: AuditStore.nowMilliseconds()))
        }
      }
    }
  }
}

struct DriftCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drift",
    abstract: "Measure behavioural drift of each agent over 8 signals.",
    discussion: """
      For tool mix, data classes touched, block rate, token volume, model mix, \
      time of day, finding types and session length, compares the recent \
      window with the baseline window by Jensen-Shannon divergence (base 2, \
      0..1) and grades it none, low (>= 0.05), medium (>= 0.15), high (>= 0.3) \
      or critical (>= 0.5); signals with fewer than 20 observations in either \
      window are not graded. Agents at or above --alert-at get an alert record \
      and the exit status is 1; --webhook also POSTs each alert (http:// only, \
      retried with exponential backoff; exit 2 if one cannot be delivered).
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var orgOption: LogOption
  @OptionGroup var window: DriftWindowOptions

  @Option(help: ArgumentHelp("Only this agent.", valueName: "agent"))
  var agent: String?

  @Option(help: ArgumentHelp("Severity that raises an alert: low, medium, high or critical.", valueName: "severity"))
  var alertAt: DriftSeverity = .high

  @OptionGroup var alerting: AlertOptions

  func run() throws {
    try AlertingReport.run(database, orgOption, alerting) { store, log, emit in
      let now = window.nowMilliseconds
      for drift in try AgentAnalytics(store: store).drift(log: log, agent: agent, now: now, baselineHours: window.baselineHours, recentHours: window.recentHours) {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("type"); writer.string("drift")
        writer.key("org"); writer.string(log.org)
        writer.key("agent"); writer.string(drift.agent)
        writer.key("severity"); writer.string(drift.severity.rawValue)
        writer.key("signals")
        writer.beginObject()
        for signal in drift.signals {
          writer.key(signal.signal.rawValue)
          writer.beginObject()
          writer.key("jsd"); writer.double(signal.divergence)
          writer.key("severity"); writer.string(signal.severity.rawValue)
          writer.key("baseline"); writer.int(signal.baselineCount)
          writer.key("recent"); writer.int(signal.recentCount)
          writer.endObject()
        }
        writer.endObject()
        writer.endObject()
        try StandardOutput.shared.writeLine(writer.bytes)
        if drift.severity >= alertAt && drift.severity != .none {
          try emit(AlertRecord.drift(org: log.org, agent: drift, time: now))
        }
      }
    }
  }
}

struct MetricsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metrics",
    abstract: "Print Prometheus metrics (text exposition format).",
    discussion: """
      Log sizes, requests, blocks, errors, tokens and findings by step and type \
      per agent, health scores per dimension, and drift divergence per signal; \
      suitable for node_exporter's textfile collector or any scraper. Metric \
      names are listed in docs/audit-format.md.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var window: DriftWindowOptions

  func run() throws {
    try AuditErrors.mapped(path: database.db) {
      let store = try database.open(.read)
      let text = try PrometheusExposition.render(store: store, now: window.nowMilliseconds,
                                                 baselineHours: window.baselineHours, recentHours: window.recentHours)
      try StandardOutput.shared.write(text)
    }
  }
}

extension DriftSeverity: ExpressibleByArgument {}
