/// Chooses the model a record may go to.
///
/// 1. The first routing rule whose conditions hold applies (else `default`).
/// 2. Every catalogue model is checked against hard limits (its ceiling must
///    admit the record's level; capabilities; context window) and the rule's
///    requirements (residency, providers, models, tier); the first failed
///    check is the model's rejection reason.
/// 3. Allowed models are ranked: healthy before degraded, then by the
///    preference (cost: cheapest estimate first; quality: largest tier
///    first), then catalogue order. Open circuits are refused.
/// 4. No allowed model: the record is blocked with the reason, never sent
///    to a default.
public struct Router: Sendable {
  public let catalogue: Catalogue
  public let policy: RoutingPolicy
  public let health: ProviderHealth
  /// Each catalogue model's health, looked up once.
  let statuses: [ProviderHealth.Status]

  /// Cross-checks the routing policy against the catalogue: a rule that
  /// names an unknown model or provider, or requires a residency no model
  /// has (e.g. an EU-residency rule and no EU model), is an error.
  public init(catalogue: Catalogue, policy: RoutingPolicy = RoutingPolicy(), health: ProviderHealth = ProviderHealth()) throws {
    self.catalogue = catalogue
    self.policy = policy
    self.health = health
    statuses = catalogue.models.map(health.status(of:))
    let providers = catalogue.providers
    for rule in policy.rules {
      let at = "\(policy.source):\(rule.origin.line ?? 0): \(rule.origin.field)"
      if let residency = rule.require.residency, !catalogue.models.contains(where: { residency.contains($0.residency) }) {
        throw ToolError("\(at).require.residency: rule '\(rule.name)' requires residency \(residency.joined(separator: " or ")) but \(catalogue.source) has no such model")
      }
      for id in (rule.require.models ?? []) + rule.require.avoidModels where catalogue.model(id: id) == nil {
        throw ToolError("\(at): rule '\(rule.name)' names model '\(id)', which is not in \(catalogue.source)")
      }
      for provider in (rule.require.providers ?? []) + rule.require.avoidProviders where !providers.contains(provider) {
        throw ToolError("\(at): rule '\(rule.name)' names provider '\(provider)', which is not in \(catalogue.source) (providers: \(providers.sorted().joined(separator: ", ")))")
      }
    }
  }

  public func rule(for level: ClassificationLevel, _ features: RequestFeatures) -> RoutingPolicy.Rule {
    policy.rules.first { Self.matches($0.when, level, features) } ?? RoutingPolicy.defaultRule
  }

  static func matches(_ when: RoutingPolicy.Condition, _ level: ClassificationLevel, _ features: RequestFeatures) -> Bool {
    if let levels = when.levels, !levels.contains(level) { return false }
    if let minimum = when.minLevel, level < minimum { return false }
    if let maximum = when.maxLevel, level > maximum { return false }
    if let orgs = when.orgs, !orgs.contains(where: { $0 == features.context.org }) { return false }
    if let agents = when.agents {
      guard let agent = features.context.agent, agents.contains(where: { Glob.matches($0, agent) }) else { return false }
    }
    if let flags = when.flags, !flags.allSatisfy({ features.flags[$0.key] == $0.value }) { return false }
    if let wanted = when.capabilities, !wanted.allSatisfy(features.capabilities.contains) { return false }
    let score = features.complexity.score
    if let minimum = when.minComplexity, score < minimum { return false }
    if let maximum = when.maxComplexity, score > maximum { return false }
    return true
  }

