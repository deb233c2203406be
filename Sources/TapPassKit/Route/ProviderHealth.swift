/// Provider and model health for routing (`--health FILE`,
/// docs/catalogue-format.md#health): a provider or model may be degraded
/// (used only as a fallback), half-open (probing; also a fallback) or open
/// (refused). Model entries override their provider's.
public struct ProviderHealth: Sendable {
  public enum State: String, Sendable, CaseIterable {
    case healthy, degraded
    case halfOpen = "half_open"
    case open

    /// How explanations write the state: `half-open`, `degraded`, …
    public var label: String { self == .halfOpen ? "half-open" : rawValue }
  }

  public struct Status: Sendable, Equatable {
    public var state: State
    public var reason: String?
  }

  public var providers: [String: Status] = [:]
  public var models: [String: Status] = [:]

  public init() {}

  public func status(of model: Catalogue.Model) -> Status {
    models[model.id] ?? providers[model.provider] ?? Status(state: .healthy)
  }

  public static func load(path: String, catalogue: Catalogue) throws -> ProviderHealth {
    try parse(StrictJSON.load(path: path), catalogue: catalogue)
  }

  /// Reads a health file; provider and model names must exist in the
  /// catalogue, so a typo cannot leave a broken provider in rotation.
  public static func parse(_ json: StrictJSON, catalogue: Catalogue) throws -> ProviderHealth {
    let top = try json.root
    try top.allowOnly(["version", "updated", "providers", "models"])
    var health = ProviderHealth()
    func table(_ key: String, known: Set<String>) throws -> [String: Status] {
      guard let object = try top.object(key) else { return [:] }
      var result: [String: Status] = [:]
      for name in object.keys {
        guard known.contains(name) else {
          throw object.error(name, "unknown \(key == "providers" ? "provider" : "model") '\(name)' (not in \(catalogue.source))")
        }
        guard let entry = try object.object(name) else { continue }
        try entry.allowOnly(["state", "reason", "since"])
        let stateName = try entry.requiredString("state")
        guard let state = State(rawValue: stateName) ?? (stateName == "closed" ? .healthy : nil) else {
          throw entry.error("state", "unknown state '\(stateName)' (healthy, closed, degraded, half_open, open)")
        }
        result[name] = Status(state: state, reason: try entry.string("reason"))
      }
      return result
    }
    health.providers = try table("providers", known: catalogue.providers)
    health.models = try table("models", known: Set(catalogue.models.map(\.id)))
    return health
  }
}
