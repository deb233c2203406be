import Foundation
import Testing
@testable import TapPassKit

/// The byte-level hot path of tp-classify against the general code it
/// replaces (the field walker is checked in RequestFieldsTests): the
/// joined text against decoding each field, the hand-matched header marker against its
/// Hyperscan pattern, and the compiled policy's JSON against
/// `Classification.write`. Seeded random records, so a failure reproduces.
@Suite struct ClassifyCompiledTests {
  typealias Random = RoutePropertyTests.Random

  static let texts = [
    "hello there", "CONFIDENTIAL draft", "TOP SECRET plan", "Classification: Restricted\nbody", "internal only",
    "```python\ndef f(x):\n  return x\n```", "TLP:GREEN list", "see PRJ-123456", "SECRET//REL memo", "plain words",
    "for internal use", "Strictly confidential", "\"quoted\" \\ back", "caf\u{E9} \u{1F600}", "line\u{2028}sep",
    "member AHM12345678", "do not forward", "# Sensitivity: top_secret\n", "tab\there", "ctrl\u{01}",
  ]

  static func string(_ random: inout Random) -> String {
    var text = ""
    for _ in 0..<random.int(1...3) { text += random.pick(texts) }
    var quoted = String(decoding: JSONString.quoted(text), as: UTF8.self)
    // Some strings spell characters as escapes the writer would not use.
    if random.chance(0.2) { quoted = quoted.replacingOccurrences(of: "e", with: "\\u0065") }
    if random.chance(0.1) { quoted = quoted.replacingOccurrences(of: "o", with: "\\u006F") }
    return quoted
  }

  static func key(_ name: String, _ random: inout Random) -> String {
    random.chance(0.05) ? "\"" + name.replacingOccurrences(of: "t", with: "\\u0074") + "\"" : "\"\(name)\""
  }

  static func block(_ random: inout Random) -> String {
    switch random.int(0...6) {
    case 0: return #"{"type":"text","text":\#(string(&random))}"#
    case 1: return #"{"type":"image_url","image_url":{"url":"data:x"},"text":\#(string(&random))}"#
    case 2: return #"{"type":"tool_use","id":"t1","input":{"q":\#(string(&random))}}"#
    case 3: return #"{"type":"tool_result","content":[{"type":"text","text":\#(string(&random))}]}"#
    case 4: return #"{"cache_control":{"type":"x"},"text":\#(string(&random)),"other":[\#(string(&random)),1]}"#
    case 5: return #"{"type":"function_call","arguments":\#(string(&random))}"#
    default: return string(&random)
    }
  }

