/// Removes PII and secret values from a record before it leaves the audit
/// store (SIEM exports, evidence previews).
///
/// Each finding names the decoded string at `path` and the byte span
/// `start..<end` that matched; that span is replaced by `[REDACTED:<type>]`.
/// The findings themselves are reduced to step, type, severity and
/// location, so a detector that copied the match into its finding (a
/// `value`, `match` or `preview` member) cannot leak it either.
///
/// Fail closed: a finding whose path or span cannot be located (wrong
/// path, offsets outside the string or inside a UTF-8 sequence) makes the
/// whole string at that path redacted, and when the path itself is
/// unknown every string outside `tappass` is redacted.
public enum ExportRedactor {
  public static func redact(_ document: JSONDocument) -> [UInt8] {
    let view = RecordView(document: document)
    let findings = view.findings
    guard !findings.isEmpty || view.tappass.flatMap({ document.member("findings", of: $0) }) != nil else {
      return document.bytes  // nothing detected: nothing to redact
    }
    // Index the string nodes outside `tappass` by path.
    var stringsByPath: [String: Int] = [:]
    let tappass = view.tappass
    for index in 0..<document.nodes.count where document.nodes[index].kind == .string && !isInside(index, tappass, document) {
      stringsByPath[document.path(of: index)] = index
    }
    var spans: [Int: [(span: Range<Int>, label: String)]] = [:]
    var wholeStrings = Set<Int>()
    var everything = false
    for finding in findings {
      guard let path = finding.path, let node = stringsByPath[path] else {
        everything = true
        continue
      }
      let value = document.stringBytes(node)
      if let start = finding.start, let end = finding.end, start < end, end <= value.count,
         isBoundary(value, start), isBoundary(value, end) {
        spans[node, default: []].append((start..<end, finding.type))
      } else {
        wholeStrings.insert(node)
      }
    }
    var edits: [(range: Range<Int>, bytes: [UInt8])] = []
    for (_, node) in stringsByPath {
      let redactWhole = everything || wholeStrings.contains(node)
      guard redactWhole || spans[node] != nil else { continue }
      var value = document.stringBytes(node)
      if redactWhole {
        value = Array("[REDACTED]".utf8)
      } else {
        // Merge overlapping spans, then replace from the end.
        let sorted = spans[node]!.sorted { $0.span.lowerBound < $1.span.lowerBound }
        var merged: [(Range<Int>, String)] = []
        for (span, label) in sorted {
          if let last = merged.last, span.lowerBound <= last.0.upperBound {
            merged[merged.count - 1].0 = last.0.lowerBound..<max(last.0.upperBound, span.upperBound)
          } else {
            merged.append((span, label))
          }
        }
        for (span, label) in merged.reversed() {
          value.replaceSubrange(span, with: Array("[REDACTED:\(sanitizedLabel(label))]".utf8))
        }
      }
      edits.append((document.rawRange(node), JSONString.quoted(String(decoding: value, as: UTF8.self))))
    }
    if let tappass, let list = document.member("findings", of: tappass) {
      edits.append((document.rawRange(list), safeFindings(findings)))
    }
    return RecordEditor.apply(edits, to: document.bytes, trimmingTo: document.rawRange(0))
  }

  static func isInside(_ index: Int, _ ancestor: Int?, _ document: JSONDocument) -> Bool {
    guard let ancestor else { return false }
    var current = index
    while current > 0 {
      if current == ancestor { return true }
      current = Int(document.nodes[current].parent)
    }
    return false
  }

  static func isBoundary(_ bytes: [UInt8], _ offset: Int) -> Bool {
    offset == bytes.count || bytes[offset] & 0xC0 != 0x80
  }

  static func sanitizedLabel(_ label: String) -> String {
    String(label.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-") }.prefix(40))
  }

  static func safeFindings(_ findings: [RecordView.Finding]) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginArray()
    for finding in findings {
      writer.beginObject()
      writer.key("step"); writer.string(finding.step)
      writer.key("type"); writer.string(finding.type)
      if let severity = finding.severity { writer.key("severity"); writer.string(severity) }
      if let path = finding.path { writer.key("path"); writer.string(path) }
      if let start = finding.start { writer.key("start"); writer.int(start) }
      if let end = finding.end { writer.key("end"); writer.int(end) }
      writer.endObject()
    }
    writer.endArray()
    return writer.bytes
  }
}
