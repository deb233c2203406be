/// The catalogue, health and routing rules compiled once at start-up for
/// the per-record path of `tp-route`.
///
/// Every part of a model's fate that does not depend on the request is
/// decided here: its rejection by ceiling (per level), by a rule's
/// residency, provider or model lists, by a missing capability, by tier,
/// and its health; each such rejection is JSON-encoded once, whole
/// (`{"id":…,"reason":…}`). Per record only the rule is chosen, costs and
/// the context window are computed, the allowed models are ranked and the
/// pieces are copied out. `Router.route` (the public API) runs the same
/// decision and turns it into a `RouteDecision`, whose `write` gives the
/// same bytes (RouteCompiledTests).
struct CompiledRouting: Sendable {
  typealias Kind = RouteDecision.Reason.Kind

  /// A rejection known at start-up (its whole `rejected` entry is chunk
  /// number `index` of `chunks`).
  struct Entry: Sendable {
    var reason: RouteDecision.Reason
    var kind: Kind
  }

  /// What happened to one model for one record.
  enum Slot {
    /// Chosen (or not yet decided).
    case none
    /// A rejection known at start-up.
    case entry(Int32)
    /// Its context window is below the request's tokens.
    case context(Int)
    /// Allowed, ranked below the chosen model.
    case costlier(Double)
  }

  struct Rule: Sendable {
    var levels: UInt8?
    var minLevel: ClassificationLevel?
    var maxLevel: ClassificationLevel?
    var orgs: [[UInt8]]?
    var agents: [[UInt8]]?
    /// (flag key index, value).
    var flags: [(Int, [UInt8])]?
    var capabilities: UInt8?
    var minComplexity: Double?
    var maxComplexity: Double?
    /// Capabilities the rule requires of a model.
    var required: UInt8
    var preference: RoutingPolicy.Preference
    var block: String?
  }

  /// A governance flag's value on the record.
  enum Flag {
    case absent
    case text(TextRef)
    case bool(Bool)
  }

  /// What routing reads from a record, by reference.
  struct Request {
    var level: ClassificationLevel
    var complexity: Complexity
    var maxOutputTokens: Int?
    /// Over `Catalogue.capabilities`.
    var capabilities: UInt8
    /// The first (by name) capability outside `Catalogue.capabilities`
    /// (public API only: records ask for tools, vision and json_mode).
    var otherCapability: String?
    var org: TextRef?
    var agent: TextRef?
    /// Per `flagKeys`.
    var flags: [Flag]
  }

  struct Decision {
    var level: ClassificationLevel
    /// Index into `rules`, or -1 for the default rule.
    var rule: Int
    var complexity: Complexity
    var inputTokens: Int
    var outputTokens: Int
    var chosen = -1
    var cost = 0.0
    var fallback = -1
    var slots: [Slot] = []
    var otherCapability: String?
    var isBlocked: Bool { chosen < 0 }
  }

  let catalogue: Catalogue
  let policy: RoutingPolicy
  let modelCount: Int
  let ceilings: [ClassificationLevel]
  let inputPrices: [Double]
  let outputPrices: [Double]
  let windows: [Int]
  let tiers: [Catalogue.Tier]
  let capabilityMasks: [UInt8]
  let isOpen: [Bool]
  let isHealthy: [Bool]
  let rules: [Rule]
  let defaultRule: Rule
  /// The distinct flag keys the rules test.
  let flagKeys: [[UInt8]]
  let expectedOutputTokens: Int

  let entries: [Entry]
  /// Per model and level: its ceiling rejection, or -1.
  let ceilingEntries: [Int32]
  /// Per rule (the default rule last) and model: the first failed check
  /// among residency, providers, models and the avoid lists, or -1.
  let listEntries: [Int32]
  /// Per rule (default last) and model: the tier rejection, or -1.
  let tierEntries: [Int32]
  /// Per model and capability: "lacks …".
  let capabilityEntries: [Int32]
  let openEntries: [Int32]
  let degradedEntries: [Int32]
  let smallerTierEntries: [Int32]
  /// Everything written that is known at start-up, JSON-encoded: first
  /// every rejection entry (chunk = entry index), then per model its
  /// `{"action":"route",…,"estimated_cost_usd":`, `{"id":…,"reason":"context
  /// window N < `, `{"id":…,"reason":"allowed, costs more ($` and, as the
  /// ideal choice skipped for health, `,"fallback":{…}`; per rule (default
  /// last) `,"rule":…`, `,"prefer":…`, its block as `{"action":"block",
  /// "reason":…` and the head of a computed block reason; per level the
  /// block when no ceiling admits it; per kind and level the summary in a
  /// block reason; and the end of the section.
  let chunks: ByteChunks
  let chosenHeads: Int, contextHeads: Int, costlierHeads: Int, fallbacks: Int
  let ruleNames: Int, preferences: Int, ruleBlocks: Int, blockHeads: Int
  let ceilingBlocks: Int, summaries: Int, catalogueTail: Int
  let fallbackReasons: [String]
  /// Capability indices in name order (the order `needed` is checked).
  let capabilityOrder: [Int]