  static func message(_ random: inout Random) -> String {
    let role = random.pick(["user", "assistant", "system", "tool", "developer", "model", "ipython", "function", "other"])
    var members = [#"\#(key("role", &random)):"\#(role)""#]
    switch random.int(0...3) {
    case 0: members.append(#""content":\#(string(&random))"#)
    case 1: members.append(#""content":[\#(block(&random)),\#(block(&random))]"#)
    case 2: members.append(#""content":\#(block(&random))"#)
    default: members.append(#""tool_calls":[{"id":"c","function":{"name":"f","arguments":\#(string(&random))}}],"name":"n""#)
    }
    if random.chance(0.2) { members.append(#""function_call":{"arguments":\#(string(&random))}"#) }
    if random.chance(0.2) { members.append(#""extra":\#(string(&random))"#) }
    return "{" + members.joined(separator: ",") + "}"
  }

  static func record(_ random: inout Random) -> String {
    var members: [String] = []
    if random.chance(0.5) { members.append(#""org_id":"\#(random.pick(["acme", "acme-health", "public-site", "x"]))""#) }
    if random.chance(0.5) { members.append(#""agent_id":"\#(random.pick(["hr-bot", "support", "obs-1"]))""#) }
    if random.chance(0.2) { members.append(#""trust_tier":"observer""#) }
    if random.chance(0.3) { members.append(#""data_categories":["\#(random.pick(["health", "financial", "hr", "m_and_a", "zzz"]))"]"#) }
    if random.chance(0.1) { members.append(#""metadata":{"data_categories":"personal"}"#) }
    switch random.int(0...7) {
    case 0, 1, 2:
      members.append(#"\#(key("messages", &random)):[\#((0..<random.int(1...4)).map { _ in message(&random) }.joined(separator: ","))]"#)
      if random.chance(0.4) {
        members.append(#""tools":[{"type":"function","function":{"name":"t","description":\#(string(&random)),"parameters":{"properties":{"a":{"title":\#(string(&random)),"enum":["x",\#(string(&random))]}}}}}]"#)
      }
    case 3: members.append(#""system":\#(string(&random)),"messages":[\#(message(&random))]"#)
    case 4: members.append(#"\#(key("text", &random)):\#(string(&random))"#)
    case 5: members.append(#""input":[\#(message(&random))],"prompt":[\#(string(&random))]"#)
    case 6: members.append(#""response":{"choices":[{"message":{"content":\#(string(&random)),"tool_calls":[{"function":{"arguments":\#(string(&random))}}]}},{"text":\#(string(&random))}]}"#)
    default: members.append(#""note":\#(string(&random)),"id":"x","nested":{"deep":[\#(string(&random))]}"#)
    }
    if random.chance(0.05) { members.append(#""text":\#(string(&random))"#) }
    return "{" + members.joined(separator: ",") + "}"
  }

  static let records: [String] = {
    var random = Random(state: 2026)
    return (0..<600).map { _ in record(&random) }
  }()

  @Test func joinedTextMatchesDecodingEachField() throws {
    for record in Self.records {
      let document = try Fixtures.document(record)
      var expected: [UInt8] = []
      for field in RequestFields.extract(document) { expected += document.stringBytes(field.node) + [0x0A] }
      let joined = JoinedText(document)
      #expect(joined.bytes == expected, "\(record)")
      #expect(joined.nodes == RequestFields.extract(document).map(\.node))
    }
  }

  @Test func unescapeMatchesJSONString() {
    var random = Random(state: 11)
    let pieces = ["a", #"\""#, #"\\"#, #"\n"#, #"\t"#, #"\/"#, #"\b"#, #"\f"#, #"\r"#, #"\u0041"#, #"\u00e9"#, #"\u20AC"#,
                  #"\ud83d\ude00"#, #"\ud83d"#, #"\ude00"#, #"\ud83dx"#, "é", "😀", "word "]
    for _ in 0..<3000 {
      let raw = Array((0..<random.int(0...12)).map { _ in random.pick(pieces) }.joined().utf8)
      let fast = [UInt8](unsafeUninitializedCapacity: raw.count) { buffer, count in
        count = raw.withUnsafeBufferPointer { JSONUnescape.decode($0, into: buffer.baseAddress!) }
      }
      #expect(fast == JSONString.unescape(raw), "\(String(decoding: raw, as: UTF8.self))")
    }
  }

  /// The hand matcher gives the matches Hyperscan gives for the marker's
  /// own pattern, on texts built from the pattern's pieces.
  @Test func headerMarkerMatchesItsPattern() throws {
    let database = try HyperscanDatabase(patterns: [Marker.builtIn[HeaderMarker.index].pattern], cacheDirectory: nil)
    var random = Random(state: 5)
    let pieces = ["\n", "\n", " ", "\t", "#", "*", ">", "data", "Data ", "classification", "CLASSIFICATION", "Sensitivity", "security",
                  "level", "label", "Label", ":", ": ", "public", "internal", "Confidential", "restricted", "secret", "SECRET", "top",
                  "Top", "_", "-", "x", "1", "é", "s", "\r"]
    for _ in 0..<20000 {
      let text = Array((0..<random.int(0...14)).map { _ in random.pick(pieces) }.joined().utf8)
      var hand: [(start: Int, end: Int)] = []
      text.withUnsafeBufferPointer { HeaderMarker.matches($0, into: &hand) }
      let scanned = text.withUnsafeBufferPointer { database.scan($0).matches }
      #expect(hand.map { [$0.start, $0.end] } == scanned.map { [$0.start, $0.end] }, "\(String(decoding: text, as: UTF8.self).debugDescription)")
    }
  }

  /// The split internal_only marker gives the merged matches Hyperscan
  /// gives for the whole pattern.
  @Test func internalOnlyMarkerMatchesItsPattern() throws {
    #expect(HeaderMarker.applies && InternalOnlyMarker.applies)
    let whole = try HyperscanDatabase(patterns: [Marker.builtIn[InternalOnlyMarker.index].pattern], cacheDirectory: nil)
    let parts = try HyperscanDatabase(patterns: [InternalOnlyMarker.onlyPattern, InternalOnlyMarker.literal], cacheDirectory: nil)
    var random = Random(state: 8)
    let pieces = ["for internal use", "For\tInternal  USE", "for internal use only", "internal use only", "internal-only", "internal_use_only",
                  "INTERNAL ONLY", "for  internal", "internal use", "for", "fore", " ", " ", "\t", "internal", "Internal", "internally",
                  "use", "user", "only", "_", "-", "x", "\n", "é", "1"]
    var found = 0
    for _ in 0..<20000 {
      let text = Array((0..<random.int(0...12)).map { _ in random.pick(pieces) }.joined().utf8)
      let expected = text.withUnsafeBufferPointer { whole.scan($0).matches }.map { [$0.start, $0.end] }
      let split: [[Int]] = text.withUnsafeBufferPointer { bytes in
        let matches = parts.scan(bytes).matches
        var reports = matches.filter { $0.id == 0 }.map { (start: $0.start, end: $0.end) }
        for literal in matches where literal.id == 1 {
          if let match = InternalOnlyMarker.forInternalUse(bytes, end: literal.end) { reports.append(match) }
        }
        return InternalOnlyMarker.merge(reports).map { [$0.start, $0.end] }
      }
      #expect(split == expected, "\(String(decoding: text, as: UTF8.self).debugDescription)")
      found += expected.count
    }
    #expect(found > 1000)
  }

  /// Matching the header only at field starts and at the newlines of
  /// escaped fields finds what matching every line of the joined text does.
  @Test func headerMatchesByFieldEqualMatchesByLine() throws {
    for record in Self.records + [#"{"text":"x\n# Classification: SECRET","system":"Label: public"}"#] {
      let document = try Fixtures.document(record)
      let text = JoinedText(document)
      var byLine: [(start: Int, end: Int)] = [], byField: [(start: Int, end: Int)] = []
      text.bytes.withUnsafeBufferPointer { bytes in
        HeaderMarker.matches(bytes, into: &byLine)
        HeaderMarker.matches(bytes, starts: text.starts, escaped: { document.nodes[text.nodes[$0]].isEscapedString }, into: &byField)
      }
      #expect(byField.map { [$0.start, $0.end] } == byLine.map { [$0.start, $0.end] }, "\(record)")
    }
  }

  static let policies: [String] = [
    #"{"version": 1}"#,
    """
    {"default_level": "INTERNAL", "findings": {"types": {"email": "RESTRICTED", "homoglyph": "IGNORE"}, "steps": {"detect_infra": "CONFIDENTIAL"}},
     "markers": {"confidential": "IGNORE", "classification_header": "CONFIDENTIAL"}, "categories": {"hr": "CONFIDENTIAL", "health": "IGNORE"},
     "recognisers": [{"name": "project", "pattern": "\\\\bPRJ-[0-9]{6}\\\\b", "level": "CONFIDENTIAL"}],
     "orgs": {"acme": {"default_level": "PUBLIC", "recognisers": [{"name": "member", "pattern": "AHM[0-9]+", "level": "RESTRICTED"}]},
              "acme-health": {"extends": "acme", "findings": {"steps": {"detect_pii": "TOP_SECRET"}}}},
     "rules": [
       {"name": "orgs", "when": {"org": ["acme", "x"]}, "level": "CONFIDENTIAL"},
       {"name": "agents", "when": {"agent": "hr-*"}, "level": "RESTRICTED"},
       {"name": "tiers", "when": {"trust_tier": "observer"}, "level": "INTERNAL"},
       {"name": "categories", "when": {"categories": ["m_and_a", "hr"]}, "level": "RESTRICTED"},
       {"name": "types", "when": {"finding_types": "api_key"}, "level": "TOP_SECRET"},
       {"name": "steps", "when": {"steps": ["detect_secrets"], "min_level": "CONFIDENTIAL"}, "level": "RESTRICTED"},
       {"name": "markers", "when": {"markers": ["member", "tlp_green"]}, "level": "RESTRICTED"},
       {"name": "chained", "when": {"min_level": "RESTRICTED"}, "level": "TOP_SECRET"}
     ]}
    """,
  ]

  /// The section written from the compiled policy is `Classification.write`
  /// of the public result, whatever the record, findings and policy.
  @Test func compiledSectionEqualsClassificationWrite() throws {
    let policies = try Self.policies.map { try Fixtures.policy($0) } + [Fixtures.examplePolicy]
    var random = Random(state: 99)
    let scanner = RecordScanner(engine: try ScanEngine(steps: RecordClassifier.dataProtectionSteps()))
    for policy in policies {
      let classifier = RecordClassifier(classifier: try Classifier(policy: policy, cacheDirectory: nil), scanner: scanner)
      for record in Self.records {
        var line = record
        if random.chance(0.7) {
          let findings = (0..<random.int(0...4)).map { _ in
            #"{"step":"\#(random.pick(["detect_pii", "detect_secrets", "detect_infra", "detect_unicode"]))","type":"\#(random.pick(["email", "api_key", "ip_address", "homoglyph", "person", "n\\u0065w"]))","path":"\#(random.pick(["text", "messages[0].content", "x\\\"y"]))","start":0}"#
          }
          line.removeLast()
          line += #","tappass":{"version":1,"findings":[\#(findings.joined(separator: ","))]}}"#
        }
        let document = try Fixtures.document(line)
        let result = classifier.classify(document)
        #expect(result.sections.last?.value == result.classification.json, "\(line)")
        #expect(classifier.sections(for: document).last?.value == result.classification.json)
        let findings = FindingFact.read(document) ?? []
        #expect(classifier.classifier.classify(document, findings: findings).json == result.classification.json || FindingFact.read(document) == nil)
      }
    }
  }
}
