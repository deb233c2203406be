import Foundation
import Testing
@testable import TapPassKit

/// Health (incremental), drift (JSD over 8 signals, 4 severities, alerts)
/// and the Prometheus exposition.
@Suite struct AuditHealthTests {
  static let hour: Int64 = 3_600_000
  static let start: Int64 = 1_772_798_400_000  // 2026-03-06T12:00:00Z

  /// Appends `records` (JSON texts) with the clock at `time`.
  static func append(_ store: AuditStore, _ records: [String], time: Int64) throws {
    let appender = try AuditAppender(store: store)
    appender.observers.append(try AgentStatsRecorder(database: store.database))
    appender.clock = { time }
    let items = try records.map { text in
      let document = try JSONDocument(bytes: Array(text.utf8))
      return AuditAppender.Item(org: "acme", agent: RecordIdentity().agent(of: document),
                                record: try Canonicalizer.canonicalize(document), observation: Observation(view: RecordView(document: document)))
    }
    _ = try appender.append(items)
  }

  @Test func jensenShannonKnownValues() {
    #expect(JensenShannon.divergence(["a": 3, "b": 1], ["a": 6, "b": 2]) == 0)
    #expect(abs(JensenShannon.divergence(["a": 1], ["b": 5]) - 1) < 1e-12)
    let value = JensenShannon.divergence(["a": 1], ["a": 1, "b": 1])
    #expect(abs(value - 0.311_278_124_459_132_8) < 1e-9)
    #expect(abs(value - JensenShannon.divergence(["a": 1, "b": 1], ["a": 1])) < 1e-15)
    #expect(JensenShannon.divergence([:], ["a": 1]) == 0)
  }

  @Test(arguments: [(0.0, DriftSeverity.none), (0.049, .none), (0.05, .low), (0.2, .medium), (0.3, .high), (0.49, .high), (0.5, .critical), (1, .critical)])
  func severityThresholds(divergence: Double, expected: DriftSeverity) {
    #expect(DriftSeverity(divergence: divergence) == expected)
  }

  @Test(arguments: [(0.0, "0"), (0.5, "0"), (1, "1"), (3, "2-3"), (4, "4-7"), (4000, "2048-4095"), (1e300, "2305843009213693952-4611686018427387903")])
  func tokenBuckets(value: Double, expected: String) {
    #expect(DriftSignal.log2Bucket(value) == expected)
  }

