import Foundation
import Testing
@testable import TapPassKit

/// Bad catalogues, routing rules and health files: clear errors naming the
/// file, line and field.
@Suite struct RouteCatalogueTests {
  static let good = Fixtures.model("eu-1", provider: "mistral", residency: "eu", ceiling: "RESTRICTED", input: 1, output: 2)
  static let us = Fixtures.model("us-1", provider: "openai", residency: "us", ceiling: "CONFIDENTIAL", input: 1, output: 2)

  typealias Bad = BadInput

  static let bad: [Bad] = [
    Bad(name: "duplicate model", input: "{\"models\": [\n\(good),\n\(good)]}",
        expect: ["test-catalogue.json:3:", "models[1].id", "duplicate model 'eu-1' (first defined at line 2)"]),
    Bad(name: "negative price", input: #"{"models": [\#(Fixtures.model("m", provider: "p", residency: "eu", ceiling: "PUBLIC", input: -0.5, output: 1))]}"#,
        expect: ["models[0].price.input_per_mtok", "negative price -0.5"]),
    Bad(name: "unknown level", input: #"{"models": [\#(good.replacingOccurrences(of: "RESTRICTED", with: "SECRET"))]}"#,
        expect: ["models[0].max_classification", "unknown level 'SECRET'"]),
    Bad(name: "unknown residency", input: #"{"models": [\#(good.replacingOccurrences(of: "\"eu\"", with: "\"europe\""))]}"#,
        expect: ["models[0].residency", "unknown residency 'europe'"]),
    Bad(name: "unknown capability", input: #"{"models": [\#(good.replacingOccurrences(of: "\"tools\"", with: "\"toolz\""))]}"#,
        expect: ["models[0].capabilities", "unknown capability 'toolz'"]),
    Bad(name: "unknown key", input: #"{"models": [\#(good.replacingOccurrences(of: "\"tier\"", with: "\"size\""))]}"#,
        expect: ["models[0].size", "unknown key 'size'"]),
    Bad(name: "zero context window", input: #"{"models": [\#(good.replacingOccurrences(of: "128000", with: "0"))]}"#,
        expect: ["models[0].context_window", "positive whole number"]),
    Bad(name: "missing price", input: #"{"models": [{"id":"x","provider":"p","model":"m","region":"r","residency":"eu","max_classification":"PUBLIC","context_window":1}]}"#,
        expect: ["models[0].price", "is required"]),
    Bad(name: "empty catalogue", input: #"{"models": []}"#, expect: ["models", "no model"]),
  ]

  @Test(arguments: bad)
  func badCatalogue(_ case_: Bad) {
    let message = Fixtures.errorMessage { _ = try Fixtures.catalogue(case_.input) }
    #expect(message != nil, "\(case_.name) accepted")
    for fragment in case_.expect {
      #expect(message?.contains(fragment) == true, "\(case_.name): '\(fragment)' not in \(message ?? "nil")")
    }
  }

  @Test func residencyRuleWithNoEUModel() throws {
    let catalogue = try Fixtures.catalogue(#"{"models": [\#(Self.us)]}"#)
    let routing = try Fixtures.routing("{\"rules\": [\n{\"name\": \"eu\", \"when\": {\"level\": \"RESTRICTED\"}, \"require\": {\"residency\": [\"eu\"]}}]}")
    let message = Fixtures.errorMessage { _ = try Router(catalogue: catalogue, policy: routing) }
    #expect(message == "test-routing.json:2: rules[0].require.residency: rule 'eu' requires residency eu but test-catalogue.json has no such model")
  }

  @Test func ruleNamingUnknownModelOrProvider() throws {
    let catalogue = try Fixtures.catalogue(#"{"models": [\#(Self.good)]}"#)
    let model = try Fixtures.routing(#"{"rules": [{"name": "m", "when": {"level": "PUBLIC"}, "require": {"models": ["gpt-9"]}}]}"#)
    #expect(Fixtures.errorMessage { _ = try Router(catalogue: catalogue, policy: model) }?.contains("names model 'gpt-9'") == true)
    let provider = try Fixtures.routing(#"{"rules": [{"name": "p", "when": {"level": "PUBLIC"}, "avoid": {"providers": "opnai"}}]}"#)
    #expect(Fixtures.errorMessage { _ = try Router(catalogue: catalogue, policy: provider) }?.contains("names provider 'opnai'") == true)
  }

  static let badRouting: [Bad] = [
    Bad(name: "unreachable after catch-all", input: """
      {"rules": [{"name": "all", "require": {"residency": "eu"}},
      {"name": "later", "when": {"level": "PUBLIC"}}]}
      """, expect: ["test-routing.json:2:", "rules[1]", "can never apply", "rule 'all'"]),
    Bad(name: "same conditions", input: #"{"rules": [{"name": "a", "when": {"level": ["PUBLIC","INTERNAL"]}}, {"name": "b", "when": {"level": ["INTERNAL","PUBLIC"]}}]}"#,
        expect: ["rules[1].when", "conflicts with rule 'a'"]),
    Bad(name: "empty level range", input: #"{"rules": [{"name": "a", "when": {"min_level": "RESTRICTED", "max_level": "INTERNAL"}}]}"#,
        expect: ["rules[0].when.max_level", "can never match"]),
    Bad(name: "unknown level", input: #"{"rules": [{"name": "a", "when": {"level": "SECRET"}}]}"#, expect: ["rules[0].when.level", "unknown level"]),
    Bad(name: "complexity out of range", input: #"{"rules": [{"name": "a", "when": {"min_complexity": 2}}]}"#, expect: ["min_complexity", "between 0 and 1"]),
    Bad(name: "block with require", input: #"{"rules": [{"name": "a", "block": "no", "require": {"min_tier": "large"}}]}"#, expect: ["rules[0].block", "cannot also"]),
    Bad(name: "unknown preference", input: #"{"prefer": "speed"}"#, expect: ["prefer", "unknown preference 'speed'"]),
  ]

  @Test(arguments: badRouting)
  func badRoutingRules(_ case_: Bad) {
    let message = Fixtures.errorMessage { _ = try Fixtures.routing(case_.input) }
    for fragment in case_.expect {
      #expect(message?.contains(fragment) == true, "\(case_.name): '\(fragment)' not in \(message ?? "nil")")
    }
  }

  @Test func healthNamesMustExist() throws {
    let catalogue = try Fixtures.catalogue(#"{"models": [\#(Self.good)]}"#)
    #expect(Fixtures.errorMessage { _ = try Fixtures.health(#"{"providers": {"mistrall": {"state": "open"}}}"#, catalogue) }?
      .contains("providers.mistrall: unknown provider 'mistrall'") == true)
    #expect(Fixtures.errorMessage { _ = try Fixtures.health(#"{"providers": {"mistral": {"state": "broken"}}}"#, catalogue) }?
      .contains("unknown state 'broken'") == true)
    let health = try Fixtures.health(#"{"providers": {"mistral": {"state": "closed"}}, "models": {"eu-1": {"state": "degraded", "reason": "slow"}}}"#, catalogue)
    #expect(health.status(of: catalogue.models[0]) == .init(state: .degraded, reason: "slow"))
  }

  @Test func exampleFilesAreValid() throws {
    let catalogue = try Fixtures.exampleCatalogue
    #expect(Set(catalogue.providers) == ["openai", "azure-openai", "anthropic", "google", "mistral", "aws-bedrock", "ollama"])
    #expect(catalogue.models.contains { $0.provider == "azure-openai" && $0.residency == "eu" })
    #expect(catalogue.models.contains { $0.provider == "azure-openai" && $0.residency == "us" })
    _ = try Router(catalogue: catalogue, policy: Fixtures.exampleRouting,
      health: ProviderHealth.load(path: Fixtures.examples + "/health.json", catalogue: catalogue))
  }
}
