/// Assigns a level to a record from its findings, the markings in its text,
/// its declared context and the policy's rules.
///
/// Markers and the policy's recognisers share one Hyperscan database, so
/// each text field is scanned once for all of them. Classification is pure:
/// the same record, findings and policy always give the same bytes, which
/// is what lets `tp-scan | tp-classify` equal an in-process call.
public final class Classifier: @unchecked Sendable {
  public let policy: ClassificationPolicy
  private let database: HyperscanDatabase?
  /// Per pattern id: a built-in marker or a recogniser.
  private let sources: [Source]

  enum Source {
    case marker(Marker)
    case recogniser(ClassificationPolicy.Recogniser)

    var name: String {
      switch self {
      case .marker(let marker): marker.name
      case .recogniser(let recogniser): recogniser.name
      }
    }
  }

  /// One marking or recogniser match in one field.
  public struct Hit: Sendable, Equatable {
    public var name: String
    public var isRecogniser: Bool
    public var node: Int
    public var start: Int
    public var end: Int
    /// For recognisers their level; for header markers the level named in
    /// the header; for other markers nil (the profile decides).
    public var level: ClassificationLevel?
  }

  public init(policy: ClassificationPolicy, cacheDirectory: String? = HyperscanDatabase.defaultCacheDirectory()) throws {
    self.policy = policy
    var sources = Marker.builtIn.map(Source.marker)
    sources += policy.recognisers.map(Source.recogniser)
    self.sources = sources
    let specs = sources.map { source -> PatternSpec in
      switch source {
      case .marker(let marker): marker.pattern
      case .recogniser(let recogniser): PatternSpec(recogniser.name, recogniser.pattern, caseless: recogniser.caseless)
      }
    }
    do {
      database = try HyperscanDatabase(patterns: specs, cacheDirectory: cacheDirectory)
    } catch let error as HyperscanDatabase.CompileError {
      guard error.pattern >= 0, error.pattern < sources.count, case .recogniser(let recogniser) = sources[error.pattern] else {
        throw ToolError("cannot compile the classification patterns: \(error.message)")
      }
      throw ToolError("\(policy.source):\(recogniser.origin.line ?? 0): \(recogniser.origin.field).pattern: cannot compile '\(recogniser.name)': \(error.message)")
    }
  }

  // MARK: Markers

  /// Every marking and recogniser match in the record's text fields, with
  /// a match inside a stronger-or-equal one of the same field dropped
  /// ("strictly confidential" is not also "confidential").
  public func hits(in document: JSONDocument) -> [Hit] {
    guard let database else { return [] }
    let text = JoinedText(document)
    guard !text.bytes.isEmpty else { return [] }
    let matches = text.bytes.withUnsafeBufferPointer { database.scan($0).matches }
    if matches.isEmpty { return [] }
    var perField: [Int: [Hit]] = [:]
    text.bytes.withUnsafeBufferPointer { bytes in
      for match in matches {
        // Header patterns begin at the preceding newline; report the text.
        var start = match.start
        while start < match.end, bytes[start] == 0x0A { start += 1 }
        guard let located = text.field(containing: start, match.end) else { continue }
        let source = sources[match.id]
        var level: ClassificationLevel?
        switch source {
        case .marker(let marker):
          if marker.level == nil {
            level = Marker.headerLevel(UnsafeBufferPointer(rebasing: bytes[match.start..<match.end]))
            if level == nil { continue }
          }
        case .recogniser(let recogniser):
          level = recogniser.level
        }
        let isRecogniser = if case .recogniser = source { true } else { false }
        perField[located.index, default: []].append(
          Hit(name: source.name, isRecogniser: isRecogniser, node: text.nodes[located.index], start: located.start, end: located.end, level: level))
      }
    }
    return perField.keys.sorted().flatMap { Self.dropContained(perField[$0]!) }
  }

