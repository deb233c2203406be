/// The result of classifying one record: the level and every reason that
/// contributed to it, written as `tappass.classification`.
public struct Classification: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case `default`, finding, marker, recogniser, category, rule
  }

  /// One contribution. `level` is what it asks for; the record's level is
  /// the highest of them.
  public struct Reason: Sendable, Equatable {
    public var kind: Kind
    public var name: String
    public var level: ClassificationLevel
    public var origin: ClassificationPolicy.Origin
    /// For findings: the step that reported the type.
    public var step: String?
    /// Where it was seen (first occurrence), and how often.
    public var path: String?
    public var start: Int?
    public var end: Int?
    public var count = 1
  }

  public var level: ClassificationLevel
  /// The org whose profile applied, when the policy has one for it.
  public var org: String?
  public var reasons: [Reason]
  public var policyDigest: String

  /// The reasons that decided the level (those at the final level).
  public var decisive: [Reason] { reasons.filter { $0.level == level } }

  public func write(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("level"); writer.string(level.name)
    if let org { writer.key("org"); writer.string(org) }
    writer.key("reasons")
    writer.beginArray()
    for reason in reasons {
      writer.beginObject()
      writer.key("kind"); writer.string(reason.kind.rawValue)
      writer.key("name"); writer.string(reason.name)
      if let step = reason.step { writer.key("step"); writer.string(step) }
      if let path = reason.path { writer.key("path"); writer.string(path) }
      if let start = reason.start, let end = reason.end {
        writer.key("start"); writer.int(start)
        writer.key("end"); writer.int(end)
      }
      if reason.count > 1 { writer.key("count"); writer.int(reason.count) }
      writer.key("level"); writer.string(reason.level.name)
      writer.key("by"); writer.string(reason.origin.field)
      writer.endObject()
    }
    writer.endArray()
    writer.key("policy"); writer.string(policyDigest)
    writer.endObject()
  }

  public var json: [UInt8] {
    var writer = JSONWriter(capacity: 256 + reasons.count * 128)
    write(to: &writer)
    return writer.bytes
  }

  /// The level already on a record (`tappass.classification.level`), if any.
  public static func level(in document: JSONDocument) -> ClassificationLevel? {
    guard let tappass = document.member("tappass", of: 0),
      let section = document.member("classification", of: tappass),
      let level = document.member("level", of: section).flatMap({ document.string($0) })
    else { return nil }
    return ClassificationLevel(name: level)
  }
}
