/// Routing rules (docs/policy-format.md#routing): the first rule whose
/// conditions hold decides which models are allowed and how to rank them;
/// every decision names its rule. With no matching rule the implicit
/// `default` rule applies: any model whose ceiling admits the record, the
/// cheapest first.
public struct RoutingPolicy: Sendable {
  public enum Preference: String, Sendable, CaseIterable {
    /// The cheapest allowed and capable model.
    case cost
    /// The largest tier first, then the cheapest.
    case quality
  }

  public struct Condition: Sendable, Equatable, Hashable {
    public var levels: [ClassificationLevel]?
    public var minLevel: ClassificationLevel?
    public var maxLevel: ClassificationLevel?
    public var orgs: [String]?
    public var agents: [String]?
    /// Governance flags on the record (`flags.residency = "eu"`); all must hold.
    public var flags: [String: String]?
    /// Capabilities the request needs; all must be requested.
    public var capabilities: [String]?
    public var minComplexity: Double?
    public var maxComplexity: Double?
    public init() {}

    var canonical: Condition {
      var copy = self
      copy.levels = levels?.sorted()
      copy.orgs = orgs?.sorted()
      copy.agents = agents?.sorted()
      copy.capabilities = capabilities?.sorted()
      return copy
    }
  }

  public struct Requirement: Sendable, Equatable {
    public var residency: [String]?
    public var providers: [String]?
    public var models: [String]?
    public var capabilities: [String] = []
    public var minTier: Catalogue.Tier?
    public var avoidProviders: [String] = []
    public var avoidModels: [String] = []
    public init() {}
  }

  public struct Rule: Sendable {
    public var name: String
    public var when: Condition
    public var require: Requirement
    public var prefer: Preference?
    /// Set for a rule that blocks: the reason written on the record.
    public var block: String?
    public var origin: ClassificationPolicy.Origin
  }

  public var rules: [Rule] = []
  public var prefer: Preference = .cost
  /// Output tokens assumed when the request sets no `max_tokens`.
  public var expectedOutputTokens = 500
  public var source: String = "built-in"

  public init() {}

  /// The implicit last rule.
  public static let defaultRule = Rule(
    name: "default", when: Condition(), require: Requirement(), prefer: nil, block: nil, origin: .builtIn)
}

/// Reads the `routing` section of a policy file, or a `--routing` file
/// holding the same keys at its top level.
public enum RoutingPolicyLoader {
  static let sectionKeys = ["version", "description", "prefer", "expected_output_tokens", "rules"]
  static let ruleKeys = ["name", "description", "when", "require", "avoid", "prefer", "block"]
  static let conditionKeys = [
    "level", "min_level", "max_level", "org", "agent", "flags", "capabilities", "min_complexity", "max_complexity",
  ]
  static let requireKeys = ["residency", "providers", "models", "capabilities", "min_tier"]

  /// A standalone routing file.
  public static func load(path: String) throws -> RoutingPolicy {
    try parse(StrictJSON.load(path: path).root)
  }

  /// The `routing` section of a policy file, if it has one.
  public static func section(of json: StrictJSON) throws -> RoutingPolicy? {
    guard let routing = try json.root.object("routing") else { return nil }
    return try parse(routing)
  }

  public static func parse(_ section: StrictObject) throws -> RoutingPolicy {
    try section.allowOnly(sectionKeys)
    var policy = RoutingPolicy()
    policy.source = section.json.source
    if let prefer = try preference(section) { policy.prefer = prefer }
    if let tokens = try section.number("expected_output_tokens") {
      guard tokens >= 0, tokens == tokens.rounded() else { throw section.error("expected_output_tokens", "must be a whole number ≥ 0") }
      policy.expectedOutputTokens = Int(tokens)
    }
    policy.rules = try section.objects("rules").map(rule)
    try checkReachable(policy.rules, section)
    return policy
  }

  static func preference(_ object: StrictObject) throws -> RoutingPolicy.Preference? {
    guard let name = try object.string("prefer") else { return nil }
    guard let value = RoutingPolicy.Preference(rawValue: name) else {
      throw object.error("prefer", "unknown preference '\(name)' (cost, quality)")
    }
    return value
  }