  static let capabilityIndex = Dictionary(uniqueKeysWithValues: Catalogue.capabilities.enumerated().map { ($0.element, $0.offset) })

  static func mask(_ capabilities: some Sequence<String>) -> UInt8 {
    capabilities.reduce(0) { $0 | (Self.capabilityIndex[$1].map { UInt8(1) << $0 } ?? 0) }
  }

  /// The quoted body of `text` (JSON escaping without the quotes).
  static func quotedBody(_ text: String) -> [UInt8] {
    let quoted = JSONString.quoted(text)
    return Array(quoted[1..<(quoted.count - 1)])
  }

  init(catalogue: Catalogue, policy: RoutingPolicy, statuses: [ProviderHealth.Status]) {
    self.catalogue = catalogue
    self.policy = policy
    let models = catalogue.models
    modelCount = models.count
    ceilings = models.map(\.maxClassification)
    inputPrices = models.map(\.inputPerMillion)
    outputPrices = models.map(\.outputPerMillion)
    windows = models.map(\.contextWindow)
    tiers = models.map(\.tier)
    capabilityMasks = models.map { Self.mask($0.capabilities) }
    isOpen = statuses.map { $0.state == .open }
    isHealthy = statuses.map { $0.state == .healthy }
    expectedOutputTokens = policy.expectedOutputTokens
    capabilityOrder = Catalogue.capabilities.indices.sorted { Catalogue.capabilities[$0] < Catalogue.capabilities[$1] }

    var flagKeys: [String] = []
    for rule in policy.rules {
      for key in (rule.when.flags ?? [:]).keys.sorted() where !flagKeys.contains(key) { flagKeys.append(key) }
    }
    self.flagKeys = flagKeys.map { Array($0.utf8) }
    func compile(_ rule: RoutingPolicy.Rule) -> Rule {
      let when = rule.when
      func bytes(_ list: [String]?) -> [[UInt8]]? { list.map { $0.map { Array($0.utf8) } } }
      return Rule(
        levels: when.levels.map { $0.reduce(0) { $0 | UInt8(1) << $1.rawValue } }, minLevel: when.minLevel, maxLevel: when.maxLevel,
        orgs: bytes(when.orgs), agents: bytes(when.agents),
        flags: when.flags.map { flags in flags.keys.sorted().map { (flagKeys.firstIndex(of: $0)!, Array(flags[$0]!.utf8)) } },
        capabilities: when.capabilities.map { Self.mask($0) }, minComplexity: when.minComplexity, maxComplexity: when.maxComplexity,
        required: Self.mask(rule.require.capabilities), preference: rule.prefer ?? policy.prefer, block: rule.block)
    }
    rules = policy.rules.map(compile)
    defaultRule = compile(RoutingPolicy.defaultRule)
    let allRules = policy.rules + [RoutingPolicy.defaultRule]

    var entries: [Entry] = []
    var chunks = ByteChunks()
    func entry(_ model: Catalogue.Model, _ reason: RouteDecision.Reason, _ kind: Kind? = nil) -> Int32 {
      var text: [UInt8] = []
      reason.appendText(to: &text)
      var json = Array(#"{"id":"#.utf8)
      JSONString.appendQuoted(model.id.utf8, to: &json)
      json += Array(#","reason":"#.utf8)
      JSONString.appendQuoted(text, to: &json)
      json.append(0x7D)
      entries.append(Entry(reason: reason, kind: kind ?? reason.kind))
      chunks.add(json)
      return Int32(entries.count - 1)
    }
    var ceilingEntries: [Int32] = []
    for model in models {
      for level in ClassificationLevel.allCases {
        ceilingEntries.append(model.maxClassification < level ? entry(model, .ceiling(model.maxClassification, level)) : -1)
      }
    }
    var listEntries: [Int32] = [], tierEntries: [Int32] = []
    for rule in allRules {
      let require = rule.require
      for model in models {
        var reason: RouteDecision.Reason?
        if let residency = require.residency, !residency.contains(model.residency) {
          reason = .residency(model.residency, residency)
        } else if let providers = require.providers, !providers.contains(model.provider) {
          reason = .provider(model.provider)
        } else if let ids = require.models, !ids.contains(model.id) {
          reason = .notListed
        } else if require.avoidProviders.contains(model.provider) {
          reason = .provider(model.provider)
        } else if require.avoidModels.contains(model.id) {
          reason = .notListed
        }
        listEntries.append(reason.map { entry(model, $0) } ?? -1)
        if let tier = require.minTier, model.tier < tier {
          tierEntries.append(entry(model, .tier(model.tier, tier)))
        } else {
          tierEntries.append(-1)
        }
      }
    }
    self.ceilingEntries = ceilingEntries
    self.listEntries = listEntries
    self.tierEntries = tierEntries
    capabilityEntries = models.flatMap { model in Catalogue.capabilities.map { entry(model, .capability($0)) } }
    openEntries = models.indices.map { entry(models[$0], .circuitOpen(models[$0].provider, statuses[$0].reason), .health) }
    degradedEntries = models.indices.map { entry(models[$0], .degraded(models[$0].provider, statuses[$0].state, statuses[$0].reason), .ranked) }
    smallerTierEntries = models.map { entry($0, .smallerTier($0.tier), .ranked) }
    self.entries = entries

    chosenHeads = chunks.count
    for model in models {
      var out = Array(#"{"action":"route","provider":"#.utf8); JSONString.appendQuoted(model.provider.utf8, to: &out)
      out += Array(#","model":"#.utf8); JSONString.appendQuoted(model.model.utf8, to: &out)
      out += Array(#","id":"#.utf8); JSONString.appendQuoted(model.id.utf8, to: &out)
      out += Array(#","region":"#.utf8); JSONString.appendQuoted(model.region.utf8, to: &out)
      out += Array(#","residency":"#.utf8); JSONString.appendQuoted(model.residency.utf8, to: &out)
      chunks.add(out + Array(#","estimated_cost_usd":"#.utf8))
    }
    func head(_ model: Catalogue.Model, _ text: String) -> [UInt8] {
      Array(#"{"id":"#.utf8) + JSONString.quoted(model.id) + Array(#","reason":""#.utf8) + Self.quotedBody(text)
    }
    contextHeads = chunks.count
    for model in models { chunks.add(head(model, "context window \(model.contextWindow) < ")) }
    costlierHeads = chunks.count
    for model in models { chunks.add(head(model, "allowed, costs more ($")) }
    let fallbackReasons = models.indices.map { index in
      let status = statuses[index]
      let state = status.state == .open ? "circuit open" : status.state.label
      return "\(models[index].provider) \(state)" + (status.reason.map { ": \($0)" } ?? "")
    }
    self.fallbackReasons = fallbackReasons
    fallbacks = chunks.count
    for index in models.indices {
      chunks.add(Array(#","fallback":{"from":"#.utf8) + JSONString.quoted(models[index].id) + Array(#","reason":"#.utf8)
        + JSONString.quoted(fallbackReasons[index]) + [0x7D])
    }
    ruleNames = chunks.count
    for rule in allRules { chunks.add(Array(#","rule":"#.utf8) + JSONString.quoted(rule.name)) }
    preferences = chunks.count
    for rule in allRules { chunks.add(Array(#","prefer":"#.utf8) + JSONString.quoted((rule.prefer ?? policy.prefer).rawValue)) }
    let blockHead = Array(#"{"action":"block","reason":"#.utf8)
    ruleBlocks = chunks.count
    for rule in allRules { chunks.add(blockHead + JSONString.quoted(rule.block ?? "")) }
    blockHeads = chunks.count
    for rule in allRules { chunks.add(blockHead + [0x22] + Self.quotedBody("no allowed model under rule '\(rule.name)': ")) }
    let highest = models.map(\.maxClassification).max() ?? .public
    ceilingBlocks = chunks.count
    for level in ClassificationLevel.allCases {
      chunks.add(blockHead + JSONString.quoted("no model in the catalogue may receive \(level.name) data (highest ceiling: \(highest.name))"))
    }
    summaries = chunks.count
    for kind in Kind.allCases {
      for level in ClassificationLevel.allCases { chunks.add(Self.quotedBody(" " + kind.summary(level: level))) }
    }
    catalogueTail = chunks.add(Array(#"],"catalogue":"#.utf8) + JSONString.quoted(catalogue.digest) + [0x7D])
    self.chunks = chunks
  }

  // MARK: Deciding

  func matches(_ rule: Rule, _ request: Request, _ texts: RecordTexts) -> Bool {
    let level = request.level
    if let levels = rule.levels, levels & (1 << level.rawValue) == 0 { return false }
    if let minimum = rule.minLevel, level < minimum { return false }
    if let maximum = rule.maxLevel, level > maximum { return false }
    if let orgs = rule.orgs {
      guard let org = request.org, orgs.contains(where: { name in name.withUnsafeBufferPointer { ByteString.equal($0, texts[org]) } })
      else { return false }
    }
    if let agents = rule.agents {
      guard let agent = request.agent, agents.contains(where: { Glob.matches($0, texts[agent]) }) else { return false }
    }
    if let flags = rule.flags {
      for (key, wanted) in flags {
        let matched: Bool
        switch request.flags[key] {
        case .absent: matched = false
        case .text(let value): matched = wanted.withUnsafeBufferPointer { ByteString.equal($0, texts[value]) }
        case .bool(let value): matched = wanted.elementsEqual((value ? "true" : "false").utf8)
        }
        if !matched { return false }
      }
    }
    if let wanted = rule.capabilities, wanted & request.capabilities != wanted { return false }
    let score = request.complexity.score
    if let minimum = rule.minComplexity, score < minimum { return false }
    if let maximum = rule.maxComplexity, score > maximum { return false }
    return true
  }

  /// The decision of `Router.route` for one request.
  func decide(_ request: Request, _ texts: RecordTexts) -> Decision {
    // The rules are read in place: taking each out of the array copied it
    // (a retain and release per list it holds, on every record).
    let (ruleIndex, isBlock, required, preference) = rules.withUnsafeBufferPointer { rules -> (Int, Bool, UInt8, RoutingPolicy.Preference) in
      guard let index = rules.firstIndex(where: { matches($0, request, texts) }) else {
        return (-1, defaultRule.block != nil, defaultRule.required, defaultRule.preference)
      }
      return (index, rules[index].block != nil, rules[index].required, rules[index].preference)
    }
    let rulePosition = ruleIndex >= 0 ? ruleIndex : rules.count
    let inputTokens = request.complexity.tokens
    let outputTokens = request.maxOutputTokens ?? expectedOutputTokens
    var decision = Decision(
      level: request.level, rule: ruleIndex, complexity: request.complexity, inputTokens: inputTokens, outputTokens: outputTokens,
      otherCapability: request.otherCapability)
    if isBlock { return decision }

    typealias Candidate = (index: Int, cost: Double, healthy: Bool)
    let needed = request.capabilities | required
    let tokens = inputTokens + outputTokens
    let level = request.level.rawValue
    let levels = ClassificationLevel.allCases.count
    var slots = [Slot](repeating: .none, count: modelCount)
    var allowed: [Candidate] = []
    var refused: [Candidate] = []
    allowed.reserveCapacity(modelCount)
    for index in 0..<modelCount {
      let cost = (Double(inputTokens) * inputPrices[index] + Double(outputTokens) * outputPrices[index]) / 1_000_000
      // -1: no rejection yet; -2: a capability outside the catalogue's.
      var rejection = ceilingEntries[index * levels + level]
      if rejection == -1 { rejection = listEntries[rulePosition * modelCount + index] }
      if rejection == -1, needed & capabilityMasks[index] != needed || request.otherCapability != nil {
        rejection = missingCapability(index, needed, request.otherCapability)
      }
      if rejection == -1 { rejection = tierEntries[rulePosition * modelCount + index] }
      if rejection != -1 {
        slots[index] = .entry(rejection)
        continue
      }
      if windows[index] < tokens {
        slots[index] = .context(tokens)
        continue
      }
      if isOpen[index] {
        refused.append((index, cost, false))
        slots[index] = .entry(openEntries[index])
        continue
      }
      allowed.append((index, cost, isHealthy[index]))
    }
    let quality = preference == .quality
    let tiers = self.tiers
    func before(_ a: Candidate, _ b: Candidate, health: Bool) -> Bool {
      if health, a.healthy != b.healthy { return a.healthy }
      if quality, tiers[a.index] != tiers[b.index] { return tiers[a.index] > tiers[b.index] }
      if a.cost != b.cost { return a.cost < b.cost }
      return a.index < b.index
    }
    let ranked = allowed.count > 1 ? allowed.sorted { before($0, $1, health: true) } : allowed
    guard let chosen = ranked.first else {
      decision.slots = slots
      return decision
    }
    decision.chosen = chosen.index
    decision.cost = chosen.cost
    // The best model ignoring health, over allowed then refused models
    // (the first of equals wins, as `min` keeps it), without joining them.
    var ideal = allowed[0]
    for candidate in allowed.dropFirst() where before(candidate, ideal, health: false) { ideal = candidate }
    for candidate in refused where before(candidate, ideal, health: false) { ideal = candidate }
    if ideal.index != chosen.index { decision.fallback = ideal.index }
    for other in ranked.dropFirst() {
      if !other.healthy {
        slots[other.index] = .entry(degradedEntries[other.index])
      } else if quality && tiers[other.index] < tiers[chosen.index] {
        slots[other.index] = .entry(smallerTierEntries[other.index])
      } else {
        slots[other.index] = .costlier(other.cost)
      }
    }
    decision.slots = slots
    return decision
  }

  /// The first needed capability (in name order) the model lacks.
  func missingCapability(_ index: Int, _ needed: UInt8, _ other: String?) -> Int32 {
    let capabilityCount = Catalogue.capabilities.count
    for capability in capabilityOrder where needed & (1 << capability) != 0 && capabilityMasks[index] & (1 << capability) == 0 {
      // A capability outside the catalogue's names is lacked by every
      // model; it comes first when its name sorts first.
      if let other, other < Catalogue.capabilities[capability] { return -2 }
      return capabilityEntries[index * capabilityCount + capability]
    }
    return other == nil ? -1 : -2
  }

  // MARK: Output

  func kind(_ slot: Slot) -> Kind? {
    switch slot {
    case .none: nil
    case .entry(let entry): entry >= 0 ? entries[Int(entry)].kind : .capability
    case .context: .context
    case .costlier: .ranked
    }
  }

  /// Writes `{"action":"block","reason":…` for a blocked decision: the
  /// rule's own reason, or why no model is allowed (every model below
  /// the level's ceiling, or the rejections counted by kind).
  func writeBlock(_ decision: Decision, _ chunks: ByteChunks.Reader, to out: inout ByteWriter) {
    let rulePosition = decision.rule >= 0 ? decision.rule : rules.count
    let rule = decision.rule >= 0 ? rules[decision.rule] : defaultRule
    if rule.block != nil { return chunks.append(ruleBlocks + rulePosition, to: &out) }
    var counts = (0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &counts) { counts in
      let counts = counts.bindMemory(to: Int.self)
      for slot in decision.slots {
        if let kind = kind(slot) { counts[Self.kindIndex(kind)] += 1 }
      }
      let level = decision.level.rawValue
      if counts[0] == decision.slots.count { return chunks.append(ceilingBlocks + level, to: &out) }
      chunks.append(blockHeads + rulePosition, to: &out)
      var first = true
      for kind in 0..<Kind.allCases.count where counts[kind] > 0 {
        if !first { out.append(", ") }
        first = false
        JSONBytes.int(counts[kind], to: &out)
        chunks.append(summaries + kind * ClassificationLevel.allCases.count + level, to: &out)
      }
      out.append(0x22)
    }
  }

  @inline(__always)
  static func kindIndex(_ kind: Kind) -> Int {
    switch kind {
    case .ceiling: 0
    case .residency: 1
    case .provider: 2
    case .capability: 3
    case .tier: 4
    case .context: 5
    case .health: 6
    case .ranked: 7
    }
  }

  /// The block reason of a blocked decision, as text.
  func blockReason(_ decision: Decision) -> String {
    var writer = ByteWriter(base: .allocate(capacity: 256), capacity: 256)
    defer { writer.base.deallocate() }
    chunks.withReader { writeBlock(decision, $0, to: &writer) }
    let quoted = UnsafeBufferPointer(start: writer.base, count: writer.count)
    let head = #"{"action":"block","reason":""#.utf8.count
    return String(decoding: JSONString.unescape(quoted[head..<(quoted.count - 1)]), as: UTF8.self)
  }

  /// Appends the `tappass.route` object: byte for byte `RouteDecision.write`
  /// of `routeDecision(decision)`.
  func write(_ decision: Decision, to out: inout ByteWriter) {
    let rulePosition = decision.rule >= 0 ? decision.rule : rules.count
    chunks.withReader { chunks in
      if decision.chosen >= 0 {
        chunks.append(chosenHeads + decision.chosen, to: &out)
        JSONBytes.fixed(decision.cost, digits: 6, to: &out)
        chunks.append(ruleNames + rulePosition, to: &out)
        chunks.append(preferences + rulePosition, to: &out)
      } else {
        writeBlock(decision, chunks, to: &out)
        chunks.append(ruleNames + rulePosition, to: &out)
      }
      out.append(#","level":""#); out.append(decision.level.nameLiteral)
      out.append(#"","tokens":{"input":"#); JSONBytes.int(decision.inputTokens, to: &out)
      out.append(#","output":"#); JSONBytes.int(decision.outputTokens, to: &out)
      out.append(#"},"complexity":"#); decision.complexity.write(into: &out)
      if decision.fallback >= 0 { chunks.append(fallbacks + decision.fallback, to: &out) }
      out.append(#","rejected":["#)
      var first = true
      for (index, slot) in decision.slots.enumerated() {
        switch slot {
        case .none:
          continue
        case .entry(let entry):
          if !first { out.append(0x2C) }
          if entry >= 0 {
            chunks.append(Int(entry), to: &out)
          } else {
            appendOther(index, decision, to: &out)
          }
        case .context(let tokens):
          if !first { out.append(0x2C) }
          chunks.append(contextHeads + index, to: &out); JSONBytes.int(tokens, to: &out); out.append(#" tokens"}"#)
        case .costlier(let cost):
          if !first { out.append(0x2C) }
          chunks.append(costlierHeads + index, to: &out); JSONBytes.fixed(cost, digits: 6, to: &out); out.append(#")"}"#)
        }
        first = false
      }
      chunks.append(catalogueTail, to: &out)
    }
  }

  /// A rejection for a capability outside the catalogue's (public API).
  private func appendOther(_ index: Int, _ decision: Decision, to out: inout ByteWriter) {
    var text: [UInt8] = []
    rejected(index, .entry(-2), decision).reason.appendText(to: &text)
    var json = Array(#"{"id":"#.utf8)
    JSONString.appendQuoted(catalogue.models[index].id.utf8, to: &json)
    json += Array(#","reason":"#.utf8)
    JSONString.appendQuoted(text, to: &json)
    json.append(0x7D)
    out.append(json)
  }

  func rejected(_ index: Int, _ slot: Slot, _ decision: Decision) -> RouteDecision.Rejected {
    let id = catalogue.models[index].id
    switch slot {
    case .entry(let entry) where entry >= 0:
      return .init(id: id, reason: entries[Int(entry)].reason, kind: entries[Int(entry)].kind)
    case .entry:
      return .init(id: id, reason: .capability(decision.otherCapability ?? ""), kind: .capability)
    case .context(let tokens):
      return .init(id: id, reason: .context(windows[index], tokens), kind: .context)
    case .costlier(let cost):
      return .init(id: id, reason: .costlier(cost), kind: .ranked)
    case .none:
      return .init(id: id, reason: .notListed, kind: .provider)
    }
  }

  /// The public form of a decision.
  func routeDecision(_ decision: Decision) -> RouteDecision {
    let rule = decision.rule >= 0 ? policy.rules[decision.rule] : RoutingPolicy.defaultRule
    var result = RouteDecision(
      level: decision.level, rule: rule.name, ruleOrigin: rule.origin, complexity: decision.complexity,
      inputTokens: decision.inputTokens, outputTokens: decision.outputTokens, catalogueDigest: catalogue.digest)
    result.rejected = decision.slots.enumerated().compactMap { index, slot in
      if case .none = slot { return nil }
      return rejected(index, slot, decision)
    }
    if decision.chosen >= 0 {
      result.chosen = catalogue.models[decision.chosen]
      result.estimatedCost = decision.cost
      result.preference = rule.prefer ?? policy.prefer
      if decision.fallback >= 0 {
        result.fallback = .init(from: catalogue.models[decision.fallback].id, reason: fallbackReasons[decision.fallback])
      }
    } else {
      result.blockReason = blockReason(decision)
    }
    return result
  }
}
