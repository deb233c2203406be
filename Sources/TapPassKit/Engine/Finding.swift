/// One thing a step found in one field. Offsets are UTF-8 byte offsets into
/// the field's decoded string value. The matched value itself is never kept
/// here: only its keyed fingerprint and a redacted preview.
public struct Finding: Sendable, Equatable {
  public var step: String
  public var type: String
  public var path: String
  public var start: Int
  public var end: Int
  public var score: Double
  public var severity: Severity
  public var action: Action
  public var fingerprint: String
  public var preview: String
  /// A finer label where a step has one (e.g. injection category).
  public var category: String?
  /// Set for findings in the model's answer (after-call steps).
  public var output: Bool = false
  /// What fired: rule names, validators, features. Never values.
  public var reasons: [String] = []
  /// For file scanning: the file and 1-based line.
  public var file: String?
  public var line: Int?

  /// The finding as a member of a `JSONWriter` array: the bytes
  /// `write(to: &ByteWriter)` writes.
  public func write(to writer: inout JSONWriter) {
    writer.raw(ByteWriter.write { write(to: &$0) })
  }

  /// The findings as a JSON array, the `findings` section of every record
  /// that has any. Written with fixed keys and commas into this thread's
  /// `ByteWriter`: through `JSONWriter`, each key was five array appends
  /// and each string a generic append (about 6,600 instructions a finding).
  static func jsonArray(_ findings: [Finding]) -> [UInt8] {
    ByteWriter.write { out in
      out.append(0x5B)
      for index in findings.indices {
        if index > 0 { out.append(0x2C) }
        findings[index].write(to: &out)
      }
      out.append(0x5D)
    }
  }

  /// The member order and spelling are the output format (docs/format.md):
  /// change them only with it.
  func write(to out: inout ByteWriter) {
    out.append(#"{"step":"#); out.appendQuoted(step)
    out.append(#","type":"#); out.appendQuoted(type)
    if let category { out.append(#","category":"#); out.appendQuoted(category) }
    out.append(#","path":"#); out.appendQuoted(path)
    if let file { out.append(#","file":"#); out.appendQuoted(file) }
    if let line { out.append(#","line":"#); JSONWriter.appendInteger(line, to: &out) }
    out.append(#","start":"#); JSONWriter.appendInteger(start, to: &out)
    out.append(#","end":"#); JSONWriter.appendInteger(end, to: &out)
    out.append(#","score":"#); JSONWriter.appendDecimal(score, digits: 3, to: &out)
    out.append(#","severity":"#); out.appendQuoted(severity.rawValue)
    out.append(#","action":"#); out.appendQuoted(action.rawValue)
    if output { out.append(#","output":true"#) }
    out.append(#","fingerprint":"#); out.appendQuoted(fingerprint)
    out.append(#","preview":"#); out.appendQuoted(preview)
    if !reasons.isEmpty {
      out.append(#","reasons":["#)
      for index in reasons.indices {
        if index > 0 { out.append(0x2C) }
        out.appendQuoted(reasons[index])
      }
      out.append(0x5D)
    }
    out.append(0x7D)
  }
}

/// What a step proposes before the engine applies thresholds, suppression,
/// actions and fingerprints.
public struct Candidate: Sendable {
  public var start: Int
  public var end: Int
  public var type: String
  public var score: Double
  public var severity: Severity
  public var category: String?
  public var reasons: [String]

  public init(start: Int, end: Int, type: String, score: Double, severity: Severity, category: String? = nil, reasons: [String] = []) {
    self.start = start
    self.end = end
    self.type = type
    self.score = score
    self.severity = severity
    self.category = category
    self.reasons = reasons
  }
}
