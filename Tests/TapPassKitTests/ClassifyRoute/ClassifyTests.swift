import Testing
@testable import TapPassKit

/// Classification: findings, markings, categories, org profiles, rules.
@Suite struct ClassifyTests {
  static let classifier: Classifier = try! Classifier(policy: Fixtures.examplePolicy, cacheDirectory: nil)
  static let builtIn: Classifier = try! Classifier(policy: PolicyLoader.builtIn, cacheDirectory: nil)

  static func classify(_ json: String, findings: [FindingFact] = [], with classifier: Classifier = builtIn) throws -> Classification {
    classifier.classify(try Fixtures.document(json), findings: findings)
  }

  struct MarkingCase: CustomStringConvertible, Sendable {
    var text: String
    var level: ClassificationLevel
    var marker: String?
    var description: String { text }
  }

  /// Markings in text, built-in policy (default PUBLIC).
  static let markings: [MarkingCase] = [
    .init(text: "What is the capital of France?", level: .public, marker: nil),
    .init(text: "This memo is CONFIDENTIAL.", level: .confidential, marker: "confidential"),
    .init(text: "please keep this confidential", level: .confidential, marker: "confidential"),
    .init(text: "Internal use only: roadmap", level: .internal, marker: "internal_only"),
    .init(text: "FOR INTERNAL USE. Q3 plan", level: .internal, marker: "internal_only"),
    .init(text: "TOP SECRET//SI//NOFORN summary", level: .topSecret, marker: "top_secret"),
    .init(text: "top-secret project", level: .topSecret, marker: "top_secret"),
    .init(text: "SECRET//NOFORN cable", level: .restricted, marker: "secret_banner"),
    .init(text: "RESTRICTED\nDistribution list A", level: .restricted, marker: "restricted_banner"),
    .init(text: "access is restricted to admins", level: .public, marker: nil),
    .init(text: "Strictly Confidential - board pack", level: .restricted, marker: "strictly_confidential"),
    .init(text: "TLP:AMBER indicators follow", level: .confidential, marker: "tlp_amber"),
    .init(text: "TLP:RED", level: .restricted, marker: "tlp_red"),
    .init(text: "Classification: Internal\nHello", level: .internal, marker: "classification_header"),
    .init(text: "Intro\n# Sensitivity: Top Secret\nbody", level: .topSecret, marker: "classification_header"),
    .init(text: "Data classification: public\nanything", level: .public, marker: "classification_header"),
    .init(text: "Security level: restricted", level: .restricted, marker: "classification_header"),
    .init(text: "Do not forward this thread", level: .confidential, marker: "do_not_distribute"),
    .init(text: "Protected by attorney-client privilege", level: .restricted, marker: "privileged"),
    .init(text: "unconfidentially speaking", level: .public, marker: nil),
  ]

  @Test(arguments: markings)
  func markingsSetTheLevel(_ case_: MarkingCase) throws {
    let json = #"{"messages":[{"role":"user","content":\#(String(decoding: JSONString.quoted(case_.text), as: UTF8.self))}]}"#
    let result = try Self.classify(json)
    #expect(result.level == case_.level)
    if let marker = case_.marker {
      let reason = result.reasons.first { $0.name == marker }
      #expect(reason?.kind == .marker)
      #expect(reason?.path == "messages[0].content")
    } else {
      #expect(!result.reasons.contains { $0.kind == .marker })
    }
  }

