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
      var bytes: [UInt8] = []
      appendText(to: &bytes)
      return String(decoding: bytes, as: UTF8.self)
    }

    /// The reason in words, appended as UTF-8 (not yet JSON-escaped).
    public func appendText(to out: inout [UInt8]) {
      func put(_ literal: StaticString) { JSONBytes.raw(literal, to: &out) }
      func put(_ text: String) { out.append(contentsOf: text.utf8) }
      switch self {
      case .ceiling(let ceiling, let level):
        put("ceiling "); put(ceiling.name); put(" is below the record's "); put(level.name)
      case .residency(let residency, let allowed):
        put("residency "); put(residency); put(" not in ")
        for (index, value) in allowed.enumerated() { if index > 0 { put(", ") }; put(value) }
      case .provider(let provider): put("provider "); put(provider); put(" excluded by the rule")
      case .notListed: put("not among the rule's models")
      case .capability(let capability): put("lacks "); put(capability)
      case .tier(let tier, let minimum): put("tier "); put(tier.name); put(" below "); put(minimum.name)
      case .context(let window, let tokens):
        put("context window "); JSONBytes.int(window, to: &out); put(" < "); JSONBytes.int(tokens, to: &out); put(" tokens")
      case .circuitOpen(let provider, let reason):
        put("circuit open ("); put(provider)
        if let reason { put(": "); put(reason) }
        put(")")
      case .degraded(let provider, let state, let reason):
        put(provider); put(" "); put(state.label); put(", kept as fallback")
        if let reason { put(" ("); put(reason); put(")") }
      case .costlier(let cost): put("allowed, costs more ($"); JSONBytes.fixed(cost, digits: 6, to: &out); put(")")
      case .smallerTier(let tier): put("allowed, smaller tier ("); put(tier.name); put(")")
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

  /// Appends the `tappass.route` object. The shape is fixed, so commas
  /// are written with the keys (see `JSONBytes`).
  public func write(to out: inout [UInt8]) {
    func put(_ literal: StaticString) { JSONBytes.raw(literal, to: &out) }
    if let chosen {
      put(#"{"action":"route","provider":"#); JSONBytes.string(chosen.provider, to: &out)
      put(#","model":"#); JSONBytes.string(chosen.model, to: &out)
      put(#","id":"#); JSONBytes.string(chosen.id, to: &out)
      put(#","region":"#); JSONBytes.string(chosen.region, to: &out)
      put(#","residency":"#); JSONBytes.string(chosen.residency, to: &out)
      put(#","estimated_cost_usd":"#); JSONBytes.fixed(estimatedCost, digits: 6, to: &out)
    } else {
      put(#"{"action":"block","reason":"#); JSONBytes.string(blockReason ?? "no allowed model", to: &out)
    }
    put(#","rule":"#); JSONBytes.string(rule, to: &out)
    if let preference { put(#","prefer":"#); JSONBytes.string(preference.rawValue, to: &out) }
    put(#","level":""#); out.append(contentsOf: level.name.utf8)
    put(#"","tokens":{"input":"#); JSONBytes.int(inputTokens, to: &out)
    put(#","output":"#); JSONBytes.int(outputTokens, to: &out)
    put(#"},"complexity":"#); complexity.write(to: &out)
    if let fallback {
      put(#","fallback":{"from":"#); JSONBytes.string(fallback.from, to: &out)
      put(#","reason":"#); JSONBytes.string(fallback.reason, to: &out)
      put("}")
    }
    put(#","rejected":["#)
    var text: [UInt8] = []
    for (index, item) in rejected.enumerated() {
      put(index == 0 ? #"{"id":"# : #",{"id":"#); JSONBytes.string(item.id, to: &out)
      put(#","reason":"#)
      text.removeAll(keepingCapacity: true)
      item.reason.appendText(to: &text)
      JSONString.appendQuoted(text, to: &out)
      put("}")
    }
    put(#"],"catalogue":"#); JSONBytes.string(catalogueDigest, to: &out)
    put("}")
  }

  public var json: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(512 + rejected.count * 96)
    write(to: &out)
    return out
  }
}
