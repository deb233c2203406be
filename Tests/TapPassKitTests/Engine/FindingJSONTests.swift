import Testing
@testable import TapPassKit

/// Findings and the decision are written with fixed keys into a
/// `ByteWriter` (Finding.jsonArray, RecordScanner.decision). They must be
/// the bytes `JSONWriter` writes from the same members, in the same order:
/// the definition below is the one they replaced.
@Suite struct FindingJSONTests {
  static func reference(_ finding: Finding, to writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("step"); writer.string(finding.step)
    writer.key("type"); writer.string(finding.type)
    if let category = finding.category { writer.key("category"); writer.string(category) }
    writer.key("path"); writer.string(finding.path)
    if let file = finding.file { writer.key("file"); writer.string(file) }
    if let line = finding.line { writer.key("line"); writer.int(line) }
    writer.key("start"); writer.int(finding.start)
    writer.key("end"); writer.int(finding.end)
    writer.key("score"); writer.double(finding.score, digits: 3)
    writer.key("severity"); writer.string(finding.severity.rawValue)
    writer.key("action"); writer.string(finding.action.rawValue)
    if finding.output { writer.key("output"); writer.bool(true) }
    writer.key("fingerprint"); writer.string(finding.fingerprint)
    writer.key("preview"); writer.string(finding.preview)
    if !finding.reasons.isEmpty {
      writer.key("reasons")
      writer.beginArray()
      for reason in finding.reasons { writer.string(reason) }
      writer.endArray()
    }
    writer.endObject()
  }

  static let findings: [Finding] = [
    Finding(step: "detect_pii", type: "email", path: "messages[0].content", start: 3, end: 20, score: 0.9,
            severity: .medium, action: .redact, fingerprint: "fp1:0123456789abcdef01234567", preview: "jo…[17]",
            reasons: ["pattern:email", "validator"]),
    Finding(step: "detect_injection", type: "injection", path: #"tools[1].function["na\"me"]"#, start: 0, end: 1_000_000,
            score: 0.12345, severity: .high, action: .block, fingerprint: "", preview: "",
            category: "direct", output: true, reasons: [], file: "dir/a \"b\".txt", line: 42),
    Finding(step: "detect_unicode", type: "bidi", path: "messages[2].content\u{7F}\n\t\u{2028}é", start: -1, end: -20,
            score: -0.0005, severity: .low, action: .continue, fingerprint: "fp1:x", preview: "?\u{1}…[3]",
            category: "", reasons: ["a\\b", "ünïcode", ""]),
    Finding(step: "engine", type: "incomplete_inspection", path: "", start: 0, end: 0, score: 1e17,
            severity: .high, action: .block, fingerprint: "", preview: "", reasons: ["inspection bound reached"]),
  ]

  @Test func findingsAreTheBytesJSONWriterWrites() {
    for count in 0...Self.findings.count {
      let findings = Array(Self.findings.prefix(count))
      var writer = JSONWriter()
      writer.beginArray()
      for finding in findings { Self.reference(finding, to: &writer) }
      writer.endArray()
      #expect(Finding.jsonArray(findings) == writer.bytes, "\(count) findings")
      var delegated = JSONWriter()
      delegated.beginArray()
      for finding in findings { finding.write(to: &delegated) }
      delegated.endArray()
      #expect(delegated.bytes == writer.bytes, "\(count) findings through JSONWriter")
    }
  }

  @Test func decisionIsTheBytesJSONWriterWrites() {
    for count in 0...Self.findings.count {
      let findings = Array(Self.findings.prefix(count)) + Array(Self.findings.prefix(count))
      let action = findings.lazy.map(\.action).max() ?? .continue
      var writer = JSONWriter()
      writer.beginObject()
      writer.key("action"); writer.string(findings.isEmpty ? "pass" : action.rawValue)
      writer.key("findings"); writer.int(findings.count)
      writer.key("steps")
      writer.beginArray()
      var seen: [String] = []
      for finding in findings where finding.action == action && !seen.contains(finding.step) {
        seen.append(finding.step)
        writer.string(finding.step)
      }
      writer.endArray()
      writer.endObject()
      #expect(RecordScanner.decision(findings) == writer.bytes, "\(count) findings")
    }
  }

  /// A write inside another's body (here a finding through JSONWriter)
  /// must not touch the memory the outer one is writing.
  @Test func nestedWritesKeepTheirOwnMemory() {
    let inner = Finding.jsonArray(Self.findings)
    let outer = ByteWriter.write { out in
      out.append("[")
      var writer = JSONWriter()
      for finding in Self.findings { finding.write(to: &writer) }
      out.append(writer.bytes)
      out.append("]")
    }
    var expected = JSONWriter()
    expected.beginArray()
    for finding in Self.findings { Self.reference(finding, to: &expected) }
    expected.endArray()
    #expect(outer == expected.bytes)
    #expect(inner == expected.bytes)
  }
}
