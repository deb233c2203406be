import Testing
@testable import TapPassKit

/// tp-classify and tp-route with several workers write exactly what one
/// worker writes: raw records (scanned in-process, with per-session state),
/// records tp-scan and tp-classify already annotated, error records from
/// an earlier tool and broken lines, with sessions interleaved.
@Suite struct ParallelClassifyRouteTests {
  static let policy = ["--policy", Fixtures.examples + "/policy.json"]
  static let routing = ["--catalogue", Fixtures.examples + "/catalogue.json", "--health", Fixtures.examples + "/health.json"]
  /// Raw records are scanned with a step that keeps per-session state.
  static let steps = ["--steps", "detect_pii,detect_secrets,detect_insider_threat"]

  /// ParallelStreamTests' sessions, secrets and broken lines, and records
  /// that classification and routing tell apart: markings, declared data
  /// categories, tools, code, residency flags, large outputs.
  static func raw() -> [String] {
    let base = String(decoding: ParallelStreamTests.stream(), as: UTF8.self).split(separator: "\n").map(String.init)
    let tool = #"{"type":"function","function":{"name":"crm_lookup","description":"Looks up a customer","parameters":{}}}"#
    return base.enumerated().map { index, line in
      switch index % 6 {
      case 0: #"{"id":"m\#(index)","session_id":"s\#(index % 4)","org_id":"acme","agent_id":"hr-assistant","messages":[{"role":"user","content":"CONFIDENTIAL: salary bands for PRJ-\#(100000 + index)"}]}"#
      case 1: #"{"id":"t\#(index)","org_id":"acme-health","data_categories":["health"],"tools":[\#(tool),\#(tool)],"max_tokens":4096,"messages":[{"role":"user","content":"```python\ndef f(x):\n    return x\n```"}]}"#
      case 2: #"{"id":"f\#(index)","flags":{"residency":"eu"},"session_id":"s\#(index % 4)","text":"TOP SECRET//NOFORN the plan"}"#
      default: line
      }
    }
  }

  static func bytes(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

  /// Every third line as tp-scan wrote it (findings present), the rest raw.
  static func mixed() throws -> [String] {
    let raw = Self.raw()
    let scanned = try ToolProcess.run("tp-scan", ["--no-progress", "--threads", "1"], stdin: bytes(raw)).lines
    #expect(scanned.count == raw.count)
    return raw.indices.map { $0 % 3 == 0 ? scanned[$0] : raw[$0] }
  }

  @Test func classifyWithManyWorkersGivesTheOneWorkerOutput() throws {
    let one = try ParallelStreamTests.sameOutputWithAnyThreads("tp-classify", Self.policy + Self.steps, Self.bytes(try Self.mixed()))
    #expect(one.status == 2, "the broken lines make the status 2")
    #expect(one.lines.count == 3000)
    #expect(one.lines.contains { $0.contains("session:accumulated") }, "sessions accumulate in the reference run")
    #expect(one.lines.contains { $0.contains(#""level":"TOP_SECRET""#) })
    let explained = try ParallelStreamTests.sameOutputWithAnyThreads("tp-classify", ["--explain"] + Self.policy, Self.bytes(try Self.mixed()))
    #expect(!explained.stdout.isEmpty)
  }

  @Test func routeWithManyWorkersGivesTheOneWorkerOutput() throws {
    // Every fourth line already classified, some of those error records.
    let mixed = try Self.mixed()
    let classified = try ToolProcess.run("tp-classify", ["--no-progress", "--threads", "1"] + Self.policy, stdin: Self.bytes(mixed)).lines
    let input = mixed.indices.map { $0 % 4 == 0 ? classified[$0] : mixed[$0] }
    let one = try ParallelStreamTests.sameOutputWithAnyThreads("tp-route", Self.policy + Self.routing + Self.steps, Self.bytes(input))
    #expect(one.status == 2)
    #expect(one.lines.contains { $0.contains("session:accumulated") })
    #expect(one.lines.contains { $0.contains(#""action":"block""#) } && one.lines.contains { $0.contains(#""action":"route""#) })
    let explained = try ParallelStreamTests.sameOutputWithAnyThreads("tp-route", ["--explain"] + Self.policy + Self.routing, Self.bytes(input))
    #expect(!explained.stdout.isEmpty)
  }

  @Test func blockedCountIsTheSameWithManyWorkers() throws {
    let input = Self.bytes(Array(Self.raw().filter { !$0.contains("broken") }.prefix(600)))
    let one = try ParallelStreamTests.sameOutputWithAnyThreads("tp-route", Self.policy + Self.routing, input)
    #expect(one.status == 1, "a TOP SECRET record with no allowed model is blocked")
  }
}
