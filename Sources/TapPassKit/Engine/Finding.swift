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
    writer.key("step"); writer.string(step)
    writer.key("type"); writer.string(type)
    if let category { writer.key("category"); writer.string(category) }
    writer.key("path"); writer.string(path)
    if let file { writer.key("file"); writer.string(file) }
    if let line { writer.key("line"); writer.int(line) }
    writer.key("start"); writer.int(start)
    writer.key("end"); writer.int(end)
    writer.key("score"); writer.double(score, digits: 3)
    writer.key("severity"); writer.string(severity.rawValue)
    writer.key("action"); writer.string(action.rawValue)
    if output { writer.key("output"); writer.bool(true) }
    writer.key("fingerprint"); writer.string(fingerprint)
    writer.key("preview"); writer.string(preview)
    if !reasons.isEmpty {
      writer.key("reasons")
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
