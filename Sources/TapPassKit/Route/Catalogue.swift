/// The model catalogue (docs/catalogue-format.md): every model a record may
/// be routed to, with where it runs, the highest classification it may
/// receive, its prices, context window and capabilities.
public struct Catalogue: Sendable {
  /// Where a provider keeps the data. `on_premise` is a model the
  /// organisation runs itself (e.g. Ollama); nothing leaves its network.
  public static let residencies = ["eu", "us", "uk", "ch", "apac", "global", "on_premise"]
  public static let capabilities = ["tools", "vision", "json_mode", "code", "reasoning"]

  /// Coarse model size, for complexity-based rules (`require.min_tier`).
  public enum Tier: Int, Sendable, Comparable, CaseIterable {
    case small = 0, medium, large
    public var name: String { ["small", "medium", "large"][rawValue] }
    public init?(name: String) {
      guard let tier = Self.allCases.first(where: { $0.name == name }) else { return nil }
      self = tier
    }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  public struct Model: Sendable, Equatable {
    /// Unique id, conventionally `provider/name-region`.
    public var id: String
    public var provider: String
    /// The provider's model name, as sent in the API call.
    public var model: String
    public var region: String
    public var residency: String
    /// The highest level this model may receive (its ceiling).
    public var maxClassification: ClassificationLevel
    /// USD per million input / output tokens.
    public var inputPerMillion: Double
    public var outputPerMillion: Double
    public var contextWindow: Int
    public var capabilities: Set<String>
    public var tier: Tier
    public var line: Int

    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
      (Double(inputTokens) * inputPerMillion + Double(outputTokens) * outputPerMillion) / 1_000_000
    }
  }

  public var models: [Model]
  public var digest: String
  public var source: String

  public var providers: Set<String> { Set(models.map(\.provider)) }

  public func model(id: String) -> Model? { models.first { $0.id == id } }
}

/// Reads a catalogue strictly: unknown keys, duplicate model ids, negative
/// prices, unknown levels, residencies or capabilities are errors naming
/// the file, line and field.
public enum CatalogueLoader {
  static let topKeys = ["version", "description", "currency", "models"]
  static let modelKeys = [
    "id", "description", "provider", "model", "region", "residency", "max_classification", "price",
    "context_window", "capabilities", "tier",
  ]

  public static func load(path: String) throws -> Catalogue {
    try parse(StrictJSON.load(path: path))
  }

  public static func parse(_ json: StrictJSON) throws -> Catalogue {
    let top = try json.root
    try top.allowOnly(topKeys)
    if let version = try top.number("version"), version != 1 {
      throw top.error("version", "unsupported version; this build reads version 1")
    }
    if let currency = try top.string("currency"), currency != "USD" {
      throw top.error("currency", "only USD prices are supported")
    }
    guard top.has("models") else { throw json.error(at: 0, "models", "is required") }
    var models: [Catalogue.Model] = []
    var seen: [String: Int] = [:]
    for item in try top.objects("models") {
      try item.allowOnly(modelKeys)
      let id = try item.requiredString("id")
      if let first = seen[id] {
        throw item.error("id", "duplicate model '\(id)' (first defined at line \(first))")
      }
      seen[id] = item.line
      let residency = try item.requiredString("residency")
      guard Catalogue.residencies.contains(residency) else {
        throw item.error("residency", "unknown residency '\(residency)' (one of: \(Catalogue.residencies.joined(separator: ", ")))")
      }
      guard let ceiling = try item.level("max_classification") else { throw json.error(at: item.node, item.field("max_classification"), "is required") }
      guard let price = try item.object("price") else { throw json.error(at: item.node, item.field("price"), "is required") }
      try price.allowOnly(["input_per_mtok", "output_per_mtok"])
      func nonNegative(_ key: String) throws -> Double {
        guard let value = try price.number(key) else { throw json.error(at: price.node, price.field(key), "is required") }
        guard value >= 0 else { throw price.error(key, "negative price \(JSONWriter.format(value, digits: 6))") }
        return value
      }
      let input = try nonNegative("input_per_mtok")
      let output = try nonNegative("output_per_mtok")
      guard let window = try item.number("context_window") else { throw json.error(at: item.node, item.field("context_window"), "is required") }
      guard window >= 1, window == window.rounded(), window < 1e9 else { throw item.error("context_window", "must be a positive whole number of tokens") }
      let capabilities = try item.stringArray("capabilities") ?? []
      for capability in capabilities where !Catalogue.capabilities.contains(capability) {
        throw item.error("capabilities", "unknown capability '\(capability)' (one of: \(Catalogue.capabilities.joined(separator: ", ")))")
      }
      var tier = Catalogue.Tier.medium
      if let name = try item.string("tier") {
        guard let parsed = Catalogue.Tier(name: name) else { throw item.error("tier", "unknown tier '\(name)' (small, medium, large)") }
        tier = parsed
      }
      models.append(Catalogue.Model(
        id: id, provider: try item.requiredString("provider"), model: try item.requiredString("model"),
        region: try item.requiredString("region"), residency: residency, maxClassification: ceiling,
        inputPerMillion: input, outputPerMillion: output, contextWindow: Int(window),
        capabilities: Set(capabilities), tier: tier, line: item.line))
    }
    guard !models.isEmpty else { throw top.error("models", "the catalogue lists no model") }
    return Catalogue(models: models, digest: "sha256:" + Hex.encode(TPCrypto.SHA256.hash(json.document.bytes)), source: json.source)
  }
}
