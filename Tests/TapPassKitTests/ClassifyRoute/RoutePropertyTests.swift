import Testing
@testable import TapPassKit

/// Property: whatever the record, catalogue, rules and health, a chosen
/// model's classification ceiling is never below the record's level, an
/// open circuit is never chosen, and a block always carries a reason.
/// Seeded, so a failure reproduces; the seed is in the message.
@Suite struct RoutePropertyTests {
  typealias Random = SeededGenerator

  static let levels = ClassificationLevel.allCases.map(\.name)
  static let texts = [
    "hello there", "CONFIDENTIAL draft", "TOP SECRET plan", "Classification: Restricted\nbody", "internal only",
    "```python\ndef f(x):\n  return x\n```", "TLP:GREEN list", "see PRJ-123456", "SECRET//REL memo", "plain words",
  ]

  static func catalogue(_ random: inout Random) throws -> Catalogue {
    var models: [String] = []
    let providers = ["p1", "p2", "p3", "p4"]
    for index in 0..<random.int(1...8) {
      var caps: [String] = []
      for capability in Catalogue.capabilities where random.chance(0.5) { caps.append(capability) }
      models.append(Fixtures.model(
        "m\(index)", provider: random.pick(providers), residency: random.pick(["eu", "us", "on_premise", "global"]),
        ceiling: random.pick(levels), input: Double(random.int(0...500)) / 100, output: Double(random.int(0...2000)) / 100,
        window: random.pick([4000, 32000, 128000, 1_000_000]), capabilities: caps, tier: random.pick(["small", "medium", "large"])))
    }
    return try Fixtures.catalogue(#"{"models": [\#(models.joined(separator: ","))]}"#)
  }

  static func routing(_ random: inout Random, _ catalogue: Catalogue) throws -> RoutingPolicy {
    var rules: [String] = []
    let residencies = Set(catalogue.models.map(\.residency)).sorted()
    if random.chance(0.6) {
      rules.append(#"{"name": "r0", "when": {"min_level": "RESTRICTED"}, "require": {"residency": "\#(random.pick(residencies))"}}"#)
    }
    if random.chance(0.4) { rules.append(#"{"name": "r1", "when": {"min_complexity": 0.3}, "require": {"min_tier": "large"}}"#) }
    if random.chance(0.3) { rules.append(#"{"name": "r2", "when": {"level": "PUBLIC"}, "prefer": "quality"}"#) }
    return try Fixtures.routing(#"{"rules": [\#(rules.joined(separator: ","))]}"#)
  }

  static func record(_ random: inout Random) -> (String, [FindingFact]) {
    var messages: [String] = []
    for turn in 0..<random.int(1...5) {
      let text = String(decoding: JSONString.quoted(random.pick(texts)), as: UTF8.self)
      messages.append(#"{"role":"\#(turn % 2 == 0 ? "user" : "assistant")","content":\#(text)}"#)
    }
    var extra = ""
    if random.chance(0.3) { extra += #","tools":[{"type":"function","function":{"name":"t","description":"d"}}]"# }
    if random.chance(0.2) { extra += #","data_categories":["\#(random.pick(["health", "financial", "public", "hr"]))"]"# }
    var findings: [FindingFact] = []
    for _ in 0..<random.int(0...3) {
      findings.append(FindingFact(step: random.pick(["detect_pii", "detect_secrets", "detect_infra", "detect_unicode"]),
        type: random.pick(["email", "credit_card", "api_key", "ip_address", "person", "homoglyph"]), path: "messages[0].content"))
    }
    return (#"{"org_id":"\#(random.pick(["acme", "acme-health", "public-site", "x"]))","messages":[\#(messages.joined(separator: ","))]\#(extra)}"#, findings)
  }

  @Test func chosenCeilingIsNeverBelowTheRecordLevel() throws {
    let classifier = try Classifier(policy: Fixtures.examplePolicy, cacheDirectory: nil)
    let reader = try FeatureReader(cacheDirectory: nil)
    var blocked = 0, routed = 0
    for seed in UInt64(1)...300 {
      var random = Random(state: seed)
      let catalogue = try Self.catalogue(&random)
      var health = ProviderHealth()
      for provider in catalogue.providers.sorted() where random.chance(0.3) {
        health.providers[provider] = .init(state: random.pick(ProviderHealth.State.allCases))
      }
      let router = try Router(catalogue: catalogue, policy: Self.routing(&random, catalogue), health: health)
      let (json, findings) = Self.record(&random)
      let document = try Fixtures.document(json)
      let level = classifier.classify(document, findings: findings).level
      let decision = router.route(level: level, features: reader.features(of: document))
      #expect(decision.level == level)
      if let chosen = decision.chosen {
        routed += 1
        #expect(chosen.maxClassification >= level, "seed \(seed): \(chosen.id) ceiling \(chosen.maxClassification) < \(level)")
        #expect(health.status(of: chosen).state != .open, "seed \(seed): open circuit chosen")
        #expect(decision.rejected.allSatisfy { $0.id != chosen.id })
      } else {
        blocked += 1
        #expect(decision.blockReason?.isEmpty == false, "seed \(seed): block without reason")
        // A block is never wrong about the ceiling: if it says no model
        // may receive the level, none may.
        if decision.blockReason?.hasPrefix("no model in the catalogue") == true {
          #expect(catalogue.models.allSatisfy { $0.maxClassification < level }, "seed \(seed)")
        }
      }
      #expect(decision.rejected.count + (decision.chosen == nil ? 0 : 1) == catalogue.models.count, "seed \(seed)")
    }
    // The generator must exercise both outcomes, or the property is vacuous.
    #expect(routed > 50 && blocked > 10, "routed \(routed), blocked \(blocked)")
  }
}
