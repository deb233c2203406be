/// Reads a policy file strictly (docs/policy-format.md): unknown keys,
/// unknown levels, `extends` cycles, conflicting or duplicate rules and
/// references to unknown markers are errors naming the file, the line and
/// the field. Exit status 2.
public enum PolicyLoader {
  static let topKeys = [
    "version", "name", "description", "default_level", "findings", "markers", "categories",
    "recognisers", "orgs", "rules", "routing",
  ]
  static let profileKeys = [
    "description", "extends", "default_level", "findings", "markers", "categories", "recognisers",
  ]
  static let ruleKeys = ["name", "description", "when", "level"]
  static let conditionKeys = [
    "org", "agent", "trust_tier", "categories", "finding_types", "steps", "markers", "min_level",
  ]
  static let recogniserKeys = ["name", "description", "pattern", "caseless", "level"]

  /// The policy used without `--policy`: the built-in tables alone.
  public static let builtIn: ClassificationPolicy = {
    let text = #"{"version": 1, "name": "built-in"}"#
    return try! parse(StrictJSON(bytes: Array(text.utf8), source: "built-in policy"))
  }()

  public static func load(path: String) throws -> ClassificationPolicy {
    try parse(StrictJSON.load(path: path))
  }

  public static func parse(_ json: StrictJSON) throws -> ClassificationPolicy {
    let top = try json.root
    try top.allowOnly(topKeys)
    if let version = try top.number("version"), version != 1 {
      throw top.error("version", "unsupported version \(JSONWriter.format(version, digits: 3)); this build reads version 1")
    }
    var policy = ClassificationPolicy(
      digest: "sha256:" + Hex.encode(TPCrypto.SHA256.hash(json.document.bytes)), source: json.source)
    policy.name = try top.string("name")

    var recognisers: [String: ClassificationPolicy.Recogniser] = [:]
    var global = BuiltInPolicy.profile()
    try apply(top, to: &global, recognisers: &recognisers, into: &policy)

    // Orgs: read raw definitions, then resolve each `extends` chain.
    var definitions: [String: StrictObject] = [:]
    var order: [String] = []
    if let orgs = try top.object("orgs") {
      for name in orgs.keys {
        guard let org = try orgs.object(name) else { continue }
        try org.allowOnly(profileKeys)
        definitions[name] = org
        order.append(name)
      }
    }
    var resolved: [String: ClassificationPolicy.Profile] = [:]
    func resolve(_ name: String, chain: [String]) throws -> ClassificationPolicy.Profile {
      if let done = resolved[name] { return done }
      let org = definitions[name]!
      var profile = global
      if let parent = try org.string("extends") {
        if chain.contains(parent) || parent == name {
          throw org.error("extends", "cycle: \((chain + [name, parent]).joined(separator: " → "))")
        }
        guard definitions[parent] != nil else {
          throw org.error("extends", "unknown org '\(parent)' (orgs: \(order.joined(separator: ", ")))")
        }
        profile = try resolve(parent, chain: chain + [name])
      }
      try apply(org, to: &profile, recognisers: &recognisers, into: &policy)
      resolved[name] = profile
      return profile
    }
    for name in order { _ = try resolve(name, chain: []) }
    policy.global = global
    policy.orgs = resolved
    policy.recognisers = policy.recognisers.sorted { $0.name < $1.name }

    let knownMarkers = Set(Marker.builtIn.map(\.name)).union(recognisers.keys)
    policy.rules = try top.objects("rules").map { try rule($0, knownMarkers: knownMarkers) }
    try checkConflicts(policy.rules, top)
    return policy
  }