  @Test func markerOffsetsPointAtTheWords() throws {
    let result = try Self.classify(#"{"text":"Hello.\nThis is CONFIDENTIAL."}"#)
    let reason = try #require(result.reasons.first { $0.name == "confidential" })
    #expect(reason.start == 15 && reason.end == 27)
    // Escaped JSON strings are decoded before matching: offsets are in
    // the decoded text.
    let escaped = try Self.classify(#"{"text":"\u0043ONFIDENTIAL\nx"}"#)
    #expect(escaped.level == .confidential)
  }

  @Test func containedMarkerIsNotReportedTwice() throws {
    let result = try Self.classify(#"{"text":"strictly confidential"}"#)
    #expect(result.reasons.filter { $0.kind == .marker }.map(\.name) == ["strictly_confidential"])
  }

  @Test func findingsMapByTypeThenStep() throws {
    let findings = [
      FindingFact(step: "detect_pii", type: "email", path: "text"),
      FindingFact(step: "detect_pii", type: "email", path: "text"),
      FindingFact(step: "detect_pii", type: "some_new_type", path: "text"),
      FindingFact(step: "detect_secrets", type: "aws_access_key", path: "messages[1].content"),
      FindingFact(step: "detect_unicode", type: "homoglyph", path: "text"),
    ]
    let result = try Self.classify(#"{"text":"x"}"#, findings: findings)
    #expect(result.level == .restricted)
    let email = try #require(result.reasons.first { $0.name == "email" })
    #expect(email.count == 2 && email.level == .confidential && email.step == "detect_pii")
    #expect(result.reasons.first { $0.name == "some_new_type" }?.level == .confidential)
    #expect(result.reasons.first { $0.name == "aws_access_key" }?.path == "messages[1].content")
    // Threat findings say nothing about sensitivity.
    #expect(!result.reasons.contains { $0.name == "homoglyph" })
  }

  @Test func categoriesAndIgnore() throws {
    let policy = try Fixtures.policy(#"{"categories": {"financial": "IGNORE"}, "markers": {"confidential": "IGNORE"}}"#)
    let classifier = try Classifier(policy: policy, cacheDirectory: nil)
    let json = #"{"data_categories":["financial","health"],"text":"confidential"}"#
    let result = try Self.classify(json, with: classifier)
    #expect(result.level == .restricted)
    #expect(result.reasons.map(\.name) == ["default_level", "health"])
    let metadata = try Self.classify(#"{"metadata":{"data_categories":"personal"},"text":"x"}"#)
    #expect(metadata.level == .confidential)
  }

  @Test func orgProfilesAndRecognisers() throws {
    let classifier = Self.classifier
    // acme-health: detect_pii findings are RESTRICTED and the member id
    // recogniser is active; for acme it is not.
    let pii = [FindingFact(step: "detect_pii", type: "phone", path: "text")]
    let health = try Self.classify(#"{"org_id":"acme-health","text":"member AHM12345678"}"#, findings: pii, with: classifier)
    #expect(health.level == .restricted)
    #expect(health.reasons.contains { $0.kind == .recogniser && $0.name == "acme_member_id" })
    #expect(health.org == "acme-health")
    let acme = try Self.classify(#"{"org_id":"acme","text":"member AHM12345678"}"#, with: classifier)
    #expect(acme.level == .internal)
    #expect(!acme.reasons.contains { $0.name == "acme_member_id" })
    let site = try Self.classify(#"{"org_id":"public-site","text":"hi"}"#, with: classifier)
    #expect(site.level == .public)
    let project = try Self.classify(#"{"text":"see PRJ-123456 now"}"#, with: classifier)
    #expect(project.level == .confidential)
  }

  @Test func rulesApplyUntilNothingChanges() throws {
    let classifier = Self.classifier
    // hr-* agent → CONFIDENTIAL.
    let hr = try Self.classify(#"{"org_id":"acme","agent_id":"hr-bot","text":"hello"}"#, with: classifier)
    #expect(hr.level == .confidential)
    #expect(hr.decisive.map(\.name) == ["hr-agents-confidential"])
    // A secret in a RESTRICTED record → TOP_SECRET (min_level rule).
    let secrets = [FindingFact(step: "detect_secrets", type: "api_key", path: "text")]
    let top = try Self.classify(#"{"text":"key"}"#, findings: secrets, with: classifier)
    #expect(top.level == .topSecret)
    #expect(top.reasons.last?.name == "secrets-in-restricted-context")
    // Chained: observer tier at INTERNAL → CONFIDENTIAL.
    let observer = try Self.classify(#"{"org_id":"acme","trust_tier":"observer","text":"x"}"#, with: classifier)
    #expect(observer.level == .confidential)
    // A rule whose min_level is reached only through another rule.
    let chained = try Fixtures.policy("""
      {"rules": [
        {"name": "second", "when": {"min_level": "CONFIDENTIAL"}, "level": "RESTRICTED"},
        {"name": "first", "when": {"agent": "a*"}, "level": "CONFIDENTIAL"}
      ]}
      """)
    let result = try Self.classify(#"{"agent_id":"abc","text":"x"}"#, with: Classifier(policy: chained, cacheDirectory: nil))
    #expect(result.level == .restricted)
    #expect(result.reasons.filter { $0.kind == .rule }.map(\.name) == ["first", "second"])
  }

  @Test func outputIsDeterministicJSON() throws {
    let json = #"{"org_id":"acme","agent_id":"hr-x","text":"CONFIDENTIAL PRJ-000001"}"#
    let a = try Self.classify(json, with: Self.classifier).json
    let b = try Self.classify(json, with: Self.classifier).json
    #expect(a == b)
    let parsed = try JSONDocument(bytes: a)
    #expect(parsed.member("level", of: 0).flatMap { parsed.string($0) } == "CONFIDENTIAL")
    #expect(parsed.member("policy", of: 0).flatMap { parsed.string($0) }?.hasPrefix("sha256:") == true)
  }

  @Test func explanationNamesReasonsAndOrigins() throws {
    let result = try Self.classify(#"{"org_id":"acme","agent_id":"hr-x","text":"CONFIDENTIAL"}"#, with: Self.classifier)
    let text = ClassificationExplanation.text(result, line: 7)
    #expect(text.hasPrefix("line 7: CONFIDENTIAL  (org acme; policy sha256:"))
    #expect(text.contains("* marker confidential in text @0..12 → CONFIDENTIAL  [built-in]"))
    #expect(text.contains("* rule hr-agents-confidential → CONFIDENTIAL  [rules[0] (line "))
  }

  @Test func policyDiffListsDecisionChanges() throws {
    let a = try Fixtures.policy(#"{"findings": {"types": {"email": "CONFIDENTIAL"}}, "rules": [{"name": "r", "when": {"agent": "x"}, "level": "INTERNAL"}]}"#)
    let b = try Fixtures.policy(#"{"findings": {"types": {"email": "RESTRICTED"}}, "orgs": {"n": {}}, "rules": [{"name": "s", "when": {"agent": "y"}, "level": "RESTRICTED"}]}"#)
    var diff = PolicyDiff(a, b)
    #expect(diff.changes.contains("findings.types.email: CONFIDENTIAL → RESTRICTED (records with email findings)"))
    #expect(diff.changes.contains("rules: + s (matching records are at least RESTRICTED)"))
    #expect(diff.changes.contains { $0.hasPrefix("rules: - r") })
    #expect(diff.changes.contains { $0.hasPrefix("orgs.n: added") })
    let document = try Fixtures.document(#"{"text":"hi"}"#)
    let email = [FindingFact(step: "detect_pii", type: "email", path: "text")]
    diff.compare(record: document, line: 1, findings: email, try Classifier(policy: a, cacheDirectory: nil), try Classifier(policy: b, cacheDirectory: nil))
    #expect(diff.recordChanges == ["line 1: CONFIDENTIAL → RESTRICTED (now: finding email)"])
    #expect(PolicyDiff(a, a).isEmpty)
  }

  /// Downstream tools read the classification back (tp-route --explain):
  /// writing and reading loses nothing but origin lines.
  @Test func classificationRoundTripsThroughTheRecord() throws {
    let json = #"{"org_id":"acme","agent_id":"hr-x","text":"CONFIDENTIAL PRJ-000001 CONFIDENTIAL"}"#
    let findings = [FindingFact(step: "detect_pii", type: "email", path: "text")]
    let original = try Self.classify(json, findings: findings, with: Self.classifier)
    let document = try Fixtures.document(json)
    let record = try JSONDocument(bytes: RecordEditor.setSection("classification", to: original.json, in: document))
    let read = try #require(Classification.read(from: record))
    #expect(read.json == original.json)
    #expect(read.level == original.level && read.reasons.count == original.reasons.count)
    #expect(read.reasons.first { $0.name == "confidential" }?.count == 2)
  }
}