  @Test func healthIsMaintainedOnAppendAndMatchesTheFormula() throws {
    let directory = AuditTestSupport.temporaryDirectory()
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditStore(path: directory + "/audit.db", access: .write(sync: .normal))
    var records: [String] = []
    for index in 0..<100 {
      var tappass = #""action":"allow""#
      if index % 10 == 0 { tappass = #""action":"block","findings":[{"step":"detect_injection","type":"jailbreak"}]"# }
      else if index % 5 == 0 { tappass = #""action":"redact","findings":[{"step":"detect_pii","type":"email","path":"t","start":0,"end":1}]"# }
      else if index % 7 == 0 { tappass = #""error":{"code":"malformed_json","action":"block"}"# }
      records.append(#"{"agent_id":"bot","t":"x","usage":{"total_tokens":\#(index % 2 == 0 ? 8000 : 2000)},"tappass":{\#(tappass)}}"#)
    }
    // In three batches, as appends arrive.
    try Self.append(store, Array(records[0..<30]), time: Self.start)
    try Self.append(store, Array(records[30..<31]), time: Self.start)
    try Self.append(store, Array(records[31...]), time: Self.start)

    var expected = AgentStats()
    for (seq, text) in records.enumerated() {
      expected.add(Observation(view: RecordView(document: try JSONDocument(bytes: Array(text.utf8)))), seq: seq, time: Self.start)
    }
    // The trail itself is not read: health survives the entries' removal.
    try store.database.execute("DELETE FROM entries")
    let stored = try #require(try AgentAnalytics(store: store).stats(log: try store.requireLog(org: "acme")).first)
    #expect(stored.agent == "bot")
    #expect(stored.stats.totals == expected.totals)
    let score = HealthScore(stats: stored.stats)
    #expect(abs(score.overall - HealthScore(stats: expected).overall) < 1e-9)
    // 10 blocked, 10 with PII (index % 5 == 0 but not % 10), 10 attacks, errors: multiples of 7 not of 5.
    #expect(expected.totals.blocked == 10 + 12)
    #expect(expected.totals.data == 10)
    #expect(expected.totals.security == 10)
    #expect(expected.totals.errors == 12)
    // With the decay (half-life 1000) the scores sit close to the plain ratios.
    #expect(abs(score.compliance - 78) < 1)
    #expect(abs(score.dataSafety - 90) < 1)
    #expect(abs(score.security - 90) < 1)
    #expect(abs(score.stability - 88) < 1)
    #expect(abs(score.efficiency - 80) < 1)  // mean 5000 tokens against a 4000 budget
    let overall = 0.25 * score.compliance + 0.2 * score.dataSafety + 0.25 * score.security + 0.15 * score.stability + 0.15 * score.efficiency
    #expect(abs(score.overall - overall) < 1e-9)
  }

  @Test func driftDetectsAChangedToolMixAndRaisesAnAlert() throws {
    let directory = AuditTestSupport.temporaryDirectory()
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditStore(path: directory + "/audit.db", access: .write(sync: .normal))
    // Baseline: two days of read_file; recent day: shell_exec, blocked, with secrets.
    for hour in 0..<48 {
      try Self.append(store, (0..<5).map { #"{"agent_id":"bot","tool":"read_file","model":"m1","session_id":"s\#(hour)-\#($0 / 5)"}"# },
                      time: Self.start + Int64(hour) * Self.hour)
    }
    for hour in 48..<60 {
      try Self.append(store, (0..<5).map { _ in
        #"{"agent_id":"bot","tool":"shell_exec","model":"m1","session_id":"long","tappass":{"action":"block","findings":[{"step":"detect_secrets","type":"aws_key"}]}}"#
      }, time: Self.start + Int64(hour) * Self.hour)
      try Self.append(store, [#"{"agent_id":"steady","tool":"read_file"}"#], time: Self.start + Int64(hour) * Self.hour)
    }
    let now = Self.start + 59 * Self.hour
    let log = try store.requireLog(org: "acme")
    let results = try AgentAnalytics(store: store).drift(log: log, agent: nil, now: now, baselineHours: 48, recentHours: 12)
    let bot = try #require(results.first { $0.agent == "bot" })
    let bySignal = Dictionary(uniqueKeysWithValues: bot.signals.map { ($0.signal, $0) })
    #expect(bySignal[.toolMix]?.severity == .critical)
    #expect(bySignal[.blockRate]?.severity == .critical)
    #expect(bySignal[.findingTypes]?.severity == .critical)
    #expect(bySignal[.dataClasses]?.severity == .critical)
    #expect(bySignal[.modelMix]?.severity == DriftSeverity.none)
    #expect(bySignal[.timeOfDay]?.divergence ?? 0 > 0.3)
    #expect(bot.severity == .critical)
    // Too little data for "steady" (12 recent, 0 baseline): not graded.
    #expect(results.first { $0.agent == "steady" }?.severity == DriftSeverity.none)
    let alert = String(decoding: AlertRecord.drift(org: "acme", agent: bot, time: now), as: UTF8.self)
    #expect(alert.contains(#""kind":"drift""#) && alert.contains(#""severity":"critical""#) && alert.contains("tool_mix"))
  }

  static let promtool: String? = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(.enabled(if: promtool != nil, "promtool not found: install Debian's prometheus package to run this check"))
  func metricsPassPromtool() throws {
    let directory = AuditTestSupport.temporaryDirectory()
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditStore(path: directory + "/audit.db", access: .write(sync: .normal))
    try Self.append(store, [
      #"{"agent_id":"a \"quoted\" agent","tool":"x","usage":{"total_tokens":12.5},"tappass":{"action":"block","findings":[{"step":"detect_pii","type":"email"}]}}"#,
      #"{"agent_id":"b\\slash","tappass":{"findings":[{"step":"detect_secrets","type":"aws_key"},{"step":"detect_pii","type":"email"}]}}"#,
    ], time: Self.start)
    let text = try PrometheusExposition.render(store: store, now: Self.start, baselineHours: 24, recentHours: 1)
    #expect(text.contains(#"tappass_audit_findings_total{org="acme",agent="a \"quoted\" agent",step="detect_pii",type="email"} 1"#))
    let input = directory + "/metrics.prom"
    try text.write(toFile: input, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.promtool!)
    process.arguments = ["check", "metrics"]
    process.standardInput = FileHandle(forReadingAtPath: input)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "promtool: \(message)")
  }
}

/// Alert delivery to a webhook: retried until the endpoint accepts.
@Suite struct AuditWebhookTests {
  @Test func parsesURLs() throws {
    let hook = try Webhook(url: "http://127.0.0.1:8080/alerts?x=1")
    #expect(hook.host == "127.0.0.1" && hook.port == 8080 && hook.path == "/alerts?x=1")
    #expect(try Webhook(url: "http://siem.local").path == "/")
    #expect(throws: ToolError.self) { try Webhook(url: "https://siem.example") }
    #expect(throws: ToolError.self) { try Webhook(url: "http://:80/") }
  }

  @Test func alertIsPostedWithRetries() throws {
    let directory = AuditTestSupport.temporaryDirectory()
    defer { AuditTestSupport.removeDirectory(directory) }
    // A server that fails the first POST with 500, accepts the second, and
    // records what it accepted.
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["python3", "-c", """
      import http.server, sys
      calls = []
      class H(http.server.BaseHTTPRequestHandler):
          def do_POST(self):
              body = self.rfile.read(int(self.headers['Content-Length']))
              calls.append(body)
              self.send_response(500 if len(calls) == 1 else 204)
              self.end_headers()
              if len(calls) > 1:
                  open(sys.argv[1], 'wb').write(body)
          def log_message(self, *args): pass
      s = http.server.HTTPServer(('127.0.0.1', 0), H)
      print(s.server_address[1], flush=True)
      s.handle_request(); s.handle_request()
      """, directory + "/received.json"]
    let portPipe = Pipe()
    server.standardOutput = portPipe
    try server.run()
    var portText = ""
    while !portText.hasSuffix("\n") {
      let data = portPipe.fileHandleForReading.availableData
      if data.isEmpty { break }
      portText += String(decoding: data, as: UTF8.self)
    }
    let port = try #require(Int(portText.trimmingCharacters(in: .whitespacesAndNewlines)))

    let db = directory + "/audit.db"
    AuditTestSupport.writeFile(directory + "/in.jsonl", Array(#"{"agent_id":"bot","tappass":{"action":"block"}}"#.utf8) + [0x0A])
    #expect(try AuditTestSupport.run(["append", "--db", db, directory + "/in.jsonl"]).status == 0)
    let run = try AuditTestSupport.run(["health", "--db", db, "--alert-below", "90", "--webhook", "http://127.0.0.1:\(port)/hook"])
    server.waitUntilExit()
    #expect(run.status == 1, "\(run.stderr)")
    let received = try String(contentsOfFile: directory + "/received.json", encoding: .utf8)
    #expect(received.contains(#""kind":"health""#) && received.contains(#""agent":"bot""#))
    // Nothing listening: delivery fails after the attempts, exit 2.
    let failed = try AuditTestSupport.run(["health", "--db", db, "--alert-below", "90", "--webhook", "http://127.0.0.1:\(port)/hook", "--webhook-attempts", "2"])
    #expect(failed.status == 2 && failed.stderr.contains("failed after 2 attempts"))
  }
}
