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

  /// Appends the `tappass.classification` object (fixed shape; see
  /// `JSONBytes`).
  public func write(to out: inout [UInt8]) {
    func put(_ literal: StaticString) { JSONBytes.raw(literal, to: &out) }
    put(#"{"level":""#); out.append(contentsOf: level.name.utf8); put("\"")
    if let org { put(#","org":"#); JSONBytes.string(org, to: &out) }
    put(#","reasons":["#)
    for (index, reason) in reasons.enumerated() {
      put(index == 0 ? #"{"kind":""# : #",{"kind":""#); out.append(contentsOf: reason.kind.rawValue.utf8)
      put(#"","name":"#); JSONBytes.string(reason.name, to: &out)
      if let step = reason.step { put(#","step":"#); JSONBytes.string(step, to: &out) }
      if let path = reason.path { put(#","path":"#); JSONBytes.string(path, to: &out) }
      if let start = reason.start, let end = reason.end {
        put(#","start":"#); JSONBytes.int(start, to: &out)
        put(#","end":"#); JSONBytes.int(end, to: &out)
      }
      if reason.count > 1 { put(#","count":"#); JSONBytes.int(reason.count, to: &out) }
      put(#","level":""#); out.append(contentsOf: reason.level.name.utf8)
      put(#"","by":"#); JSONBytes.string(reason.origin.field, to: &out)
      put("}")
    }
    put(#"],"policy":"#); JSONBytes.string(policyDigest, to: &out)
    put("}")
  }

  public var json: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(160 + reasons.count * 112)
    write(to: &out)
    return out
  }

  /// The classification already on a record, read back from its JSON (for
  /// explanations downstream; origins keep their field, not their line).
  public static func read(from document: JSONDocument) -> Classification? {
    guard let tappass = document.member("tappass", of: 0),
      let section = document.member("classification", of: tappass),
      let level = level(in: document)
    else { return nil }
    func text(_ key: String, _ node: Int) -> String? { document.member(key, of: node).flatMap { document.string($0) } }
    func int(_ key: String, _ node: Int) -> Int? { document.member(key, of: node).flatMap { document.number($0) }.map { Int($0) } }
    var reasons: [Reason] = []
    if let list = document.member("reasons", of: section) {
      for item in document.children(of: list) {
        guard let kind = text("kind", item).flatMap(Kind.init(rawValue:)), let name = text("name", item),
          let reasonLevel = text("level", item).flatMap(ClassificationLevel.init(name:))
        else { continue }
        reasons.append(Reason(
          kind: kind, name: name, level: reasonLevel, origin: .init(field: text("by", item) ?? "?", line: nil),
          step: text("step", item), path: text("path", item), start: int("start", item), end: int("end", item),
          count: int("count", item) ?? 1))
      }
    }
    return Classification(level: level, org: text("org", section), reasons: reasons, policyDigest: text("policy", section) ?? "")
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
