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

  public func write(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.key(literal: "step"); writer.string(step)
    writer.key(literal: "type"); writer.string(type)
    if let category { writer.key(literal: "category"); writer.string(category) }
    writer.key(literal: "path"); writer.string(path)
    if let file { writer.key(literal: "file"); writer.string(file) }
    if let line { writer.key(literal: "line"); writer.int(line) }
    writer.key(literal: "start"); writer.int(start)
    writer.key(literal: "end"); writer.int(end)
    writer.key(literal: "score"); writer.double(score, digits: 3)
    writer.key(literal: "severity"); writer.string(severity.rawValue)
    writer.key(literal: "action"); writer.string(action.rawValue)
    if output { writer.key(literal: "output"); writer.bool(true) }
    writer.key(literal: "fingerprint"); writer.string(fingerprint)
    writer.key(literal: "preview"); writer.string(preview)
    if !reasons.isEmpty {
      writer.key(literal: "reasons")
      writer.beginArray()
      for reason in reasons { writer.string(reason) }
      writer.endArray()
    }
    writer.endObject()
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
