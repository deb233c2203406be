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
  /// The catalogue, health and rules compiled for the per-record path.
  let compiled: CompiledRouting

  /// Cross-checks the routing policy against the catalogue: a rule that
  /// names an unknown model or provider, or requires a residency no model
  /// has (e.g. an EU-residency rule and no EU model), is an error.
  public init(catalogue: Catalogue, policy: RoutingPolicy = RoutingPolicy(), health: ProviderHealth = ProviderHealth()) throws {
    self.catalogue = catalogue
    self.policy = policy
    self.health = health
    statuses = catalogue.models.map(health.status(of:))
    compiled = CompiledRouting(catalogue: catalogue, policy: policy, statuses: statuses)
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
    let decision = decide(level: level, features: features)
    return decision.rule >= 0 ? policy.rules[decision.rule] : RoutingPolicy.defaultRule
  }

  public func route(level: ClassificationLevel, features: RequestFeatures) -> RouteDecision {
    compiled.routeDecision(decide(level: level, features: features))
  }

  /// `RequestFeatures` as the compiled routing reads a record.
  func decide(level: ClassificationLevel, features: RequestFeatures) -> CompiledRouting.Decision {
    var store = TextStore()
    let flags: [CompiledRouting.Flag] = compiled.flagKeys.map { key in
      features.flags[ByteString.text(key)].map { .text(store.ref($0)) } ?? .absent
    }
    let request = CompiledRouting.Request(
      level: level, complexity: features.complexity, maxOutputTokens: features.maxOutputTokens,
      capabilities: CompiledRouting.mask(features.capabilities),
      otherCapability: features.capabilities.filter { CompiledRouting.capabilityIndex[$0] == nil }.min(),
      org: features.context.org.map { store.ref($0) }, agent: features.context.agent.map { store.ref($0) }, flags: flags)
    return store.withTexts([]) { compiled.decide(request, $0) }
  }
}
