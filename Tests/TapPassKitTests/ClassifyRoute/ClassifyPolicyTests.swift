import Testing
@testable import TapPassKit

/// The strict policy loader: every bad policy is an error that names the
/// file, the line and the field.
@Suite struct ClassifyPolicyTests {
  @Test func examplePolicyLoads() throws {
    let policy = try Fixtures.examplePolicy
    #expect(policy.orgs.keys.sorted() == ["acme", "acme-health", "public-site"])
    #expect(policy.rules.count == 3)
    #expect(policy.digest.hasPrefix("sha256:") && policy.digest.count == 71)
    // acme-health extends acme: inherits its default, adds its own step level.
    let health = policy.profile(for: "acme-health")
    #expect(health.defaultLevel.level == .internal)
    #expect(health.findingSteps["detect_pii"]?.level == .restricted)
    #expect(health.recognisers == ["acme_project_code", "acme_member_id"])
    #expect(policy.profile(for: "acme").recognisers == ["acme_project_code"])
    #expect(policy.profile(for: "unknown-org").defaultLevel.level == .internal)
  }

  typealias Bad = BadInput

  static let bad: [Bad] = [
    Bad(name: "unknown top-level key", input: "{\n  \"version\": 1,\n  \"defualt_level\": \"PUBLIC\"\n}",
        expect: ["test-policy.json:3:", "defualt_level", "unknown key", "default_level"]),
    Bad(name: "unknown key in a rule", input: #"{"rules": [{"name": "a", "level": "INTERNAL", "wehn": {}}]}"#,
        expect: ["test-policy.json:1:", "rules[0].wehn", "unknown key 'wehn'"]),
    Bad(name: "unknown level", input: "{\n\"findings\": {\"types\": {\n\"email\": \"SECRET\"}}}",
        expect: ["test-policy.json:3:", "findings.types.email", "unknown level 'SECRET'", "TOP_SECRET"]),
    Bad(name: "lower-case level", input: #"{"default_level": "internal"}"#,
        expect: ["default_level", "unknown level 'internal'"]),
    Bad(name: "extends cycle", input: """
      {"orgs": {
        "a": {"extends": "b"},
        "b": {"extends": "c"},
        "c": {"extends": "a"}
      }}
      """, expect: ["test-policy.json:", "orgs.", ".extends", "cycle"]),
    Bad(name: "extends itself", input: #"{"orgs": {"a": {"extends": "a"}}}"#, expect: ["orgs.a.extends", "cycle"]),
    Bad(name: "extends unknown org", input: #"{"orgs": {"a": {"extends": "zz"}}}"#, expect: ["orgs.a.extends", "unknown org 'zz'"]),
    Bad(name: "conflicting rules", input: """
      {"rules": [
        {"name": "one", "when": {"agent": ["x", "y"]}, "level": "CONFIDENTIAL"},
        {"name": "two", "when": {"agent": ["y", "x"]}, "level": "RESTRICTED"}
      ]}
      """, expect: ["test-policy.json:3:", "rules[1].when", "conflicts with rule 'one'", "CONFIDENTIAL and RESTRICTED"]),
    Bad(name: "duplicate rule name", input: """
      {"rules": [{"name": "one", "when": {"org": "a"}, "level": "INTERNAL"},
                 {"name": "one", "when": {"org": "b"}, "level": "INTERNAL"}]}
      """, expect: ["rules[1].name", "duplicate rule name 'one'"]),
    Bad(name: "rule that cannot raise", input: #"{"rules": [{"name": "r", "when": {"min_level": "RESTRICTED"}, "level": "INTERNAL"}]}"#,
        expect: ["rules[0].when.min_level", "can never raise"]),
    Bad(name: "unknown marker in rule", input: #"{"rules": [{"name": "r", "when": {"markers": "confidentail"}, "level": "RESTRICTED"}]}"#,
        expect: ["rules[0].when.markers", "unknown marker or recogniser 'confidentail'"]),
    Bad(name: "unknown marker in table", input: #"{"markers": {"secret": "RESTRICTED"}}"#,
        expect: ["markers.secret", "unknown marker"]),
    Bad(name: "unknown step", input: #"{"findings": {"steps": {"detect_pi": "RESTRICTED"}}}"#,
        expect: ["findings.steps.detect_pi", "unknown step"]),
    Bad(name: "recogniser without level", input: #"{"recognisers": [{"name": "x", "pattern": "a+"}]}"#,
        expect: ["recognisers[0].level", "is required"]),
    Bad(name: "recogniser named like a marker", input: #"{"recognisers": [{"name": "confidential", "pattern": "a+", "level": "INTERNAL"}]}"#,
        expect: ["recognisers[0].name", "duplicate recogniser or marker name"]),
    Bad(name: "duplicate key", input: "{\"name\": \"a\",\n\"name\": \"b\"}", expect: ["test-policy.json:2:", "duplicate key"]),
    Bad(name: "not JSON", input: "{\"name\": }", expect: ["test-policy.json:1:", "not valid JSON"]),
    Bad(name: "wrong version", input: #"{"version": 2}"#, expect: ["version", "unsupported version 2"]),
    Bad(name: "unknown routing key", input: "{\"routing\": {\n\"rulez\": []}}", expect: ["test-policy.json:2:", "routing.rulez", "unknown key"]),
  ]

  @Test(arguments: bad)
  func badPolicyIsAnErrorNamingTheField(_ case_: Bad) {
    let message = Fixtures.errorMessage {
      let json = try StrictJSON(bytes: Array(case_.input.utf8), source: "test-policy.json")
      _ = try PolicyLoader.parse(json)
      _ = try RoutingPolicyLoader.section(of: json)
    }
    #expect(message != nil, "\(case_.name): accepted")
    for fragment in case_.expect {
      #expect(message?.contains(fragment) == true, "\(case_.name): '\(fragment)' not in: \(message ?? "nil")")
    }
  }

  @Test func recogniserThatDoesNotCompileNamesItsField() throws {
    let policy = try Fixtures.policy("{\n\"recognisers\": [\n{\"name\": \"bad\", \"pattern\": \"(unclosed\", \"level\": \"INTERNAL\"}]}")
    let message = Fixtures.errorMessage { _ = try Classifier(policy: policy, cacheDirectory: nil) }
    #expect(message?.contains("test-policy.json:3: recognisers[0].pattern: cannot compile 'bad'") == true, "\(message ?? "nil")")
  }

  @Test func digestChangesWithTheFile() throws {
    let a = try Fixtures.policy(#"{"name": "a"}"#)
    let b = try Fixtures.policy(#"{"name": "b"}"#)
    #expect(a.digest != b.digest)
    #expect(a.digest == (try Fixtures.policy(#"{"name": "a"}"#)).digest)
  }
}
