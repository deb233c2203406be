/// The classification policy compiled once at start-up for the per-record
/// path: names become indices into byte-keyed tables, each profile becomes
/// arrays indexed by them, rule conditions become comparisons of indices
/// and bytes, and the constants of the `classification` section (origins,
/// names, the policy digest) are JSON-encoded once.
///
/// A record is classified from slices of its own bytes (findings, org,
/// categories) into `Result`, which is written as JSON directly or turned
/// into the public `Classification`; the two give the same bytes
/// (`Classification.write` is the reference, see ClassifyCompiledTests).
struct CompiledPolicy: Sendable {
  /// A level, or nil for IGNORE, and the index of its origin.
  struct Entry: Sendable {
    var level: ClassificationLevel?
    var origin: Int32
  }

  struct Rule: Sendable {
    var orgs: [[UInt8]]?
    var agents: [[UInt8]]?
    var trustTiers: [[UInt8]]?
    var categories: [Int32]?
    var types: [Int32]?
    var steps: [Int32]?
    /// Marker and recogniser names, as source ids.
    var sources: [Int]?
    var minLevel: ClassificationLevel?
    var level: ClassificationLevel
  }

  /// One finding of the record (`tappass.findings[]` or an in-process scan).
  struct Finding {
    var type: TextRef
    var step: TextRef
    var path: TextRef
    var typeID: Int32
    var stepID: Int32
  }

  /// One marker or recogniser match, as `Classifier.Hit` but by source id.
  struct Hit {
    var source: Int
    var node: Int
    var start: Int
    var end: Int
    var level: ClassificationLevel?
  }

  /// `RecordContext` as references to the record's text.
  struct Context {
    var org: TextRef?
    var agent: TextRef?
    var trustTier: TextRef?
    var categories: [TextRef] = []
  }

  /// `Classification.Reason` without a String: findings and categories
  /// name record text, markers, recognisers and rules their index (`id`),
  /// and a hit's path stays its node until it is written.
  struct Reason {
    var kind: Classification.Kind
    var level: ClassificationLevel
    var origin: Int32
    var id: Int32 = -1
    var name = TextRef(start: 0, end: 0, decoded: false)
    var step = TextRef(start: 0, end: 0, decoded: false)
    var path = TextRef(start: 0, end: 0, decoded: false)
    var node: Int32 = -1
    var start: Int32 = -1
    var end: Int32 = -1
    var count: Int32 = 1
  }

  struct Result {
    var level: ClassificationLevel
    /// 0 for the global profile, else the org's profile.
    var profile: Int
    var org: TextRef?
    var reasons: [Reason]
  }

  let origins: [ClassificationPolicy.Origin]
  /// The constant parts of the section, JSON-encoded: per origin its
  /// `"field"}` (chunk = origin index), then the chunks indexed below.
  let chunks: ByteChunks
  /// Chunk indices: per profile its whole default reason; per rule its
  /// whole reason (a rule fires once); per source `,{"kind":…,"name":…`;
  /// per level `,"level":"…","by":`; the finding and category heads; the
  /// end of the section with the policy digest.
  let defaultReasonChunks: Int
  let ruleReasonChunks: Int
  let sourceHeadChunks: Int
  let levelHeadChunks: Int
  let findingHeadChunk: Int
  let categoryHeadChunk: Int
  let policyTailChunk: Int
  let types: ByteKeyTable
  let steps: ByteKeyTable
  let categories: ByteKeyTable
  let orgs: ByteKeyTable
  /// The profiles' tables, flattened: profile 0 is the global profile,
  /// org `i` of `orgs` is profile `i + 1`; a table's entry for profile `p`
  /// and id `n` is at `p * count + n` (count: of its ids).
  let profileCount: Int
  let defaultLevels: [ClassificationLevel]
  let defaultOrigins: [ClassificationPolicy.Origin]
  let typeEntries: [Entry?]
  let stepEntries: [Entry?]
  let categoryEntries: [Entry?]
  /// By built-in marker.
  let markerEntries: [Entry?]
  /// By recogniser: whether it is active.
  let activeRecognisers: [Bool]
  let recogniserCount: Int
  /// Per source (the built-in markers, then the policy's recognisers).
  let sourceNames: [String]
  let markerCount: Int
  /// Built-in markers whose level is read from the match (headers).
  let headerMarkers: [Bool]
  let recogniserLevels: [ClassificationLevel]
  let recogniserOrigins: [Int32]
  let rules: [Rule]
  let ruleNames: [String]
  let ruleOrigins: [ClassificationPolicy.Origin]
  let digest: String