  static func rule(_ object: StrictObject) throws -> RoutingPolicy.Rule {
    try object.allowOnly(ruleKeys)
    let name = try object.requiredString("name")
    var condition = RoutingPolicy.Condition()
    if let when = try object.object("when") {
      try when.allowOnly(conditionKeys)
      if let names = try PolicyLoader.list(when, "level") {
        condition.levels = try names.map { name in
          guard let level = ClassificationLevel(name: name) else {
            throw when.error("level", "unknown level '\(name)' (levels: \(ClassificationLevel.allNames))")
          }
          return level
        }
      }
      condition.minLevel = try when.level("min_level")
      condition.maxLevel = try when.level("max_level")
      if let low = condition.minLevel, let high = condition.maxLevel, low > high {
        throw when.error("max_level", "max_level \(high) is below min_level \(low): the rule can never match")
      }
      condition.orgs = try PolicyLoader.list(when, "org")
      condition.agents = try PolicyLoader.list(when, "agent")
      if let flags = try when.object("flags") {
        var table: [String: String] = [:]
        for key in flags.keys { table[key] = try flags.string(key) }
        condition.flags = table
      }
      condition.capabilities = try capabilities(when, "capabilities")
      condition.minComplexity = try fraction(when, "min_complexity")
      condition.maxComplexity = try fraction(when, "max_complexity")
    }
    var requirement = RoutingPolicy.Requirement()
    if let require = try object.object("require") {
      try require.allowOnly(requireKeys)
      if let residency = try PolicyLoader.list(require, "residency") {
        for value in residency where !Catalogue.residencies.contains(value) {
          throw require.error("residency", "unknown residency '\(value)' (one of: \(Catalogue.residencies.joined(separator: ", ")))")
        }
        requirement.residency = residency
      }
      requirement.providers = try PolicyLoader.list(require, "providers")
      requirement.models = try PolicyLoader.list(require, "models")
      requirement.capabilities = try capabilities(require, "capabilities") ?? []
      if let tier = try require.string("min_tier") {
        guard let parsed = Catalogue.Tier(name: tier) else { throw require.error("min_tier", "unknown tier '\(tier)' (small, medium, large)") }
        requirement.minTier = parsed
      }
    }
    if let avoid = try object.object("avoid") {
      try avoid.allowOnly(["providers", "models"])
      requirement.avoidProviders = try PolicyLoader.list(avoid, "providers") ?? []
      requirement.avoidModels = try PolicyLoader.list(avoid, "models") ?? []
    }
    let block = try object.string("block")
    if block != nil, object.has("require") || object.has("prefer") {
      throw object.error("block", "a blocking rule cannot also require or prefer models")
    }
    return RoutingPolicy.Rule(
      name: name, when: condition, require: requirement, prefer: try preference(object), block: block,
      origin: .init(field: object.path, line: object.line))
  }

  static func capabilities(_ object: StrictObject, _ key: String) throws -> [String]? {
    guard let values = try PolicyLoader.list(object, key) else { return nil }
    for value in values where !Catalogue.capabilities.contains(value) {
      throw object.error(key, "unknown capability '\(value)' (one of: \(Catalogue.capabilities.joined(separator: ", ")))")
    }
    return values
  }

  static func fraction(_ object: StrictObject, _ key: String) throws -> Double? {
    guard let value = try object.number(key) else { return nil }
    guard (0...1).contains(value) else { throw object.error(key, "must be between 0 and 1") }
    return value
  }

  /// First match wins, so a rule after one with the same conditions, or
  /// after an unconditional rule, can never apply: that is an error.
  static func checkReachable(_ rules: [RoutingPolicy.Rule], _ section: StrictObject) throws {
    var names: [String: RoutingPolicy.Rule] = [:]
    var seen: [RoutingPolicy.Condition: RoutingPolicy.Rule] = [:]
    var catchAll: RoutingPolicy.Rule?
    for rule in rules {
      let at = "\(section.json.source):\(rule.origin.line ?? 0): \(rule.origin.field)"
      if let earlier = names[rule.name] { throw ToolError("\(at).name: duplicate rule name '\(rule.name)' (first at \(earlier.origin))") }
      names[rule.name] = rule
      if let catchAll {
        throw ToolError("\(at): rule '\(rule.name)' can never apply: rule '\(catchAll.name)' (\(catchAll.origin)) matches every record")
      }
      if let earlier = seen[rule.when.canonical] {
        throw ToolError("\(at).when: rule '\(rule.name)' conflicts with rule '\(earlier.name)' (\(earlier.origin)): same conditions, and the first match wins")
      }
      seen[rule.when.canonical] = rule
      if rule.when == RoutingPolicy.Condition() { catchAll = rule }
    }
  }
}
