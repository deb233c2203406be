import Testing
@testable import TapPassKit

/// Routing decisions as a table: the example catalogue and routing rules,
/// one row per situation, with the model and rule expected.
@Suite struct RouteTableTests {
  struct Row: CustomStringConvertible, Sendable {
    var name: String
    var level: ClassificationLevel
    var features: RequestFeatures = Fixtures.features()
    var health: String = "{}"
    /// The expected model id, or nil for a block.
    var model: String?
    var rule: String
    var fallbackFrom: String? = nil
    var blockContains: String? = nil
    var description: String { name }
  }

  static let rows: [Row] = [
    Row(name: "public goes to the cheapest model", level: .public, model: "google/gemini-2.0-flash", rule: "default"),
    Row(name: "confidential excludes low ceilings", level: .confidential, model: "mistral/mistral-small-eu", rule: "default"),
    Row(name: "restricted stays in the EU", level: .restricted, model: "mistral/mistral-small-eu", rule: "restricted-stays-in-eu"),
    Row(name: "EU residency flag keeps public data in the EU", level: .public,
        features: Fixtures.features(flags: ["residency": "eu"]), model: "mistral/mistral-small-eu", rule: "eu-residency-flag"),
    Row(name: "top secret goes on premise", level: .topSecret, model: "ollama/llama3.1-8b", rule: "top-secret-on-premise"),
    Row(name: "top secret with the on-premise model down is blocked", level: .topSecret,
        health: #"{"providers": {"ollama": {"state": "open", "reason": "node down"}}}"#,
        model: nil, rule: "top-secret-on-premise", blockContains: "1 with an open circuit"),
    Row(name: "open circuit falls back to the next allowed model", level: .restricted,
        health: #"{"providers": {"mistral": {"state": "open"}}}"#,
        model: "azure-openai/gpt-4o-mini-eu", rule: "restricted-stays-in-eu", fallbackFrom: "mistral/mistral-small-eu"),
    Row(name: "open model circuit only skips that model", level: .public,
        health: #"{"models": {"google/gemini-2.0-flash": {"state": "open"}}}"#,
        model: "openai/gpt-4o-mini", rule: "default", fallbackFrom: "google/gemini-2.0-flash"),
    Row(name: "degraded provider is used only after healthy ones", level: .public,
        health: #"{"providers": {"google": {"state": "degraded"}}}"#,
        model: "openai/gpt-4o-mini", rule: "default", fallbackFrom: "google/gemini-2.0-flash"),
    Row(name: "degraded provider is still used when nothing else qualifies", level: .topSecret,
        health: #"{"providers": {"ollama": {"state": "half_open"}}}"#,
        model: "ollama/llama3.1-8b", rule: "top-secret-on-premise"),
    Row(name: "vision requests need a vision model", level: .restricted,
        features: Fixtures.features(capabilities: ["vision"]), model: "azure-openai/gpt-4o-eu", rule: "restricted-stays-in-eu"),
    Row(name: "complex requests go to a large model", level: .internal,
        features: Fixtures.features(tokens: 9000, tools: 6, depth: 12, codeMarkers: 6), model: "google/gemini-1.5-pro-eu",
        rule: "complex-work-large-models"),
    Row(name: "context window excludes small models", level: .restricted,
        features: Fixtures.features(tokens: 60000), model: "azure-openai/gpt-4o-mini-eu", rule: "restricted-stays-in-eu"),
    Row(name: "too long for every EU model with tools is blocked", level: .restricted,
        features: Fixtures.features(tokens: 300_000, capabilities: ["tools"]), model: nil, rule: "restricted-stays-in-eu",
        blockContains: "with too small a context window"),
  ]

