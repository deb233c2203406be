/// `tp-classify policy diff A B`: what changed between two policy versions
/// in terms of decisions: which finding types, markers, categories and
/// default levels now map to another level, which rules and recognisers
/// appeared, went or changed, and (given records) which records now get
/// another level and why.
public struct PolicyDiff {
  public var changes: [String] = []
  public var recordChanges: [String] = []
  public var recordsCompared = 0

  public var isEmpty: Bool { changes.isEmpty && recordChanges.isEmpty }

  public init(_ a: ClassificationPolicy, _ b: ClassificationPolicy, routingA: RoutingPolicy? = nil, routingB: RoutingPolicy? = nil) {
    compare(scope: "", a.global, b.global, onlyOrgFields: false)
    for org in Set(a.orgs.keys).union(b.orgs.keys).sorted() {
      switch (a.orgs[org], b.orgs[org]) {
      case (nil, .some): changes.append("orgs.\(org): added (its records now use its own profile)")
      case (.some, nil): changes.append("orgs.\(org): removed (its records now use the top-level tables)")
      case (let x?, let y?): compare(scope: "orgs.\(org).", x, y, onlyOrgFields: true)
      default: break
      }
    }
    compareRules(a.rules, b.rules)
    compareRecognisers(a.recognisers, b.recognisers)
    if let routingA, let routingB { compareRouting(routingA, routingB) }
  }

  static func show(_ entry: ClassificationPolicy.Entry?) -> String {
    guard let entry else { return "(none)" }
    return entry.level?.name ?? "IGNORE"
  }

  mutating func compare(scope: String, _ x: ClassificationPolicy.Profile, _ y: ClassificationPolicy.Profile, onlyOrgFields: Bool) {
    func relevant(_ p: ClassificationPolicy.Entry?, _ q: ClassificationPolicy.Entry?) -> Bool {
      guard p?.level != q?.level || (p == nil) != (q == nil) else { return false }
      if !onlyOrgFields { return true }
      return [p, q].contains { $0?.origin.field.hasPrefix(scope) == true }
    }
    if relevant(x.defaultLevel, y.defaultLevel) {
      changes.append("\(scope)default_level: \(Self.show(x.defaultLevel)) → \(Self.show(y.defaultLevel)) (records with no stronger reason)")
    }
    typealias Table = [String: ClassificationPolicy.Entry]
    let tables: [(String, Table, Table, (String) -> String)] = [
      ("findings.types", x.findingTypes, y.findingTypes, { "records with \($0) findings" }),
      ("findings.steps", x.findingSteps, y.findingSteps, { "records with \($0) findings of types not listed" }),
      ("markers", x.markers, y.markers, { "records marked \($0)" }),
      ("categories", x.categories, y.categories, { "records declaring \($0)" }),
    ]
    for (field, p, q, meaning) in tables {
      for key in Set(p.keys).union(q.keys).sorted() where relevant(p[key], q[key]) {
        changes.append("\(scope)\(field).\(key): \(Self.show(p[key])) → \(Self.show(q[key])) (\(meaning(key)))")
      }
    }
  }

  mutating func compareRules(_ x: [ClassificationPolicy.Rule], _ y: [ClassificationPolicy.Rule]) {
    let before = Dictionary(x.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(y.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for rule in y where before[rule.name] == nil {
      changes.append("rules: + \(rule.name) (matching records are at least \(rule.level.name))")
    }
    for rule in x where after[rule.name] == nil {
      changes.append("rules: - \(rule.name) (matching records are no longer raised to \(rule.level.name))")
    }
    for rule in y {
      guard let old = before[rule.name] else { continue }
      if old.level != rule.level { changes.append("rules.\(rule.name).level: \(old.level.name) → \(rule.level.name)") }
      if old.when.canonical != rule.when.canonical { changes.append("rules.\(rule.name).when: conditions changed (it now matches other records)") }
    }
  }

  mutating func compareRecognisers(_ x: [ClassificationPolicy.Recogniser], _ y: [ClassificationPolicy.Recogniser]) {
    let before = Dictionary(x.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(y.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for item in y where before[item.name] == nil { changes.append("recognisers: + \(item.name) (\(item.level.name))") }
    for item in x where after[item.name] == nil { changes.append("recognisers: - \(item.name) (was \(item.level.name))") }
    for item in y {
      guard let old = before[item.name] else { continue }
      if old.level != item.level { changes.append("recognisers.\(item.name).level: \(old.level.name) → \(item.level.name)") }
      if old.pattern != item.pattern || old.caseless != item.caseless { changes.append("recognisers.\(item.name).pattern: changed (matches other text)") }
    }
  }

  mutating func compareRouting(_ x: RoutingPolicy, _ y: RoutingPolicy) {
    if x.prefer != y.prefer { changes.append("routing.prefer: \(x.prefer.rawValue) → \(y.prefer.rawValue)") }
    let names = (x.rules.map(\.name), y.rules.map(\.name))
    for name in names.1 where !names.0.contains(name) { changes.append("routing.rules: + \(name)") }
    for name in names.0 where !names.1.contains(name) { changes.append("routing.rules: - \(name)") }
    let common = (names.0.filter(names.1.contains), names.1.filter(names.0.contains))
    if common.0 != common.1 { changes.append("routing.rules: order changed (first match wins): \(common.1.joined(separator: ", "))") }
    for rule in y.rules {
      guard let old = x.rules.first(where: { $0.name == rule.name }) else { continue }
      if old.when.canonical != rule.when.canonical || old.require != rule.require || old.prefer != rule.prefer || old.block != rule.block {
        changes.append("routing.rules.\(rule.name): changed")
      }
    }
  }

  /// Classifies each record under both policies and notes the ones whose
  /// level changes, with the decisive reasons under the new policy.
  public mutating func compare(record document: JSONDocument, line: Int, findings: [FindingFact], _ a: Classifier, _ b: Classifier) {
    recordsCompared += 1
    let old = a.classify(document, findings: findings)
    let new = b.classify(document, findings: findings)
    guard old.level != new.level else { return }
    let why = new.decisive.map { "\($0.kind.rawValue) \($0.name)" }.joined(separator: ", ")
    recordChanges.append("line \(line): \(old.level.name) → \(new.level.name) (now: \(why))")
  }

  public var text: String {
    var out = ""
    if changes.isEmpty { out += "no change in the policy's decisions\n" }
    for change in changes { out += "  \(change)\n" }
    if recordsCompared > 0 {
      out += "records: \(recordChanges.count) of \(recordsCompared) change level\n"
      for change in recordChanges { out += "  \(change)\n" }
    }
    return out
  }
}
