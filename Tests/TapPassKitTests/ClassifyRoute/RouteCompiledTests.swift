import Testing
@testable import TapPassKit

/// The compiled routing of tp-route against the public API: the route
/// section written from the compiled catalogue equals `RouteDecision.write`
/// of the same decision, and the request read in place equals the
/// `RequestFeatures` read from the record, over random catalogues, rules,
/// health and records. Seeded, so a failure reproduces.
@Suite struct RouteCompiledTests {
  typealias Random = RoutePropertyTests.Random

  static func routing(_ random: inout Random, _ catalogue: Catalogue) throws -> RoutingPolicy {
    var rules: [String] = []
    let residencies = Set(catalogue.models.map(\.residency)).sorted()
    let providers = catalogue.providers.sorted()
    if random.chance(0.3) { rules.append(#"{"name": "obs", "when": {"agent": "obs-*"}, "block": "observers may not call models"}"#) }
    if random.chance(0.4) {
      rules.append(#"{"name": "eu", "when": {"flags": {"residency": "eu"}}, "require": {"residency": "\#(random.pick(residencies))", "capabilities": ["code"]}}"#)
    }
    if random.chance(0.4) {
      rules.append(#"{"name": "org", "when": {"org": ["acme", "x"], "capabilities": ["tools"], "max_complexity": 0.5}, "require": {"providers": ["\#(random.pick(providers))"]}, "prefer": "quality"}"#)
    }
    if random.chance(0.5) {
      rules.append(#"{"name": "r0", "when": {"min_level": "RESTRICTED"}, "require": {"residency": "\#(random.pick(residencies))"}}"#)
    }
    if random.chance(0.4) { rules.append(#"{"name": "r1", "when": {"min_complexity": 0.3}, "require": {"min_tier": "large"}, "avoid": {"providers": ["\#(random.pick(providers))"]}}"#) }
    if random.chance(0.3), catalogue.models.count > 1 {
      rules.append(#"{"name": "r2", "when": {"level": ["PUBLIC", "INTERNAL"]}, "require": {"models": ["m0", "m1"]}, "avoid": {"models": ["m1"]}}"#)
    }
    let prefer = random.chance(0.3) ? #""prefer": "quality", "#: ""
    return try Fixtures.routing(#"{\#(prefer)"rules": [\#(rules.joined(separator: ","))]}"#)
  }

  static func record(_ random: inout Random) -> String {
    var members: [String] = []
    if random.chance(0.5) { members.append(#""org_id":"\#(random.pick(["acme", "x", "y"]))""#) }
    if random.chance(0.5) { members.append(#""agent_id":"\#(random.pick(["obs-1", "hr-bot"]))""#) }
    if random.chance(0.4) { members.append(#""flags":{"residency":"\#(random.pick(["eu", "us"]))","strict":true,"residency":\#(random.pick(["\"eu\"", "1"]))}"#) }
    if random.chance(0.3) { members.append(#""\#(random.pick(["max_tokens", "max_output_tokens"]))":\#(random.pick(["64", "100000", "-1", "2.5", "1e12"]))"#) }
    if random.chance(0.2) { members.append(#""response_format":{"type":"\#(random.pick(["json_object", "text"]))"}"#) }
    if random.chance(0.3) { members.append(#""tools":[{"type":"function","function":{"name":"t","description":"d"}}]"#) }
    var messages: [String] = []
    for _ in 0..<random.int(1...14) {
      let text = String(repeating: random.pick(RoutePropertyTests.texts), count: random.int(1...400))
      let content = random.chance(0.2)
        ? #"[{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":\#(String(decoding: JSONString.quoted(text), as: UTF8.self))}]"#
        : String(decoding: JSONString.quoted(text), as: UTF8.self)
      messages.append(#"{"role":"user","content":\#(content)}"#)
    }
    members.append(#""messages":[\#(messages.joined(separator: ","))]"#)
    return "{" + members.joined(separator: ",") + "}"
  }

  @Test func compiledSectionEqualsRouteDecisionWrite() throws {
    let reader = try FeatureReader(cacheDirectory: nil)
    var blocked = 0, fallbacks = 0
    for seed in UInt64(1)...600 {
      var random = Random(state: seed)
      let catalogue = try RoutePropertyTests.catalogue(&random)
      var health = ProviderHealth()
      for provider in catalogue.providers.sorted() where random.chance(0.4) {
        health.providers[provider] = .init(state: random.pick(ProviderHealth.State.allCases), reason: random.chance(0.5) ? "why \"not\"" : nil)
      }
      let router = try Router(catalogue: catalogue, policy: Self.routing(&random, catalogue), health: health)
      let document = try Fixtures.document(Self.record(&random))
      let level = random.pick([ClassificationLevel.public, .public, .internal, .internal, .confidential, .restricted, .topSecret])
      let features = reader.features(of: document)
      let decision = router.route(level: level, features: features)
      var store = TextStore()
      let request = reader.request(of: document, level: level, flagKeys: router.compiled.flagKeys, store: &store)
      #expect(request.complexity == features.complexity && request.maxOutputTokens == features.maxOutputTokens, "seed \(seed)")
      let compact = store.withTexts(document.bytes) { router.compiled.decide(request, $0) }
      let json = ByteWriter.write { router.compiled.write(compact, to: &$0) }
      #expect(String(decoding: json, as: UTF8.self) == String(decoding: decision.json, as: UTF8.self), "seed \(seed)")
      if decision.isBlocked { blocked += 1 }
      if decision.fallback != nil { fallbacks += 1 }
    }
    #expect(blocked > 20 && blocked < 550 && fallbacks > 10, "blocked \(blocked), fallbacks \(fallbacks)")
  }

  /// A capability outside the catalogue's names (possible only through the
  /// public API) is lacked by every model, in name order with the others.
  @Test func unknownCapabilityIsLackedByEveryModel() throws {
    let router = try Router(catalogue: Fixtures.exampleCatalogue, policy: Fixtures.exampleRouting)
    let decision = router.route(level: .public, features: Fixtures.features(capabilities: ["audio", "vision"]))
    #expect(decision.isBlocked)
    #expect(decision.rejected.allSatisfy { $0.reason == .capability("audio") })
    let sorted = router.route(level: .public, features: Fixtures.features(capabilities: ["zzz", "vision"]))
    #expect(sorted.rejected.contains { $0.reason == .capability("vision") })
  }
}