  @Test(arguments: rows)
  func route(_ row: Row) throws {
    let catalogue = try Fixtures.exampleCatalogue
    let router = try Router(catalogue: catalogue, policy: Fixtures.exampleRouting, health: Fixtures.health(row.health, catalogue))
    let decision = router.route(level: row.level, features: row.features)
    #expect(decision.chosen?.id == row.model, "\(row.name): \(decision.chosen?.id ?? "blocked: \(decision.blockReason ?? "")")")
    #expect(decision.rule == row.rule)
    #expect(decision.fallback?.from == row.fallbackFrom)
    if let fragment = row.blockContains {
      #expect(decision.blockReason?.contains(fragment) == true, "\(decision.blockReason ?? "nil")")
    }
    // Every model is accounted for: chosen, or rejected with a reason.
    #expect(decision.rejected.count + (decision.chosen == nil ? 0 : 1) == catalogue.models.count)
    if let chosen = decision.chosen { #expect(chosen.maxClassification >= row.level) }
  }

  @Test func noModelForTheLevelIsBlockedWithAClearReason() throws {
    let catalogue = try Fixtures.catalogue(#"{"models": [\#(Fixtures.model("a", provider: "p", residency: "us", ceiling: "CONFIDENTIAL", input: 1, output: 1))]}"#)
    let decision = try Router(catalogue: catalogue).route(level: .topSecret, features: Fixtures.features())
    #expect(decision.isBlocked)
    #expect(decision.blockReason == "no model in the catalogue may receive TOP_SECRET data (highest ceiling: CONFIDENTIAL)")
    let json = String(decoding: decision.json, as: UTF8.self)
    #expect(json.hasPrefix(#"{"action":"block","reason":"no model in the catalogue may receive TOP_SECRET"#))
  }

  @Test func blockingRuleBlocksWithItsReason() throws {
    let catalogue = try Fixtures.exampleCatalogue
    let routing = try Fixtures.routing(#"{"rules": [{"name": "no-observers", "when": {"agent": "obs-*"}, "block": "observer agents may not call models"}]}"#)
    var features = Fixtures.features()
    features.context.agent = "obs-1"
    let decision = try Router(catalogue: catalogue, policy: routing).route(level: .public, features: features)
    #expect(decision.blockReason == "observer agents may not call models")
    #expect(decision.rule == "no-observers")
  }

  @Test func qualityPreferenceTakesTheLargestTier() throws {
    let catalogue = try Fixtures.exampleCatalogue
    let routing = try Fixtures.routing(#"{"prefer": "quality"}"#)
    let decision = try Router(catalogue: catalogue, policy: routing).route(level: .public, features: Fixtures.features())
    #expect(decision.chosen?.tier == .large)
    #expect(decision.chosen?.id == "google/gemini-1.5-pro-eu")
  }

  @Test func costEstimateUsesMaxTokensOrTheDefault() throws {
    let catalogue = try Fixtures.catalogue(#"{"models": [\#(Fixtures.model("a", provider: "p", residency: "us", ceiling: "TOP_SECRET", input: 2, output: 10))]}"#)
    let router = try Router(catalogue: catalogue)
    var features = Fixtures.features(tokens: 1000)
    let withDefault: Double = (1000.0 * 2 + 500.0 * 10) / 1_000_000
    #expect(router.route(level: .public, features: features).estimatedCost == withDefault)
    features.maxOutputTokens = 100
    let withMaxTokens: Double = (1000.0 * 2 + 100.0 * 10) / 1_000_000
    #expect(router.route(level: .public, features: features).estimatedCost == withMaxTokens)
  }

  @Test func featuresAreReadFromTheRecord() throws {
    let reader = try FeatureReader(cacheDirectory: nil)
    let document = try Fixtures.document("""
      {"flags":{"residency":"eu","strict":true},"max_tokens":256,"response_format":{"type":"json_object"},
       "tools":[{"type":"function","function":{"name":"a","description":"d"}},{"type":"function","function":{"name":"b"}}],
       "messages":[{"role":"user","content":[{"type":"text","text":"```python\\ndef f(x):\\n  return x\\n```"},{"type":"image_url","image_url":{"url":"data:"}}]},
                   {"role":"assistant","content":"ok"}]}
      """)
    let features = reader.features(of: document)
    #expect(features.capabilities == ["tools", "vision", "json_mode"])
    #expect(features.flags == ["residency": "eu", "strict": "true"])
    #expect(features.maxOutputTokens == 256)
    #expect(features.complexity.tools == 2 && features.complexity.depth == 2)
    #expect(features.complexity.codeMarkers >= 2)
    #expect(features.complexity.tokens > 0)
  }

  @Test func routeExplanationSaysFallbackAndBlock() throws {
    let catalogue = try Fixtures.exampleCatalogue
    let router = try Router(catalogue: catalogue, policy: Fixtures.exampleRouting,
      health: Fixtures.health(#"{"providers": {"mistral": {"state": "open", "reason": "503s"}}}"#, catalogue))
    let text = RouteExplanation.text(router.route(level: .restricted, features: Fixtures.features()))
    #expect(text.contains("route → azure-openai/gpt-4o-mini-eu"))
    #expect(text.contains("FALLBACK: first choice mistral/mistral-small-eu skipped, mistral circuit open: 503s"))
    #expect(text.contains("openai/gpt-4o: ceiling CONFIDENTIAL is below the record's RESTRICTED"))
  }
}
