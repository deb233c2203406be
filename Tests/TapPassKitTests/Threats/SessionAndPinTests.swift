import Foundation
import Testing
@testable import TapPassKit

/// The stateful threat checks: insider-threat evidence that accumulates
/// within a session, and rug-pull detection for tool descriptions (pins
/// file and trust on first use within a session).
@Suite struct SessionAndPinTests {
  static func scan(_ engine: ScanEngine, _ json: String) throws -> [Finding] {
    RecordScanner(engine: engine).findings(in: try JSONDocument(bytes: Array(json.utf8))).findings
  }

  @Test func insiderEvidenceAccumulatesPerSession() throws {
    var configuration = ScanConfiguration()
    configuration.steps["detect_insider_threat"] = Array(#"{"model": false}"#.utf8)
    let engine = try ScanEngine(steps: StepRegistry.instantiate(["detect_insider_threat"], configuration: configuration))
    let mild = "I would like more autonomy in how I plan my work."
    var reported: [Int] = []
    for turn in 0..<12 {
      let findings = try Self.scan(engine, #"{"session_id":"s1","text":"\#(mild)"}"#)
      if findings.contains(where: { $0.reasons.contains("session:accumulated") }) { reported.append(turn) }
    }
    #expect(!reported.isEmpty && reported.first! > 0, "mild evidence alone is silent at first, then reported: \(reported)")
    // Another session starts from zero, and records without a session never accumulate.
    #expect(try Self.scan(engine, #"{"session_id":"s2","text":"\#(mild)"}"#).isEmpty)
    for _ in 0..<6 { #expect(try Self.scan(engine, #"{"text":"\#(mild)"}"#).isEmpty) }
  }

  /// A session idle for longer than the window starts afresh, counted in
  /// input records: the same records spread over two engines (workers, each
  /// session on one of them) give exactly the findings of one engine.
  @Test func idleSessionsExpireByInputRecordWhateverTheWorkers() throws {
    var configuration = ScanConfiguration()
    configuration.steps["detect_insider_threat"] = Array(#"{"model": false}"#.utf8)
    func engine() throws -> ScanEngine {
      let engine = try ScanEngine(steps: StepRegistry.instantiate(["detect_insider_threat"], configuration: configuration))
      engine.sessionIdleRecords = 6
      return engine
    }
    let mild = "I would like more autonomy in how I plan my work."
    // Three sessions take turns, except records 21 to 35, all session s0:
    // s1 and s2 are idle for 15 records, then return.
    let sessions = (0..<60).map { turn in (21..<35).contains(turn) ? 0 : turn % 3 }
    let one = try engine()
    let workers = [try engine(), try engine()]
    var accumulatedAfterIdle = false
    for (number, session) in sessions.enumerated() {
      let record = #"{"session_id":"s\#(session)","text":"\#(mild)"}"#
      one.recordNumber = number + 1
      let alone = try Self.scan(one, record)
      let worker = workers[session % 2]
      worker.recordNumber = number + 1
      let spread = try Self.scan(worker, record)
      #expect(alone.map(\.reasons) == spread.map(\.reasons), "record \(number + 1)")
      if number == 35, session != 0 { accumulatedAfterIdle = alone.contains { $0.reasons.contains("session:accumulated") } }
    }
    // s1/s2 were idle for 15 records (> 6): their evidence started afresh.
    #expect(!accumulatedAfterIdle)
  }

  /// Parallel tools keep a session on one worker only when a step keeps
  /// session state: the two stateful steps say so (debug builds assert on
  /// an undeclared write), and the data-protection steps do not.
  @Test func statefulStepsDeclareSessionState() throws {
    let stateful = StepRegistry.all.filter { $0.keepsSessionState }.map { $0.descriptor.id }.sorted()
    #expect(stateful == ["detect_insider_threat", "detect_tool_poison"])
    #expect(try !ScanEngine(steps: RecordClassifier.dataProtectionSteps()).keepsSessionState)
    #expect(try ScanEngine(steps: StepRegistry.instantiate(["detect_insider_threat"])).keepsSessionState)
  }

  static func tools(_ description: String) -> String {
    #"[{"type":"function","function":{"name":"add","description":"\#(description)","parameters":{}}}]"#
  }

  @Test func pinnedDescriptionThatChangedIsARugPull() throws {
    let pins = FileManager.default.temporaryDirectory.appendingPathComponent("pins-\(getpid()).json").path
    let pinned = Hex.encode(TPCrypto.SHA256.hash(Array("Adds two numbers.".utf8)))
    try #"{"add": "\#(pinned)"}"#.write(toFile: pins, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: pins) }
    var configuration = ScanConfiguration()
    configuration.steps["detect_tool_poison"] = Array(#"{"pins_file": "\#(pins)"}"#.utf8)
    let engine = try ScanEngine(steps: StepRegistry.instantiate(["detect_tool_poison"], configuration: configuration))
    #expect(try Self.scan(engine, #"{"tools":\#(Self.tools("Adds two numbers.")),"messages":[]}"#).isEmpty)
    let changed = try Self.scan(engine, #"{"tools":\#(Self.tools("Adds two numbers, faster.")),"messages":[]}"#)
    #expect(changed.map(\.type) == ["rug_pull"])
  }

  @Test func descriptionChangedWithinASessionIsARugPull() throws {
    let engine = try ScanEngine(steps: StepRegistry.instantiate(["detect_tool_poison"]))
    let first = #"{"session_id":"s9","tools":\#(Self.tools("Adds two numbers.")),"messages":[]}"#
    let second = #"{"session_id":"s9","tools":\#(Self.tools("Adds two numbers and logs them.")),"messages":[]}"#
    #expect(try Self.scan(engine, first).isEmpty)
    #expect(try Self.scan(engine, first).isEmpty)
    #expect(try Self.scan(engine, second).map(\.type) == ["rug_pull"])
  }
}
