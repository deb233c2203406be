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

  /// A rejection known at start-up: its whole `rejected` entry.
  struct Entry: Sendable {
    var json: [UInt8]
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
  /// Per model: `{"action":"route",…,"estimated_cost_usd":`.
  let chosenHeads: [[UInt8]]
  /// Per model: `{"id":…,"reason":"context window N < ` and
  /// `{"id":…,"reason":"allowed, costs more ($`.
  let contextHeads: [[UInt8]]
  let costlierHeads: [[UInt8]]
  /// Per model, as the ideal choice skipped for health:
  /// `,"fallback":{"from":…,"reason":…}`.
  let fallbackJSON: [[UInt8]]
  let fallbackReasons: [String]
  /// Per rule (default last): `,"rule":"…"`, and `,"prefer":"…"` after it.
  let ruleJSON: [[UInt8]]
  let preferJSON: [[UInt8]]
  let catalogueTail: [UInt8]
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
    func entry(_ model: Catalogue.Model, _ reason: RouteDecision.Reason, _ kind: Kind? = nil) -> Int32 {
      var text: [UInt8] = []
      reason.appendText(to: &text)
      var json = Array(#"{"id":"#.utf8)
      JSONString.appendQuoted(model.id.utf8, to: &json)
      json += Array(#","reason":"#.utf8)
      JSONString.appendQuoted(text, to: &json)
      json.append(0x7D)
      entries.append(Entry(json: json, reason: reason, kind: kind ?? reason.kind))
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

    chosenHeads = models.map { model in
      var out = Array(#"{"action":"route","provider":"#.utf8); JSONString.appendQuoted(model.provider.utf8, to: &out)
      out += Array(#","model":"#.utf8); JSONString.appendQuoted(model.model.utf8, to: &out)
      out += Array(#","id":"#.utf8); JSONString.appendQuoted(model.id.utf8, to: &out)
      out += Array(#","region":"#.utf8); JSONString.appendQuoted(model.region.utf8, to: &out)
      out += Array(#","residency":"#.utf8); JSONString.appendQuoted(model.residency.utf8, to: &out)
      return out + Array(#","estimated_cost_usd":"#.utf8)
    }
    func head(_ model: Catalogue.Model, _ text: String) -> [UInt8] {
      Array(#"{"id":"#.utf8) + JSONString.quoted(model.id) + Array(#","reason":""#.utf8) + Self.quotedBody(text)
    }
    contextHeads = models.map { head($0, "context window \($0.contextWindow) < ") }
    costlierHeads = models.map { head($0, "allowed, costs more ($") }
    let fallbackReasons = models.indices.map { index in
      let status = statuses[index]
      let state = status.state == .open ? "circuit open" : status.state.label
      return "\(models[index].provider) \(state)" + (status.reason.map { ": \($0)" } ?? "")
    }
    self.fallbackReasons = fallbackReasons
    fallbackJSON = models.indices.map { index in
      Array(#","fallback":{"from":"#.utf8) + JSONString.quoted(models[index].id) + Array(#","reason":"#.utf8)
        + JSONString.quoted(fallbackReasons[index]) + [0x7D]
    }
    ruleJSON = allRules.map { Array(#","rule":"#.utf8) + JSONString.quoted($0.name) }
    preferJSON = allRules.map { Array(#","prefer":"#.utf8) + JSONString.quoted(($0.prefer ?? policy.prefer).rawValue) }
    catalogueTail = Array(#"],"catalogue":"#.utf8) + JSONString.quoted(catalogue.digest) + [0x7D]
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
    var ruleIndex = -1
    for index in rules.indices where matches(rules[index], request, texts) {
      ruleIndex = index
      break
    }
    let rule = ruleIndex >= 0 ? rules[ruleIndex] : defaultRule
    let rulePosition = ruleIndex >= 0 ? ruleIndex : rules.count
    let inputTokens = request.complexity.tokens
    let outputTokens = request.maxOutputTokens ?? expectedOutputTokens
    var decision = Decision(
      level: request.level, rule: ruleIndex, complexity: request.complexity, inputTokens: inputTokens, outputTokens: outputTokens,
      otherCapability: request.otherCapability)
    if rule.block != nil { return decision }

    typealias Candidate = (index: Int, cost: Double, healthy: Bool)
    let needed = request.capabilities | rule.required
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
    let quality = rule.preference == .quality
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
    if let ideal = (allowed + refused).min(by: { before($0, $1, health: false) }), ideal.index != chosen.index {
      decision.fallback = ideal.index
    }
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

  /// The block reason of a blocked decision.
  func blockReason(_ decision: Decision) -> String {
    let rule = decision.rule >= 0 ? rules[decision.rule] : defaultRule
    if let block = rule.block { return block }
    let kinds = decision.slots.compactMap(kind)
    let level = decision.level
    if kinds.allSatisfy({ $0 == .ceiling }) {
      let highest = ceilings.max() ?? .public
      return "no model in the catalogue may receive \(level.name) data (highest ceiling: \(highest.name))"
    }
    var counts: [String] = []
    for kind in Kind.allCases {
      let count = kinds.reduce(0) { $0 + ($1 == kind ? 1 : 0) }
      if count > 0 { counts.append("\(count) \(kind.summary(level: level))") }
    }
    let name = decision.rule >= 0 ? policy.rules[decision.rule].name : RoutingPolicy.defaultRule.name
    return "no allowed model under rule '\(name)': \(counts.joined(separator: ", "))"
  }

  /// Appends the `tappass.route` object: byte for byte `RouteDecision.write`
  /// of `routeDecision(decision)`.
  func write(_ decision: Decision, to out: inout [UInt8]) {
    let rulePosition = decision.rule >= 0 ? decision.rule : rules.count
    if decision.chosen >= 0 {
      out.append(contentsOf: chosenHeads[decision.chosen])
      JSONBytes.fixed(decision.cost, digits: 6, to: &out)
      out.append(contentsOf: ruleJSON[rulePosition])
      out.append(contentsOf: preferJSON[rulePosition])
    } else {
      JSONBytes.raw(#"{"action":"block","reason":"#, to: &out)
      JSONString.appendQuoted(blockReason(decision).utf8, to: &out)
      out.append(contentsOf: ruleJSON[rulePosition])
    }
    JSONBytes.raw(#","level":""#, to: &out); out.append(contentsOf: decision.level.nameBytes)
    JSONBytes.raw(#"","tokens":{"input":"#, to: &out); JSONBytes.int(decision.inputTokens, to: &out)
    JSONBytes.raw(#","output":"#, to: &out); JSONBytes.int(decision.outputTokens, to: &out)
    JSONBytes.raw(#"},"complexity":"#, to: &out); decision.complexity.write(to: &out)
    if decision.fallback >= 0 { out.append(contentsOf: fallbackJSON[decision.fallback]) }
    JSONBytes.raw(#","rejected":["#, to: &out)
    var first = true
    for (index, slot) in decision.slots.enumerated() {
      switch slot {
      case .none:
        continue
      case .entry(let entry):
        if !first { out.append(0x2C) }
        if entry >= 0 {
          out.append(contentsOf: entries[Int(entry)].json)
        } else {
          appendOther(index, decision, to: &out)
        }
      case .context(let tokens):
        if !first { out.append(0x2C) }
        out.append(contentsOf: contextHeads[index]); JSONBytes.int(tokens, to: &out); JSONBytes.raw(#" tokens"}"#, to: &out)
      case .costlier(let cost):
        if !first { out.append(0x2C) }
        out.append(contentsOf: costlierHeads[index]); JSONBytes.fixed(cost, digits: 6, to: &out); JSONBytes.raw(#")"}"#, to: &out)
      }
      first = false
    }
    out.append(contentsOf: catalogueTail)
  }

  /// A rejection for a capability outside the catalogue's (public API).
  private func appendOther(_ index: Int, _ decision: Decision, to out: inout [UInt8]) {
    var text: [UInt8] = []
    rejected(index, .entry(-2), decision).reason.appendText(to: &text)
    JSONBytes.raw(#"{"id":"#, to: &out); JSONString.appendQuoted(catalogue.models[index].id.utf8, to: &out)
    JSONBytes.raw(#","reason":"#, to: &out); JSONString.appendQuoted(text, to: &out); out.append(0x7D)
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