  static func dropContained(_ hits: [Hit]) -> [Hit] {
    guard hits.count > 1 else { return hits }
    let sorted = hits.sorted { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
    var kept: [Hit] = []
    for hit in sorted {
      let covered = kept.contains { $0.start <= hit.start && hit.end <= $0.end && !$0.isRecogniser && !hit.isRecogniser }
      if !covered { kept.append(hit) }
    }
    return kept
  }

  // MARK: Classification

  /// Classifies a parsed record. `findings` are the record's findings
  /// (from `tappass.findings` or an in-process scan).
  public func classify(_ document: JSONDocument, findings: [FindingFact]) -> Classification {
    let hits = hits(in: document)
    return classify(context: RecordContext(document), findings: findings, hits: hits) { document.path(of: $0) }
  }

  public func classify(
    context: RecordContext, findings: [FindingFact], hits: [Hit], path: (Int) -> String
  ) -> Classification {
    let profile = policy.profile(for: context.org)
    var reasons: [Classification.Reason] = []
    let base = profile.defaultLevel
    reasons.append(.init(kind: .default, name: "default_level", level: base.level ?? .public, origin: base.origin))

    // Findings, grouped by (type, step) in order of first appearance. A
    // record has few reasons: linear search beats hashing strings.
    for finding in findings {
      guard let entry = profile.findingTypes[finding.type] ?? profile.findingSteps[finding.step], let level = entry.level else { continue }
      if let index = reasons.firstIndex(where: { $0.kind == .finding && $0.name == finding.type && $0.step == finding.step }) {
        reasons[index].count += 1
        continue
      }
      reasons.append(.init(kind: .finding, name: finding.type, level: level, origin: entry.origin, step: finding.step, path: finding.path))
    }

    // Markings and recognisers, one reason per name and level (first
    // occurrence).
    var seenNames: [String] = []
    for hit in hits {
      let level: ClassificationLevel
      let origin: ClassificationPolicy.Origin
      if hit.isRecogniser {
        guard profile.recognisers.contains(hit.name), let recogniser = policy.recognisers.first(where: { $0.name == hit.name }) else { continue }
        level = recogniser.level
        origin = recogniser.origin
      } else {
        guard let entry = profile.markers[hit.name], let cap = entry.level else { continue }
        level = hit.level.map { min($0, cap) } ?? cap
        origin = entry.origin
      }
      if !seenNames.contains(hit.name) { seenNames.append(hit.name) }
      let kind: Classification.Kind = hit.isRecogniser ? .recogniser : .marker
      if let index = reasons.firstIndex(where: { $0.kind == kind && $0.level == level && $0.name == hit.name }) {
        reasons[index].count += 1
        continue
      }
      reasons.append(.init(kind: hit.isRecogniser ? .recogniser : .marker, name: hit.name, level: level, origin: origin,
        path: path(hit.node), start: hit.start, end: hit.end))
    }

    for category in context.categories {
      guard let entry = profile.categories[category], let level = entry.level else { continue }
      if reasons.contains(where: { $0.kind == .category && $0.name == category }) { continue }
      reasons.append(.init(kind: .category, name: category, level: level, origin: entry.origin))
    }

    var level = reasons.map(\.level).max() ?? .public
    // Rules only raise the level; apply them until nothing changes, so a
    // rule conditioned on `min_level` sees what earlier rules decided.
    var fired = [Bool](repeating: false, count: policy.rules.count)
    var changed = true
    while changed {
      changed = false
      for (index, rule) in policy.rules.enumerated() where !fired[index] {
        guard Self.matches(rule.when, context: context, findings: findings, markers: seenNames, level: level) else { continue }
        fired[index] = true
        reasons.append(.init(kind: .rule, name: rule.name, level: rule.level, origin: rule.origin))
        if rule.level > level {
          level = rule.level
          changed = true
        }
      }
    }
    let org = context.org.flatMap { policy.orgs[$0] != nil ? $0 : nil }
    return Classification(level: level, org: org, reasons: reasons, policyDigest: policy.digest)
  }

  static func matches(
    _ condition: RuleCondition, context: RecordContext, findings: [FindingFact], markers: [String], level: ClassificationLevel
  ) -> Bool {
    if let orgs = condition.orgs, !orgs.contains(where: { $0 == context.org }) { return false }
    if let agents = condition.agents {
      guard let agent = context.agent, agents.contains(where: { Glob.matches($0, agent) }) else { return false }
    }
    if let tiers = condition.trustTiers, !tiers.contains(where: { $0 == context.trustTier }) { return false }
    if let categories = condition.categories, !categories.contains(where: context.categories.contains) { return false }
    if let types = condition.findingTypes, !findings.contains(where: { types.contains($0.type) }) { return false }
    if let steps = condition.steps, !findings.contains(where: { steps.contains($0.step) }) { return false }
    if let names = condition.markers, !names.contains(where: markers.contains) { return false }
    if let minimum = condition.minLevel, level < minimum { return false }
    return true
  }
}

/// `*` globs for agent ids (`hr-*`, `*-prod`).
enum Glob {
  static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.utf8), t = Array(text.utf8)
    var pi = 0, ti = 0, star = -1, mark = 0
    while ti < t.count {
      if pi < p.count, p[pi] == t[ti] {
        pi += 1; ti += 1
      } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
        star = pi; mark = ti; pi += 1
      } else if star >= 0 {
        pi = star + 1; mark += 1; ti = mark
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
    return pi == p.count
  }
}
