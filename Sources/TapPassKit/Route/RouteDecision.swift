/// The outcome of routing one record, written as `tappass.route`: the
/// chosen provider and model (or a block with its reason), the estimated
/// cost, the rule, the complexity, any fallback, and every other model with
/// the reason it was not chosen.
public struct RouteDecision: Sendable, Equatable {
  public enum Reason: Sendable, Equatable {
    case ceiling(ClassificationLevel, ClassificationLevel)
    case residency(String, [String])
    case provider(String)
    case notListed
    case capability(String)
    case tier(Catalogue.Tier, Catalogue.Tier)
    case context(Int, Int)
    case circuitOpen(String, String?)
    case degraded(String, ProviderHealth.State, String?)
    case costlier(Double)
    case smallerTier(Catalogue.Tier)

    public enum Kind: String, Sendable, CaseIterable {
      case ceiling, residency, provider, capability, tier, context, health, ranked

      func summary(level: ClassificationLevel) -> String {
        switch self {
        case .ceiling: "below the \(level.name) ceiling"
        case .residency: "outside the required residency"
        case .provider: "excluded by provider or model list"
        case .capability: "missing a needed capability"
        case .tier: "below the required tier"
        case .context: "with too small a context window"
        case .health: "with an open circuit"
        case .ranked: "ranked lower"
        }
      }
    }

    public var kind: Kind {
      switch self {
      case .ceiling: .ceiling
      case .residency: .residency
      case .provider, .notListed: .provider
      case .capability: .capability
      case .tier: .tier
      case .context: .context
      case .circuitOpen: .health
      case .degraded, .costlier, .smallerTier: .ranked
      }
    }

    public var text: String {
      switch self {
      case .ceiling(let ceiling, let level): "ceiling \(ceiling.name) is below the record's \(level.name)"
      case .residency(let residency, let allowed): "residency \(residency) not in \(allowed.joined(separator: ", "))"
      case .provider(let provider): "provider \(provider) excluded by the rule"
      case .notListed: "not among the rule's models"
      case .capability(let capability): "lacks \(capability)"
      case .tier(let tier, let minimum): "tier \(tier.name) below \(minimum.name)"
      case .context(let window, let tokens): "context window \(window) < \(tokens) tokens"
      case .circuitOpen(let provider, let reason): "circuit open (\(provider)\(reason.map { ": \($0)" } ?? ""))"
      case .degraded(let provider, let state, let reason):
        "\(provider) \(state.label), kept as fallback\(reason.map { " (\($0))" } ?? "")"
      case .costlier(let cost): "allowed, costs more ($\(JSONWriter.format(cost, digits: 6)))"
      case .smallerTier(let tier): "allowed, smaller tier (\(tier.name))"
      }
    }
  }

  public struct Rejected: Sendable, Equatable {
    public var id: String
    public var reason: Reason
    public var kind: Reason.Kind
  }

  public struct Fallback: Sendable, Equatable {
    /// The model that would have been chosen with every provider healthy.
    public var from: String
    public var reason: String
  }

  public var level: ClassificationLevel
  public var rule: String
  public var ruleOrigin: ClassificationPolicy.Origin
  public var complexity: Complexity
  public var inputTokens: Int
  public var outputTokens: Int
  public var catalogueDigest: String
  public var chosen: Catalogue.Model?
  public var estimatedCost = 0.0
  public var preference: RoutingPolicy.Preference?
  public var fallback: Fallback?
  public var blockReason: String?
  public var rejected: [Rejected] = []

  public var isBlocked: Bool { chosen == nil }

  public func write(to writer: inout JSONWriter) {
    writer.beginObject()
    if let chosen {
      writer.key("action"); writer.string("route")
      writer.key("provider"); writer.string(chosen.provider)
      writer.key("model"); writer.string(chosen.model)
      writer.key("id"); writer.string(chosen.id)
      writer.key("region"); writer.string(chosen.region)
      writer.key("residency"); writer.string(chosen.residency)
      writer.key("estimated_cost_usd"); writer.double(estimatedCost, digits: 6)
    } else {
      writer.key("action"); writer.string("block")
      writer.key("reason"); writer.string(blockReason ?? "no allowed model")
    }
    writer.key("rule"); writer.string(rule)
    if let preference { writer.key("prefer"); writer.string(preference.rawValue) }
    writer.key("level"); writer.string(level.name)
    writer.key("tokens")
    writer.beginObject()
    writer.key("input"); writer.int(inputTokens)
    writer.key("output"); writer.int(outputTokens)
    writer.endObject()
    writer.key("complexity"); complexity.write(to: &writer)
    if let fallback {
      writer.key("fallback")
      writer.beginObject()
      writer.key("from"); writer.string(fallback.from)
      writer.key("reason"); writer.string(fallback.reason)
      writer.endObject()
    }
    writer.key("rejected")
    writer.beginArray()
    for item in rejected {
      writer.beginObject()
      writer.key("id"); writer.string(item.id)
      writer.key("reason"); writer.string(item.reason.text)
      writer.endObject()
    }
    writer.endArray()
    writer.key("catalogue"); writer.string(catalogueDigest)
    writer.endObject()
  }

  public var json: [UInt8] {
    var writer = JSONWriter(capacity: 512 + rejected.count * 96)
    write(to: &writer)
    return writer.bytes
  }
}