  static let levelHeads: [[UInt8]] = ClassificationLevel.allCases.map { Array(#","level":"\#($0.name)","by":"#.utf8) }

  init(_ policy: ClassificationPolicy) {
    var origins: [ClassificationPolicy.Origin] = []
    func origin(_ value: ClassificationPolicy.Origin) -> Int32 {
      origins.append(value)
      return Int32(origins.count - 1)
    }
    func entry(_ value: ClassificationPolicy.Entry?) -> Entry? {
      value.map { Entry(level: $0.level, origin: origin($0.origin)) }
    }
    let orgNames = policy.orgs.keys.sorted()
    let all = [policy.global] + orgNames.map { policy.orgs[$0]! }
    types = ByteKeyTable(all.flatMap { $0.findingTypes.keys }.sorted() + policy.rules.flatMap { $0.when.findingTypes ?? [] })
    steps = ByteKeyTable(all.flatMap { $0.findingSteps.keys }.sorted() + policy.rules.flatMap { $0.when.steps ?? [] })
    categories = ByteKeyTable(all.flatMap { $0.categories.keys }.sorted() + policy.rules.flatMap { $0.when.categories ?? [] })
    orgs = ByteKeyTable(orgNames)
    markerCount = Marker.builtIn.count
    headerMarkers = Marker.builtIn.map { $0.level == nil }
    let names = Marker.builtIn.map(\.name) + policy.recognisers.map(\.name)
    sourceNames = names
    recogniserLevels = policy.recognisers.map(\.level)
    recogniserOrigins = policy.recognisers.map { origin($0.origin) }

    func table(_ keys: ByteKeyTable, _ entries: (ClassificationPolicy.Profile) -> [String: ClassificationPolicy.Entry]) -> [Entry?] {
      all.flatMap { profile in keys.keys.map { entry(entries(profile)[ByteString.text($0)]) } }
    }
    profileCount = all.count
    defaultLevels = all.map { $0.defaultLevel.level ?? .public }
    defaultOrigins = all.map(\.defaultLevel.origin)
    typeEntries = table(types, \.findingTypes)
    stepEntries = table(steps, \.findingSteps)
    categoryEntries = table(categories, \.categories)
    markerEntries = all.flatMap { profile in Marker.builtIn.map { entry(profile.markers[$0.name]) } }
    recogniserCount = policy.recognisers.count
    activeRecognisers = all.flatMap { profile in policy.recognisers.map { profile.recognisers.contains($0.name) } }

    let sourceIDs = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    let (types, steps, categories) = (self.types, self.steps, self.categories)
    func bytes(_ list: [String]?) -> [[UInt8]]? { list.map { $0.map { Array($0.utf8) } } }
    func ids(_ list: [String]?, _ table: ByteKeyTable) -> [Int32]? { list.map { $0.map { Int32(table.index(of: Array($0.utf8))) } } }
    rules = policy.rules.map { rule in
      let when = rule.when
      return Rule(
        orgs: bytes(when.orgs), agents: bytes(when.agents), trustTiers: bytes(when.trustTiers),
        categories: ids(when.categories, categories), types: ids(when.findingTypes, types), steps: ids(when.steps, steps),
        sources: when.markers.map { $0.compactMap { sourceIDs[$0] } }, minLevel: when.minLevel, level: rule.level)
    }
    ruleNames = policy.rules.map(\.name)
    ruleOrigins = policy.rules.map(\.origin)
    self.origins = origins
    var chunks = ByteChunks()
    for origin in origins { chunks.add(JSONString.quoted(origin.field) + [0x7D]) }
    defaultReasonChunks = chunks.count
    for profile in all {
      chunks.add(Array(#"{"kind":"default","name":"default_level","level":"\#((profile.defaultLevel.level ?? .public).name)","by":"#.utf8)
        + JSONString.quoted(profile.defaultLevel.origin.field) + [0x7D])
    }
    ruleReasonChunks = chunks.count
    for rule in policy.rules {
      chunks.add(Array(#",{"kind":"rule","name":"#.utf8) + JSONString.quoted(rule.name) + Self.levelHeads[rule.level.rawValue]
        + JSONString.quoted(rule.origin.field) + [0x7D])
    }
    sourceHeadChunks = chunks.count
    for (index, name) in names.enumerated() {
      let kind = index < Marker.builtIn.count ? "marker" : "recogniser"
      chunks.add(Array(#",{"kind":"\#(kind)","name":"#.utf8) + JSONString.quoted(name))
    }
    levelHeadChunks = chunks.count
    for head in Self.levelHeads { chunks.add(head) }
    findingHeadChunk = chunks.add(Array(#",{"kind":"finding","name":"#.utf8))
    categoryHeadChunk = chunks.add(Array(#",{"kind":"category","name":"#.utf8))
    policyTailChunk = chunks.add(Array(#"],"policy":"#.utf8) + JSONString.quoted(policy.digest) + [0x7D])
    self.chunks = chunks
    digest = policy.digest
  }

  // MARK: Reading a record

  /// Findings from an in-process scan.
  func findings(_ facts: [FindingFact], _ store: inout TextStore) -> [Finding] {
    facts.map { fact in
      let (type, step, path) = (store.ref(fact.type), store.ref(fact.step), store.ref(fact.path))
      return Finding(type: type, step: step, path: path,
        typeID: Int32(types.index(of: Array(fact.type.utf8))), stepID: Int32(steps.index(of: Array(fact.step.utf8))))
    }
  }

  static let findingKeys = KeyList(["step", "type", "path"])

  /// `tappass.findings` as `FindingFact.read` reads it, or nil when the
  /// record has no findings array (it was never scanned).
  func findings(in document: JSONDocument, _ sections: RecordSections, _ store: inout TextStore) -> [Finding]? {
    var result: [Finding] = []
    return findings(in: document, sections, &store, into: &result) ? result : nil
  }

  /// `findings(in:_:_:)` appending to `result`; false when the record has
  /// no findings array.
  func findings(in document: JSONDocument, _ sections: RecordSections, _ store: inout TextStore, into result: inout [Finding]) -> Bool {
    let list = sections.findings
    guard list >= 0, document.nodes[list].kind == .array else { return false }
    result.reserveCapacity(Int(document.nodes[list].count))
    document.forEachChild(of: list) { item in
      let members = document.firstMembers(of: item, Self.findingKeys)
      guard let stepText = store.string(document, members[0]), let typeText = store.string(document, members[1]) else { return }
      let pathText = store.string(document, members[2]) ?? TextRef(start: 0, end: 0, decoded: false)
      result.append(Finding(type: typeText, step: stepText, path: pathText, typeID: -1, stepID: -1))
    }
    // Ids once every text is stored (the decoded buffer no longer moves).
    store.withTexts(document.bytes) { texts in
      for index in result.indices {
        result[index].typeID = Int32(types.index(of: texts[result[index].type]))
        result[index].stepID = Int32(steps.index(of: texts[result[index].step]))
      }
    }
    return true
  }

  static let categoriesKey = Array("data_categories".utf8)

  /// `RecordContext(document)` as references.
  static func context(of document: JSONDocument, _ sections: RecordSections, _ store: inout TextStore) -> Context {
    var context = Context(
      org: store.string(document, sections.org), agent: store.string(document, sections.agent),
      trustTier: store.string(document, sections.trustTier))
    var holder = sections.categories >= 0 ? sections.categories : nil
    if holder == nil, sections.metadata >= 0 { holder = document.member(categoriesKey, of: sections.metadata) }
    if let holder {
      if let single = store.string(document, holder) {
        context.categories = [single]
      } else {
        for child in document.children(of: holder) {
          if let value = store.string(document, child) { context.categories.append(value) }
        }
      }
    }
    return context
  }

  static func context(_ context: RecordContext, _ store: inout TextStore) -> Context {
    Context(org: context.org.map { store.ref($0) }, agent: context.agent.map { store.ref($0) },
      trustTier: context.trustTier.map { store.ref($0) }, categories: context.categories.map { store.ref($0) })
  }

  // MARK: Classifying

  /// `Classifier.classify`: the default level, findings grouped by (type,
  /// step), markings and recognisers (one reason per name and level),
  /// declared categories, then rules until nothing changes.
  func classify(_ context: Context, findings: [Finding], hits: [Hit], texts: RecordTexts, reasons: [Reason] = []) -> Result {
    var profile = 0
    if let org = context.org {
      let index = orgs.index(of: texts[org])
      if index >= 0 { profile = index + 1 }
    }
    let defaultLevel = defaultLevels[profile]
    var reasons = reasons
    reasons.reserveCapacity(4 + findings.count + hits.count)
    reasons.append(Reason(kind: .default, level: defaultLevel, origin: -1))
    var level = defaultLevel

    for finding in findings {
      let byType = finding.typeID >= 0 ? typeEntries[profile * types.count + Int(finding.typeID)] : nil
      guard let entry = byType ?? (finding.stepID >= 0 ? stepEntries[profile * steps.count + Int(finding.stepID)] : nil),
        let findingLevel = entry.level
      else { continue }
      if let index = reasons.firstIndex(where: {
        $0.kind == .finding && ByteString.equal(texts[$0.name], texts[finding.type]) && ByteString.equal(texts[$0.step], texts[finding.step])
      }) {
        reasons[index].count += 1
        continue
      }
      reasons.append(Reason(kind: .finding, level: findingLevel, origin: entry.origin, name: finding.type, step: finding.step, path: finding.path))
      level = max(level, findingLevel)
    }

    var seen: [Bool] = []
    for hit in hits {
      let hitLevel: ClassificationLevel
      let origin: Int32
      let kind: Classification.Kind
      if hit.source >= markerCount {
        let recogniser = hit.source - markerCount
        guard activeRecognisers[profile * recogniserCount + recogniser] else { continue }
        hitLevel = recogniserLevels[recogniser]
        origin = recogniserOrigins[recogniser]
        kind = .recogniser
      } else {
        guard let entry = markerEntries[profile * markerCount + hit.source], let cap = entry.level else { continue }
        hitLevel = hit.level.map { min($0, cap) } ?? cap
        origin = entry.origin
        kind = .marker
      }
      if seen.isEmpty { seen = [Bool](repeating: false, count: sourceNames.count) }
      seen[hit.source] = true
      let id = Int32(hit.source)
      if let index = reasons.firstIndex(where: { $0.kind == kind && $0.level == hitLevel && $0.id == id }) {
        reasons[index].count += 1
        continue
      }
      reasons.append(Reason(kind: kind, level: hitLevel, origin: origin, id: id,
        node: Int32(hit.node), start: Int32(hit.start), end: Int32(hit.end)))
      level = max(level, hitLevel)
    }

    for category in context.categories {
      let id = categories.index(of: texts[category])
      guard id >= 0, let entry = categoryEntries[profile * categories.count + id], let categoryLevel = entry.level else { continue }
      if reasons.contains(where: { $0.kind == .category && ByteString.equal(texts[$0.name], texts[category]) }) { continue }
      reasons.append(Reason(kind: .category, level: categoryLevel, origin: entry.origin, name: category))
      level = max(level, categoryLevel)
    }

    // Rules only raise the level; apply them until nothing changes.
    if !rules.isEmpty {
      // Which rules fired: a bit each for the first 64, an array beyond.
      var firedBits: UInt64 = 0
      var firedBeyond = [Bool](repeating: false, count: max(0, rules.count - 64))
      func fired(_ index: Int) -> Bool { index < 64 ? firedBits & (1 << index) != 0 : firedBeyond[index - 64] }
      var changed = true
      while changed {
        changed = false
        for index in rules.indices where !fired(index) {
          guard matches(index, context, findings, seen, level, texts) else { continue }
          if index < 64 { firedBits |= 1 << index } else { firedBeyond[index - 64] = true }
          let ruleLevel = rules[index].level
          reasons.append(Reason(kind: .rule, level: ruleLevel, origin: -1, id: Int32(index)))
          if ruleLevel > level {
            level = ruleLevel
            changed = true
          }
        }
      }
    }
    return Result(level: level, profile: profile, org: profile == 0 ? nil : context.org, reasons: reasons)
  }

  func matches(_ index: Int, _ context: Context, _ findings: [Finding], _ seen: [Bool], _ level: ClassificationLevel, _ texts: RecordTexts) -> Bool {
    if let orgs = rules[index].orgs {
      guard let org = context.org, orgs.contains(where: { name in name.withUnsafeBufferPointer { ByteString.equal($0, texts[org]) } })
      else { return false }
    }
    if let agents = rules[index].agents {
      guard let agent = context.agent, agents.contains(where: { Glob.matches($0, texts[agent]) }) else { return false }
    }
    if let tiers = rules[index].trustTiers {
      guard let tier = context.trustTier, tiers.contains(where: { name in name.withUnsafeBufferPointer { ByteString.equal($0, texts[tier]) } })
      else { return false }
    }
    if let ids = rules[index].categories, !context.categories.contains(where: { ids.contains(Int32(categories.index(of: texts[$0]))) }) {
      return false
    }
    if let ids = rules[index].types, !findings.contains(where: { ids.contains($0.typeID) }) { return false }
    if let ids = rules[index].steps, !findings.contains(where: { ids.contains($0.stepID) }) { return false }
    if let ids = rules[index].sources, !ids.contains(where: { !seen.isEmpty && seen[$0] }) { return false }
    if let minimum = rules[index].minLevel, level < minimum { return false }
    return true
  }

  // MARK: Output

  /// Appends the `tappass.classification` object: byte for byte what
  /// `Classification.write` writes for `classification(_:texts:path:)`,
  /// from constants encoded at start-up.
  func write(_ result: Result, document: JSONDocument, texts: RecordTexts, to out: inout ByteWriter) {
    chunks.withReader { chunks in
      out.append(#"{"level":""#); out.append(result.level.nameLiteral); out.append(0x22)
      if let org = result.org { out.append(#","org":"#); out.appendQuoted(texts[org]) }
      out.append(#","reasons":["#)
      for reason in result.reasons {
        switch reason.kind {
        case .default:
          chunks.append(defaultReasonChunks + result.profile, to: &out)
          continue
        case .rule:
          chunks.append(ruleReasonChunks + Int(reason.id), to: &out)
          continue
        case .finding:
          chunks.append(findingHeadChunk, to: &out); out.appendQuoted(texts[reason.name])
          out.append(#","step":"#); out.appendQuoted(texts[reason.step])
          out.append(#","path":"#); out.appendQuoted(texts[reason.path])
        case .category:
          chunks.append(categoryHeadChunk, to: &out); out.appendQuoted(texts[reason.name])
        case .marker, .recogniser:
          chunks.append(sourceHeadChunks + Int(reason.id), to: &out)
          out.append(#","path":""#); document.appendPath(of: Int(reason.node), to: &out); out.append(0x22)
          out.append(#","start":"#); JSONBytes.int(Int(reason.start), to: &out)
          out.append(#","end":"#); JSONBytes.int(Int(reason.end), to: &out)
        }
        if reason.count > 1 { out.append(#","count":"#); JSONBytes.int(Int(reason.count), to: &out) }
        chunks.append(levelHeadChunks + reason.level.rawValue, to: &out)
        chunks.append(Int(reason.origin), to: &out)
      }
      chunks.append(policyTailChunk, to: &out)
    }
  }

  /// The public form of a result; `path` names a hit's node.
  func classification(_ result: Result, texts: RecordTexts, path: (Int) -> String) -> Classification {
    Classification(
      level: result.level, org: result.org.map(texts.string),
      reasons: result.reasons.map { reason in
        switch reason.kind {
        case .default:
          return .init(kind: .default, name: "default_level", level: reason.level, origin: defaultOrigins[result.profile])
        case .rule:
          let rule = Int(reason.id)
          return .init(kind: .rule, name: ruleNames[rule], level: reason.level, origin: ruleOrigins[rule])
        case .finding:
          return .init(kind: .finding, name: texts.string(reason.name), level: reason.level, origin: origins[Int(reason.origin)],
            step: texts.string(reason.step), path: texts.string(reason.path), count: Int(reason.count))
        case .category:
          return .init(kind: .category, name: texts.string(reason.name), level: reason.level, origin: origins[Int(reason.origin)])
        case .marker, .recogniser:
          return .init(kind: reason.kind, name: sourceNames[Int(reason.id)], level: reason.level, origin: origins[Int(reason.origin)],
            path: path(Int(reason.node)), start: Int(reason.start), end: Int(reason.end), count: Int(reason.count))
        }
      },
      policyDigest: digest)
  }
}

extension JSONDocument {
  /// `path(of:)` as the inside of its JSON string: identifier and index
  /// parts need no escaping, so only a quoted key is escaped twice.
  func appendPath(of index: Int, to out: inout ByteWriter) {
    guard index > 0 else { return }
    let node = nodes[index]
    let parent = Int(node.parent)
    appendPath(of: parent, to: &out)
    if nodes[parent].kind == .array {
      out.append(0x5B)
      JSONBytes.int(Int(node.index), to: &out)
      out.append(0x5D)
      return
    }
    if !node.keyHasEscapes, node.keyEnd > node.keyStart {
      let plain = bytes.withUnsafeBufferPointer { all in
        let key = UnsafeBufferPointer(rebasing: all[Int(node.keyStart)..<Int(node.keyEnd)])
        guard key.allSatisfy(Self.isPathIdentifier) else { return false }
        if parent != 0 { out.append(0x2E) }
        out.append(key)
        return true
      }
      if plain { return }
    }
    let name = keySlice(index)
    if !name.isEmpty, name.allSatisfy(Self.isPathIdentifier) {
      if parent != 0 { out.append(0x2E) }
      name.withUnsafeBufferPointer { out.append($0) }
    } else {
      var part: [UInt8] = [0x5B]
      JSONString.appendQuoted(name, to: &part)
      part.append(0x5D)
      var quoted: [UInt8] = []
      JSONString.appendQuoted(part, to: &quoted)
      quoted[1..<(quoted.count - 1)].withUnsafeBufferPointer { out.append($0) }
    }
  }
}
