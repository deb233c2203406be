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
    var parsedKeys = Set<Int>()
    // Starts of vendor-prefixed values that failed their format check: a
    // keyed rule must not report them anyway (`SLACK_TOKEN="xoxp-1234-…"`).
    var rejectedTokens = Set<Int>()
    var puttySearchedTo = 0
    var prefixedStarts = Set<Int>()
    var kubernetesDocuments = Set<Int>()
    let vendorRules = configuration.vendorRules
    for match in matches where vendorRules {
      guard case .vendor(let format) = SecretRules.table[match.pattern].rule else { continue }
      let verdict = vendorToken(bytes, match, format)
      switch verdict {
      case .found(let found):
        candidates.append(found)
        if format.type == "aws_access_key_id", let secret = awsSecretNear(bytes, found.start..<found.end) { candidates.append(secret) }
      case .rejected:
        rejectedTokens.insert(match.start)
      case .notApplicable:
        break
      }
    }
    for match in matches {
      let entry = SecretRules.table[match.pattern]
      let rule = entry.spec.name
      var found: Candidate?
      if !vendorRules && entry.rule.vendorSpecific { continue }
      switch entry.rule {
      case .vendor:
        continue
      case .keyword, .operatorAssignment:
        // The database merges overlapping matches of one expression, so a
        // match may span several keys (`spotifykey key - '…'`): try every
        // key that starts inside it.
        var start = ValueExtraction.keyStart(bytes, containing: match.start)
        while start < match.end {
          if let candidate = assignment(bytes, keyStart: start, rule: rule, parsed: &parsedKeys), !rejectedTokens.contains(candidate.start) {
            candidates.append(candidate)
          }
          start = SecretBytes.runEnd(bytes, from: start, in: SecretBytes.keyName, limit: match.end)
          while start < match.end && !SecretBytes.keyName.contains(bytes[start]) { start += 1 }
        }
      case .lineDirective:
        // The match starts at the line break (or the field's start): the
        // name is the first word after the indentation.
        var start = match.start
        while start < match.end && (bytes[start] == 0x0A || bytes[start] == 0x0D || SecretBytes.isSpace(bytes[start])) { start += 1 }
        found = assignment(bytes, keyStart: start, rule: rule, parsed: &parsedKeys)
      case .reversedComparison:
        found = reversedComparison(bytes, match, rule: rule)
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
      case .sasSignature:
        found = sasSignature(bytes, match)
      case .jwkPrivate:
        found = jwkPrivate(bytes, match)
      case .clientPassword:
        found = clientPassword(bytes, match)
      case .prefixedToken:
        // A body with separators matches once per separator: report the token once.
        if let token = prefixedToken(bytes, match), prefixedStarts.insert(token.start).inserted { found = token }
      case .hookURL:
        found = hookURL(bytes, match)
      case .encoded:
        found = encodedSecret(bytes, match)
      case .pgpass:
        found = pgpassLine(bytes, match)
      case .kubernetesSecret:
        candidates += kubernetesSecret(bytes, match, scanned: &kubernetesDocuments).filter { !rejectedTokens.contains($0.start) }
      case .puttyKey:
        // Many headers without a key after them: search each stretch once.
        found = puttyKey(bytes, match, searchedTo: &puttySearchedTo)
      }
      if let found, !rejectedTokens.contains(found.start) { candidates.append(found) }
    }
    if !candidates.isEmpty { candidates += credentialPairs(bytes, candidates) }
    if !disabledTypes.isEmpty { candidates.removeAll { disabledTypes.contains($0.type) } }
    return candidates
  }

  func assignment(_ bytes: [UInt8], keyStart: Int, rule: String, parsed: inout Set<Int>) -> Candidate? {
    guard parsed.insert(keyStart).inserted else { return nil }
    // `arn:…:secret:name`, `/path/token=…`: a path component, not a key.
    if keyStart > 0, bytes[keyStart - 1] == UInt8(ascii: ":") || bytes[keyStart - 1] == UInt8(ascii: "/") { return nil }
    // `_authToken` is npm's key: `.npmrc` lines belong to the npmrc rule,
    // which checks the `//registry/:` scope the key only works under.
    if SecretBytes.hasPrefix(bytes, keyStart..<bytes.count, "_auth") { return nil }
    guard let assignment = ValueExtraction.parse(bytes, keyStart: keyStart) else { return nil }
    var meaning = SecretKeys.classify(bytes, assignment.key)
    // `teams webhook url = …`: a key phrase of up to three words says more
    // than its last word; `public key = …`, `example token: …` say less.
    if let phrase = SecretKeys.phrase(bytes, endingWith: assignment.key) {
      if SecretKeys.negated(bytes, phrase, key: assignment.key) { return nil }
      if meaning == nil || meaning?.strength == .weak, let phraseMeaning = SecretKeys.classify(bytes, phrase),
        phraseMeaning.strength != .weak { meaning = phraseMeaning }
    }
    guard var meaning else { return nil }
    if !configuration.vendorRules && meaning.vendor { meaning = KeyMeaning(type: "api_key", strength: meaning.strength) }
    return keyed.judge(bytes, assignment, meaning, rule: rule)
  }

  /// `if ("literal" == password)`: Yoda-style comparisons put the literal
  /// first; the match starts at its closing quote.
  func reversedComparison(_ bytes: [UInt8], _ match: PatternMatch, rule: String) -> Candidate? {
    let quote = bytes[match.start]
    var open = match.start - 1
    while open >= 0 && match.start - open <= ValueExtraction.maxValueLength && bytes[open] != quote && bytes[open] != 0x0A { open -= 1 }
    guard open >= 0, bytes[open] == quote, open + 1 < match.start else { return nil }
    var keyStart = match.start + 1
    while keyStart < match.end && !(SecretBytes.alphanumeric.contains(bytes[keyStart]) || bytes[keyStart] == UInt8(ascii: "_")) { keyStart += 1 }
    let keyEnd = SecretBytes.runEnd(bytes, from: keyStart, in: SecretBytes.keyName, limit: keyStart + ValueExtraction.maxKeyLength)
    guard keyEnd > keyStart, let meaning = SecretKeys.classify(bytes, keyStart..<keyEnd) else { return nil }
    let assignment = Assignment(key: keyStart..<keyEnd, value: (open + 1)..<match.start, quoted: true)
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