  /// Lays one profile object (the top level or an org) over `profile`.
  static func apply(
    _ object: StrictObject, to profile: inout ClassificationPolicy.Profile,
    recognisers: inout [String: ClassificationPolicy.Recogniser], into policy: inout ClassificationPolicy
  ) throws {
    func origin(_ field: String, _ line: Int) -> ClassificationPolicy.Origin {
      ClassificationPolicy.Origin(field: object.field(field), line: line)
    }
    if let level = try object.level("default_level") {
      profile.defaultLevel = .init(level: level, origin: origin("default_level", object.json.line(of: object.member("default_level")!)))
    }
    if let findings = try object.object("findings") {
      try findings.allowOnly(["types", "steps"])
      for (name, level, line) in try findings.levelTable("types") {
        profile.findingTypes[name] = .init(level: level, origin: origin("findings.types.\(name)", line))
      }
      for (name, level, line) in try findings.levelTable("steps") {
        guard BuiltInPolicy.dataStepIDs.contains(name) || StepRegistry.lookup(name) != nil else {
          throw findings.json.error(at: findings.member("steps")!, findings.field("steps.\(name)"),
            "unknown step '\(name)' (steps: \(BuiltInPolicy.dataStepIDs.sorted().joined(separator: ", ")))")
        }
        profile.findingSteps[name] = .init(level: level, origin: origin("findings.steps.\(name)", line))
      }
    }
    for (name, level, line) in try object.levelTable("markers") {
      guard Marker.builtIn(named: name) != nil else {
        throw object.json.error(at: object.member("markers")!, object.field("markers.\(name)"),
          "unknown marker '\(name)' (markers: \(Marker.builtIn.map(\.name).joined(separator: ", ")); custom patterns go in recognisers)")
      }
      profile.markers[name] = .init(level: level, origin: origin("markers.\(name)", line))
    }
    for (name, level, line) in try object.levelTable("categories") {
      profile.categories[name] = .init(level: level, origin: origin("categories.\(name)", line))
    }
    for item in try object.objects("recognisers") {
      try item.allowOnly(recogniserKeys)
      let name = try item.requiredString("name")
      guard Marker.builtIn(named: name) == nil, recognisers[name] == nil else {
        throw item.error("name", "duplicate recogniser or marker name '\(name)'")
      }
      guard let level = try item.level("level") else { throw object.json.error(at: item.node, item.field("level"), "is required") }
      let recogniser = ClassificationPolicy.Recogniser(
        name: name, pattern: try item.requiredString("pattern"), caseless: try item.bool("caseless") ?? false,
        level: level, origin: .init(field: item.path, line: item.line))
      recognisers[name] = recogniser
      policy.recognisers.append(recogniser)
      profile.recognisers.insert(name)
    }
  }

  static func list(_ object: StrictObject, _ key: String) throws -> [String]? {
    if let child = object.member(key), object.document.nodes[child].kind == .string {
      return [object.document.string(child)!]
    }
    guard let values = try object.stringArray(key) else { return nil }
    guard !values.isEmpty else { throw object.error(key, "must not be an empty list") }
    return values
  }

  static func rule(_ object: StrictObject, knownMarkers: Set<String>) throws -> ClassificationPolicy.Rule {
    try object.allowOnly(ruleKeys)
    let name = try object.requiredString("name")
    guard let level = try object.level("level") else { throw object.json.error(at: object.node, object.field("level"), "is required") }
    var condition = RuleCondition()
    if let when = try object.object("when") {
      try when.allowOnly(conditionKeys)
      condition.orgs = try list(when, "org")
      condition.agents = try list(when, "agent")
      condition.trustTiers = try list(when, "trust_tier")
      condition.categories = try list(when, "categories")
      condition.findingTypes = try list(when, "finding_types")
      condition.steps = try list(when, "steps")
      condition.markers = try list(when, "markers")
      for marker in condition.markers ?? [] where !knownMarkers.contains(marker) {
        throw when.error("markers", "unknown marker or recogniser '\(marker)'")
      }
      condition.minLevel = try when.level("min_level")
      if let minimum = condition.minLevel, minimum >= level {
        throw when.error("min_level", "rule '\(name)' can never raise the level: min_level \(minimum) is not below level \(level)")
      }
    }
    return ClassificationPolicy.Rule(name: name, when: condition, level: level, origin: .init(field: object.path, line: object.line))
  }

  /// Two rules with the same name, or the same conditions, are an error:
  /// the second one is either a copy or contradicts the first.
  static func checkConflicts(_ rules: [ClassificationPolicy.Rule], _ top: StrictObject) throws {
    var names: [String: ClassificationPolicy.Rule] = [:]
    var conditions: [RuleCondition: ClassificationPolicy.Rule] = [:]
    for rule in rules {
      if let earlier = names[rule.name] {
        throw ToolError("\(top.json.source):\(rule.origin.line ?? 0): \(rule.origin.field).name: duplicate rule name '\(rule.name)' (first at \(earlier.origin))")
      }
      names[rule.name] = rule
      if let earlier = conditions[rule.when.canonical] {
        let what = earlier.level == rule.level
          ? "duplicates rule '\(earlier.name)' (\(earlier.origin))"
          : "conflicts with rule '\(earlier.name)' (\(earlier.origin)): same conditions, levels \(earlier.level) and \(rule.level)"
        throw ToolError("\(top.json.source):\(rule.origin.line ?? 0): \(rule.origin.field).when: rule '\(rule.name)' \(what)")
      }
      conditions[rule.when.canonical] = rule
    }
  }
}
