/// Runs the rule table over one field: each Hyperscan match goes to the
/// validator of its rule, which returns at most one candidate. Overlaps
/// between rules (a `ghp_` token that is also a keyed value) are resolved
/// by the engine, which keeps the highest score, so the vendor type wins.
struct SecretInspector {
  let configuration: DetectSecretsStep.Configuration
  let placeholders: Placeholders
  let keyed: KeyedValues
  let disabledTypes: Set<String>

  init(configuration: DetectSecretsStep.Configuration) {
    self.configuration = configuration
    placeholders = Placeholders(extraWords: configuration.extraPlaceholders)
    keyed = KeyedValues(configuration: configuration, placeholders: placeholders)
    disabledTypes = Set(configuration.disabledTypes)
  }

  func inspect(_ bytes: [UInt8], _ matches: [PatternMatch]) -> [Candidate] {
    var candidates: [Candidate] = []
    // Keys already parsed: the keyword and the operator expression often
    // both match one assignment.
    var parsedKeys: [Int] = []
    // Starts of vendor-prefixed values that failed their format check: a
    // keyed rule must not report them anyway (`SLACK_TOKEN="xoxp-1234-…"`).
    var rejectedTokens: [Int] = []
    for match in matches {
      guard case .vendor(let format) = SecretRules.table[match.pattern].rule else { continue }
      if let found = vendorToken(bytes, match, format) {
        candidates.append(found)
        if format.type == "aws_access_key_id", let secret = awsSecretNear(bytes, found.start..<found.end) { candidates.append(secret) }
      } else {
        rejectedTokens.append(match.start)
      }
    }
    for match in matches {
      let entry = SecretRules.table[match.pattern]
      let rule = entry.spec.name
      var found: Candidate?
      switch entry.rule {
      case .vendor:
        continue
      case .keyword:
        let start = ValueExtraction.keyStart(bytes, containing: match.start)
        found = assignment(bytes, keyStart: start, rule: rule, parsed: &parsedKeys)
      case .operatorAssignment:
        // The match starts at the last key character.
        let start = ValueExtraction.keyStart(bytes, containing: match.start)
        found = assignment(bytes, keyStart: start, rule: rule, parsed: &parsedKeys)
      case .bearer:
        found = bearer(bytes, match, rule: rule)
      case .privateKey:
        found = privateKey(bytes, match)
      case .jwt:
        found = jwt(bytes, match)
      case .urlCredentials:
        found = urlCredentials(bytes, match)
      case .webhook(let type):
        found = webhook(bytes, match, type: type, rule: rule)
      case .curlUser:
        found = curlUser(bytes, match)
      case .npmrc:
        found = npmrc(bytes, match)
      }
      if let found, !rejectedTokens.contains(found.start) { candidates.append(found) }
    }
    if !disabledTypes.isEmpty { candidates.removeAll { disabledTypes.contains($0.type) } }
    return candidates
  }

  func assignment(_ bytes: [UInt8], keyStart: Int, rule: String, parsed: inout [Int]) -> Candidate? {
    guard !parsed.contains(keyStart) else { return nil }
    parsed.append(keyStart)
    guard let assignment = ValueExtraction.parse(bytes, keyStart: keyStart),
      let meaning = SecretKeys.classify(bytes, assignment.key)
    else { return nil }
    return keyed.judge(bytes, assignment, meaning, rule: rule)
  }

  /// `Bearer <token>` outside an assignment (a header in a log line).
  func bearer(_ bytes: [UInt8], _ match: PatternMatch, rule: String) -> Candidate? {
    var start = match.start + 6
    while start < match.end && SecretBytes.isSpace(bytes[start]) { start += 1 }
    var end = start
    while end < bytes.count && !ValueExtraction.endsUnquoted(bytes[end]) { end += 1 }
    let assignment = Assignment(key: match.start..<(match.start + 6), value: start..<end, quoted: true, scheme: .bearer)
    return keyed.judge(bytes, assignment, KeyMeaning(type: "bearer_token", strength: .secret), rule: rule)
  }
}