  public func route(level: ClassificationLevel, features: RequestFeatures) -> RouteDecision {
    let rule = rule(for: level, features)
    let outputTokens = features.maxOutputTokens ?? policy.expectedOutputTokens
    let inputTokens = features.complexity.tokens
    var decision = RouteDecision(
      level: level, rule: rule.name, ruleOrigin: rule.origin, complexity: features.complexity,
      inputTokens: inputTokens, outputTokens: outputTokens, catalogueDigest: catalogue.digest)
    if let reason = rule.block {
      decision.blockReason = reason
      return decision
    }
    // Indices and costs, not model copies: this runs per record.
    typealias Candidate = (index: Int, cost: Double, healthy: Bool)
    let models = catalogue.models
    let needed = features.capabilities.union(rule.require.capabilities).sorted()
    var slots = [RouteDecision.Rejected?](repeating: nil, count: models.count)
    var allowed: [Candidate] = []
    var refusedByHealth: [Candidate] = []
    for index in models.indices {
      let cost = models[index].cost(inputTokens: inputTokens, outputTokens: outputTokens)
      if let reason = rejection(models[index], level: level, needed: needed, tokens: inputTokens + outputTokens, rule: rule) {
        slots[index] = .init(id: models[index].id, reason: reason, kind: reason.kind)
        continue
      }
      let status = statuses[index]
      if status.state == .open {
        refusedByHealth.append((index, cost, false))
        slots[index] = .init(id: models[index].id, reason: .circuitOpen(models[index].provider, status.reason), kind: .health)
        continue
      }
      allowed.append((index, cost, status.state == .healthy))
    }
    let preference = rule.prefer ?? policy.prefer
    func before(_ a: Candidate, _ b: Candidate, health: Bool) -> Bool {
      if health, a.healthy != b.healthy { return a.healthy }
      if preference == .quality, models[a.index].tier != models[b.index].tier { return models[a.index].tier > models[b.index].tier }
      if a.cost != b.cost { return a.cost < b.cost }
      return a.index < b.index
    }
    let ranked = allowed.sorted { before($0, $1, health: true) }
    guard let chosen = ranked.first else {
      decision.rejected = slots.compactMap { $0 }
      decision.blockReason = blockReason(level: level, rule: rule, rejected: decision.rejected)
      return decision
    }
    let model = models[chosen.index]
    decision.chosen = model
    decision.estimatedCost = chosen.cost
    decision.preference = preference
    // What would have been chosen with every provider healthy: if that is
    // not the chosen model, this is a fallback, and the record says so.
    if let ideal = (allowed + refusedByHealth).min(by: { before($0, $1, health: false) }), ideal.index != chosen.index {
      let status = statuses[ideal.index]
      let state = status.state == .open ? "circuit open" : status.state.label
      decision.fallback = .init(from: models[ideal.index].id, reason: "\(models[ideal.index].provider) \(state)" + (status.reason.map { ": \($0)" } ?? ""))
    }
    for other in ranked.dropFirst() {
      let status = statuses[other.index]
      let reason: RouteDecision.Reason = !other.healthy
        ? .degraded(models[other.index].provider, status.state, status.reason)
        : (preference == .quality && models[other.index].tier < model.tier ? .smallerTier(models[other.index].tier) : .costlier(other.cost))
      slots[other.index] = .init(id: models[other.index].id, reason: reason, kind: .ranked)
    }
    decision.rejected = slots.compactMap { $0 }
    return decision
  }

  func rejection(_ model: Catalogue.Model, level: ClassificationLevel, needed: [String], tokens: Int, rule: RoutingPolicy.Rule) -> RouteDecision.Reason? {
    if model.maxClassification < level { return .ceiling(model.maxClassification, level) }
    if let residency = rule.require.residency, !residency.contains(model.residency) { return .residency(model.residency, residency) }
    if let providers = rule.require.providers, !providers.contains(model.provider) { return .provider(model.provider) }
    if let models = rule.require.models, !models.contains(model.id) { return .notListed }
    if rule.require.avoidProviders.contains(model.provider) { return .provider(model.provider) }
    if rule.require.avoidModels.contains(model.id) { return .notListed }
    if let missing = needed.first(where: { !model.capabilities.contains($0) }) { return .capability(missing) }
    if let tier = rule.require.minTier, model.tier < tier { return .tier(model.tier, tier) }
    if model.contextWindow < tokens { return .context(model.contextWindow, tokens) }
    return nil
  }

  func blockReason(level: ClassificationLevel, rule: RoutingPolicy.Rule, rejected: [RouteDecision.Rejected]) -> String {
    if rejected.allSatisfy({ $0.kind == .ceiling }) {
      let highest = catalogue.models.map(\.maxClassification).max() ?? .public
      return "no model in the catalogue may receive \(level.name) data (highest ceiling: \(highest.name))"
    }
    var counts: [(RouteDecision.Reason.Kind, Int)] = []
    for kind in RouteDecision.Reason.Kind.allCases {
      let count = rejected.filter { $0.kind == kind }.count
      if count > 0 { counts.append((kind, count)) }
    }
    let summary = counts.map { "\($0.1) \($0.0.summary(level: level))" }.joined(separator: ", ")
    return "no allowed model under rule '\(rule.name)': \(summary)"
  }
}
