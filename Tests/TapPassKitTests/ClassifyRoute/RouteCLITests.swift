import Foundation
import Testing
@testable import TapPassKit

/// The executables' exit-status contract on bad input: errors name the file
/// and field and exit 2; usage errors exit 64; blocked records exit 1.
@Suite struct RouteCLITests {
  static let catalogue = Fixtures.examples + "/catalogue.json"
  static let policy = Fixtures.examples + "/policy.json"

  @Test func badCatalogueExitsTwoNamingFileAndField() throws {
    let bad = try Fixtures.temporary("dup.json", """
      {"models": [
      \(Fixtures.model("a", provider: "p", residency: "eu", ceiling: "PUBLIC", input: 1, output: 1)),
      \(Fixtures.model("a", provider: "p", residency: "eu", ceiling: "PUBLIC", input: 1, output: 1))]}
      """)
    guard let result = try Fixtures.run("tp-route", ["--catalogue", bad], stdin: #"{"text":"x"}"#) else { return }
    #expect(result.status == 2)
    #expect(result.stderr.contains("tp-route: error: \(bad):3: models[1].id: duplicate model 'a'"), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func badPolicyExitsTwo() throws {
    let bad = try Fixtures.temporary("cycle.json", #"{"orgs": {"a": {"extends": "b"}, "b": {"extends": "a"}}}"#)
    guard let check = try Fixtures.run("tp-classify", ["policy", "check", bad]) else { return }
    #expect(check.status == 2)
    #expect(check.stderr.contains("\(bad):1: orgs.") && check.stderr.contains("cycle"), "\(check.stderr)")
    guard let run = try Fixtures.run("tp-classify", ["--policy", bad], stdin: #"{"text":"x"}"#) else { return }
    #expect(run.status == 2)
  }

  @Test func residencyRuleWithoutEUModelExitsTwo() throws {
    let usOnly = try Fixtures.temporary("us.json", #"{"models": [\#(Fixtures.model("u", provider: "p", residency: "us", ceiling: "TOP_SECRET", input: 1, output: 1))]}"#)
    guard let result = try Fixtures.run("tp-route", ["--catalogue", usOnly, "--policy", Self.policy], stdin: "") else { return }
    #expect(result.status == 2)
    #expect(result.stderr.contains("routing.rules[0].require.residency") && result.stderr.contains("has no such model"), "\(result.stderr)")
  }

  @Test func usageErrorsExitSixtyFour() throws {
    guard let result = try Fixtures.run("tp-route", ["--no-such-flag"]) else { return }
    #expect(result.status == 64)
    guard let missing = try Fixtures.run("tp-route", []) else { return }
    #expect(missing.status == 64, "--catalogue is required")
  }

  @Test func blockedRecordExitsOneAndBadLineTwo() throws {
    let input = #"{"text":"TOP SECRET"}"# + "\n"
    let health = Fixtures.examples + "/health.json"
    guard let blocked = try Fixtures.run("tp-route", ["--catalogue", Self.catalogue, "--policy", Self.policy, "--health", health], stdin: input) else { return }
    #expect(blocked.status == 1)
    #expect(blocked.stdout.contains(#""route":{"action":"block","reason":"no allowed model under rule 'top-secret-on-premise'"#), "\(blocked.stdout)")
    guard let broken = try Fixtures.run("tp-classify", [], stdin: "{not json\n" + #"{"text":"hi"}"# + "\n") else { return }
    #expect(broken.status == 2)
    let lines = broken.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.contains(#""error":{"line":1"#) == true)
    #expect(lines.last?.contains(#""classification":{"level":"PUBLIC""#) == true)
  }

  @Test func helpHasAbstractAndDiscussion() throws {
    guard let classify = try Fixtures.run("tp-classify", ["records", "--help"]) else { return }
    #expect(classify.status == 0)
    #expect(classify.stdout.contains("Exit status:") && classify.stdout.contains("--policy"))
    guard let route = try Fixtures.run("tp-route", ["--help"]) else { return }
    #expect(route.stdout.contains("Choose the provider and model"))
  }
}
