import Testing
@testable import TapPassKit

/// The one generic test that runs every step's examples (STYLE.md §3–4):
/// positives must fire exactly at their marked spans and negatives must stay
/// silent, as plain fields and again in carrier variants: inside a JSON
/// record of the example's shape, after multibyte text and escapes, inside a
/// tool-call argument, and with the inline suppression marker.
@Suite struct StepExampleTests {
  static let stepIDs: [String] = StepRegistry.all.map { $0.descriptor.id }.sorted()

  struct Observed: Equatable, CustomStringConvertible {
    var start: Int, end: Int, type: String
    var description: String { "\(type)@\(start)..<\(end)" }
  }

  static func engine(for stepID: String, config: String?) throws -> ScanEngine {
    var configuration = ScanConfiguration()
    if let config { configuration.steps[stepID] = Array(config.utf8) }
    let steps = try StepRegistry.instantiate([stepID], configuration: configuration, source: "example")
    return try ScanEngine(steps: steps)
  }

  static func check(_ expected: [StepExample.Span], _ observed: [Observed], shift: Int = 0, _ carrier: String, _ example: StepExample) {
    let want = expected.map { ($0.start + shift, $0.end + shift, $0.type) }
    let location = SourceLocation(fileID: example.file, filePath: example.file, line: example.line, column: 1)
    let matches = want.count == observed.count && zip(want, observed).allSatisfy { w, o in
      w.0 == o.start && w.1 == o.end && (w.2 == nil || w.2 == o.type)
    }
    #expect(matches, "[\(carrier)] expected \(expected.map { "\($0.type ?? "*")@\($0.start + shift)..<\($0.end + shift)" }) got \(observed)", sourceLocation: location)
  }

  /// A record of the example's role holding `value`, and the path of it.
  static func record(role: FieldRole, value: String) -> String {
    let quoted = String(decoding: JSONString.quoted(value), as: UTF8.self)
    switch role {
    case .text, .file: return #"{"text":\#(quoted)}"#
    case .system: return #"{"system":\#(quoted),"messages":[]}"#
    case .user: return #"{"messages":[{"role":"user","content":\#(quoted)}]}"#
    case .assistant: return #"{"messages":[{"role":"assistant","content":[{"type":"text","text":\#(quoted)}]}]}"#
    case .toolResult: return #"{"messages":[{"role":"tool","tool_call_id":"c1","content":\#(quoted)}]}"#
    case .toolArguments: return #"{"messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"run","arguments":\#(quoted)}}]}]}"#
    case .toolDescription: return #"{"tools":[{"type":"function","function":{"name":"t","description":\#(quoted)}}]}"#
    case .output: return #"{"response":{"choices":[{"message":{"role":"assistant","content":\#(quoted)}}]}}"#
    }
  }

  static func scanRecord(_ engine: ScanEngine, _ json: String) throws -> [Observed] {
    let document = try JSONDocument(bytes: Array(json.utf8))
    let scanner = RecordScanner(engine: engine)
    return scanner.findings(in: document).findings.map { Observed(start: $0.start, end: $0.end, type: $0.type) }
  }

  @Test(arguments: stepIDs)
  func examples(stepID: String) throws {
    let type = try #require(StepRegistry.lookup(stepID))
    let descriptor = type.descriptor
    #expect(descriptor.examples.contains(where: { $0.isPositive }), "\(stepID) has no triggering example")
    #expect(descriptor.examples.contains(where: { !$0.isPositive }), "\(stepID) has no non-triggering example")
    for example in descriptor.examples {
      let engine = try Self.engine(for: stepID, config: example.config)
      let (text, spans) = example.unmarked
      let role = example.role

      // 1. The plain field.
      let plain = engine.scan([FieldText(path: "text", role: role, bytes: Array(text.utf8))])
      Self.check(spans, plain.map { Observed(start: $0.start, end: $0.end, type: $0.type) }, "plain", example)

      // 2. Inside a record of the example's shape.
      Self.check(spans, try Self.scanRecord(engine, Self.record(role: role, value: text)), "record", example)

      // 3. After multibyte text and characters that need JSON escapes.
      let prefix = "naïve café — 日本語 \"q\" \\ \t\n\n"
      Self.check(spans, try Self.scanRecord(engine, Self.record(role: role, value: prefix + text)), shift: prefix.utf8.count, "multibyte prefix", example)

      // 4. Inside a tool-call argument (JSON inside a JSON string).
      if engine.steps[0].settings.reads.contains(.toolArguments) {
        let argumentPrefix = #"{"input": ""#
        let escaped = String(decoding: JSONString.quoted(text).dropFirst().dropLast(), as: UTF8.self)
        if escaped == text {
          let arguments = argumentPrefix + escaped + #""}"#
          Self.check(spans, try Self.scanRecord(engine, Self.record(role: .toolArguments, value: arguments)), shift: argumentPrefix.utf8.count, "tool argument", example)
        }
      }

      // 5. The inline suppression marker silences every finding on its line.
      let suppressed = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + " # tappass:allow" }.joined(separator: "\n")
      let silenced = engine.scan([FieldText(path: "text", role: role, bytes: Array(suppressed.utf8))])
      #expect(silenced.isEmpty, "[suppression] \(silenced.map(\.type))", sourceLocation: SourceLocation(fileID: example.file, filePath: example.file, line: example.line, column: 1))
    }
  }

  @Test func registryIsSortedUniqueAndMatchesStepFiles() throws {
    let names = StepRegistry.all.map { String(describing: $0) }
    #expect(names == names.sorted(), "run scripts/gen-registry")
    let ids = StepRegistry.all.map { $0.descriptor.id }
    #expect(Set(ids).count == ids.count, "duplicate step ids")
    let root = URLPaths.packageRoot(#filePath)
    let files = URLPaths.find(root + "/Sources/TapPassKit/Steps", suffix: "Step.swift").map { String($0.split(separator: "/").last!.dropLast(6)) }.sorted()
    #expect(files == names, "run scripts/gen-registry")
  }
}
