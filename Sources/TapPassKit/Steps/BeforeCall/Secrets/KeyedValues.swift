/// Decides whether the value of a `key = value` assignment is a credential,
/// given what the key says (`KeyMeaning`). This is the rule that catches
/// the long tail of services without a distinctive token prefix
/// (`urlscan token = '…'`, `DUFFEL_API_TOKEN=…`, `sourcegraph: <40 hex>`),
/// so it is where most false positives would come from; every test here is
/// a reason a real value could not look like that:
/// - placeholders, template references and code expressions are not values;
/// - a value with spaces is prose;
/// - a secret needs length, Shannon entropy and a mix of letters with
///   digits or symbols (identifiers such as `real_key` have neither);
/// - under a key that does not name a secret at all, only unmistakably
///   random values count, and identifiers (UUIDs) do not.
struct KeyedValues {
  let configuration: DetectSecretsStep.Configuration
  let placeholders: Placeholders

  /// The candidate for `assignment`, or nil.
  func judge(_ bytes: [UInt8], _ assignment: Assignment, _ meaning: KeyMeaning, rule: String) -> Candidate? {
    if assignment.multiWord {
      // Element or brace content: the most random word is the credential.
      var best: (Candidate, Double)?
      for word in ValueExtraction.words(bytes, assignment.value) {
        var single = assignment
        single.value = word
        single.multiWord = false
        if let candidate = judge(bytes, single, meaning, rule: rule) {
          let weight = ValueShape(bytes, word).entropy * Double(word.count)
          if best == nil || weight > best!.1 { best = (candidate, weight) }
        }
      }
      return best?.0
    }
    let range = assignment.value
    guard range.count <= ValueExtraction.maxValueLength else { return nil }
    if meaning.strength == .weak && !(configuration.unkeyedAssignments && Self.weakKeyAccepted(bytes, assignment)) { return nil }
    if placeholders.isPlaceholder(bytes, range) { return nil }
    if !assignment.quoted && assignment.scheme == .none && ValueForms.looksLikeExpression(bytes, range) { return nil }
    let shape = ValueShape(bytes, range)
    if shape.spaces > 0 {
      // `'<uuid> | <uuid>'`, `"user token"`: a short list of words in
      // quotes under a secret key holds the credential as one of them.
      guard assignment.quoted, meaning.strength != .weak, !assignment.multiWord else { return nil }
      let words = ValueExtraction.words(bytes, range)
      guard words.count <= 4 else { return nil }
      // A password may hold spaces: a short quoted value that is random
      // as a whole (symbols, or digits and both cases) is one password.
      if meaning.strength == .password, words.count <= 3, range.count >= configuration.minPasswordLength, shape.entropy >= 3.0 {
        var symbols = 0
        for index in range where !SecretBytes.alphanumeric.contains(bytes[index]) && !SecretBytes.isSpace(bytes[index]) { symbols += 1 }
        if (symbols >= 2 && shape.digits > 0 && shape.letters >= 2) || (shape.digits >= 2 && shape.upper > 0 && shape.lower > 0) {
          return Candidate(start: range.lowerBound, end: range.upperBound, type: meaning.type, score: 0.7, severity: .high, reasons: [rule, "spaced"])
        }
      }
      var list = assignment
      list.multiWord = true
      return judge(bytes, list, meaning, rule: rule)
    }
    // `-pkeyopt rsa_keygen_bits:4096`: the value is itself a setting; its
    // snake_case name is no secret, only what it is set to may be.
    if let setting = ValueForms.settingValue(bytes, range) {
      var inner = assignment
      inner.value = setting
      return judge(bytes, inner, meaning, rule: rule)
    }
    if ValueForms.isWordCompound(bytes, range) { return nil }
    if SecretBytes.hasPrefix(bytes, range, "http") {
      return meaning.type == "webhook_url" ? webhook(bytes, range, rule: rule) : nil
    }
    // `redis://…`, `postgres://…`: credentials inside a URL are the URL
    // rule's; the URL itself is not the secret.
    if SecretBytes.contains(bytes, range, "://") { return nil }
    if SecretBytes.hasPrefix(bytes, range, "arn:") || ValueForms.isFilePath(bytes, range) { return nil }
    if ValueForms.isHostname(bytes, range) || ValueForms.isEmail(bytes, range) || ValueForms.isConstantName(bytes, range) { return nil }
    // Names (`ec2:InstanceMarketType`) under token keys; a password made
    // of words is still a password.
    if meaning.strength != .password && ValueForms.isIdentifierPath(bytes, range) { return nil }
    // `nn.CrossEntropyLoss()`: a call, quoted or not.
    if range.count >= 2, bytes[range.upperBound - 1] == UInt8(ascii: ")"), bytes[range.upperBound - 2] == UInt8(ascii: "(") { return nil }
    var strongSymbols = 0
    for index in range {
      let byte = bytes[index]
      if !SecretBytes.alphanumeric.contains(byte), byte != UInt8(ascii: "_"), byte != UInt8(ascii: "-"), byte != UInt8(ascii: ".") { strongSymbols += 1 }
    }
    var type = meaning.type
    var severity = Severity.high
    var score: Double
    switch assignment.scheme {
    case .bearer: type = meaning.vendor ? type : "bearer_token"
    case .basic: type = "basic_auth"
    case .none: break
    }
    // `LicenseKey value`, `password value`: without an operator only a
    // clearly random value counts, as for weak keys; after a key that
    // names a secret (`Using token spu-9a3f…`, `--api-key k8s2…`), a long
    // value of letters and digits that is random as a whole does too.
    var strength = meaning.strength
    // `--password Xk2…`, `.netrc`'s `login u password p`: there the space
    // is the operator, and the value is judged as after `=`.
    if assignment.op == 0x20 && !assignment.quoted
      && !KeyContexts.isCommandOption(bytes, assignment.key) && !KeyContexts.isNetrcPassword(bytes, assignment.key) {
      let tokenLike = meaning.strength != .weak && range.count >= 20 && shape.letters > 0 && shape.digits >= 2 && shape.entropy >= 3.5
        && !ValueForms.isUUID(bytes, range)
      strength = tokenLike ? meaning.strength : .weak
    }
    switch strength {
    case .password:
      guard range.count >= configuration.minPasswordLength, shape.dominance <= 0.6, shape.letters + shape.digits > 0 else { return nil }
      guard shape.digits > 0 || strongSymbols > 0 || (shape.upper > 0 && shape.lower > 0 && range.count >= 8) else { return nil }
      score = shape.entropy >= 3 ? 0.8 : 0.7
    case .secret:
      // Numeric keys (`vbout token = '9734…'`): long, varied digit runs
      // under a key that names a secret; shorter numbers are ids or counts.
      if shape.digits == range.count {
        guard range.count >= max(configuration.minLength, 15), range.count <= 64, shape.entropy >= 2.5, shape.dominance <= 0.3,
          !Placeholders.hasPeriodicRun(bytes, range) else { return nil }
        return Candidate(start: range.lowerBound, end: range.upperBound, type: meaning.type, score: 0.65, severity: .medium, reasons: [rule, "numeric"])
      }
      // Short quoted values (`mockaroo token = 'mlm9iqkm'`): letters and
      // digits, in quotes, under a key that names a secret.
      if range.count < configuration.minLength {
        let delimited = assignment.quoted || (range.upperBound < bytes.count && SecretBytes.isQuote(bytes[range.upperBound]))
        // Pure letters and digits with lower case: `RSA_2048`, `HS256`
        // and other enum-like settings are upper case or separated.
        guard delimited, range.count >= max(8, configuration.minLength - 4), shape.lower > 0, shape.digits > 0,
          shape.letters + shape.digits == range.count, shape.entropy >= 2.3, shape.dominance <= 0.4,
          !Placeholders.hasSequentialRun(bytes, range, length: 4) else { return nil }
        return Candidate(start: range.lowerBound, end: range.upperBound, type: meaning.type, score: 0.6, severity: .medium, reasons: [rule, "short"])
      }
      // Hex has 4 bits per character at most, so short hex keys measure
      // lower than base62 ones of the same strength.
      let minEntropy = shape.isHex ? configuration.minEntropy * 0.85 : configuration.minEntropy
      guard shape.entropy >= minEntropy, shape.dominance <= 0.5 else { return nil }
      let mixed = (shape.letters > 0 && shape.digits >= 2)
        || (strongSymbols > 0 && shape.letters > 0 && shape.entropy >= 3.5)
        || (shape.upper > 0 && shape.lower > 0 && Self.caseChanges(bytes, range) * 5 >= range.count * 2)
        || (shape.upper >= 3 && shape.lower >= 3 && range.count >= 16 && shape.entropy >= 3.9)
      guard mixed else { return nil }
      score = 0.7 + (shape.entropy >= 4 ? 0.1 : 0) + (meaning.vendor ? 0.05 : 0)
    case .weak:
      // Random tokens mix both; ids such as `blk_-1233005817943453613` or
      // `subnet-0e2907431c9988b72` are digits or hex after a word.
      guard range.count >= max(configuration.minLength, 20), range.count <= 200, shape.digits >= 2, shape.letters * 4 >= range.count,
        !ValueForms.isResourceID(bytes, range) else { return nil }
      guard shape.entropy >= max(configuration.minEntropy, shape.isHex ? 3.0 : 3.5), shape.dominance <= 0.3 else { return nil }
      // Package and file names (`eslint-plugin-jsx-a11y`) are mostly words.
      // `saved acme_kHk7…TNS.png`: a file name after a verb.
      guard !ValueForms.isUUID(bytes, range), strongSymbols <= 2, !ValueForms.isWordCompound(bytes, range, share: 0.6),
        !ValueForms.hasFileExtension(bytes, range) else { return nil }
      // `decoded eyJ…`: a JWT under a name that says nothing is the JWT
      // rule's, which stays silent when `jwt` is disabled.
      if FormatChecks.containsExact(bytes, range.lowerBound..<(range.lowerBound + 3), "eyJ") { return nil }
      score = meaning.vendor ? 0.7 : 0.6
      severity = .medium
    }
    return Candidate(start: range.lowerBound, end: range.upperBound, type: type, score: score, severity: severity, reasons: [rule])
  }

  /// Keys that hold names, text or addresses when they do not say secret.
  /// Each must be a whole component of the key (`user_email`, `nextPage`),
  /// so that vendor names that begin with one (`mailgun`, `datadog`,
  /// `typeform`, `sumologic`) stay keys of their own.
  static let weakDenied: [[UInt8]] = [
    "value", "content", "data", "text", "body", "src", "href", "action", "query", "input", "output", "result",
    "payload", "message", "state", "code", "account", "user", "email", "mail", "domain", "host", "login", "link",
    "file", "class", "style", "type", "size", "cursor", "page", "next", "prev", "sum", "table", "list", "item", "name",
    "address", "wallet", "username", "hostname", "filename", "path", "url", "uri",
  ].map { Array($0.utf8) }

  /// A key that does not name a secret must look like a configuration
  /// name, and its value must be written the way configuration values are:
  /// quoted, or after `: ` (YAML/JSON), or `KEY=value` in an env file or
  /// query string.
  /// `host:port`, `user:pass` and `?q=` query values fail; so do code
  /// assignments of unquoted values (`sumOfRows = …`).
  static func weakKeyAccepted(_ bytes: [UInt8], _ assignment: Assignment) -> Bool {
    let key = assignment.key
    guard key.count >= 3, key.count <= 40 else { return false }
    let shape = ValueShape(bytes, key)
    guard shape.digits <= 2 else { return false }
    let components = SecretKeys.components(bytes, key)
    for component in components where weakDenied.contains(where: { $0.count == component.count && SecretBytes.hasPrefix(bytes, component, $0) }) {
      return false
    }
    if assignment.quoted { return true }
    switch assignment.op {
    case UInt8(ascii: ":"): return assignment.spaced
    case UInt8(ascii: "="): return shape.lower == 0 || assignment.tight
    case 0x20: return strongUnquoted(bytes, assignment.value)
    default: return false
    }
  }

  /// `vendor TOKEN` without operator or quotes: only a value with upper
  /// and lower case and digits, long and random, is taken for a token, or
  /// a long random base36 one.
  static func strongUnquoted(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    let shape = ValueShape(bytes, range)
    if range.count >= 24 && shape.upper > 0 && shape.lower > 0 && shape.digits > 0 && shape.entropy >= 4 { return true }
    return isRandomBase36(bytes, range, shape)
  }

  /// `acme k7qz3m9x…`: 32 to 128 lower-case letters and digits drawn from
  /// all 36 (many services issue keys as `[a-z0-9]{32}` or longer). Each
  /// test is a look-alike it rules out: digests are hex (no letter past
  /// `f`), base32 ids (IPFS CIDs, onion addresses) use only the digits
  /// 2–7, and SegWit addresses carry a Bech32 checksum; a random base36
  /// key has letters past `f` in about half its characters, digits, some
  /// of them 0, 1, 8 or 9, and more than 4 bits of entropy per character.
  static func isRandomBase36(_ bytes: [UInt8], _ range: Range<Int>, _ shape: ValueShape) -> Bool {
    guard range.count >= 32, range.count <= 128, shape.upper == 0, shape.lower + shape.digits == range.count,
      shape.digits * 10 >= range.count, shape.entropy >= 4 else { return false }
    var pastF = 0
    var outsideBase32 = false
    for index in range {
      let byte = bytes[index]
      if byte > UInt8(ascii: "f") { pastF += 1 }
      if byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1") || byte == UInt8(ascii: "8") || byte == UInt8(ascii: "9") { outsideBase32 = true }
    }
    guard pastF * 4 >= range.count, outsideBase32 else { return false }
    if SecretBytes.hasPrefix(bytes, range, "bc1"), bytes.withUnsafeBufferPointer({ CryptoWallets.isSegWit($0[range]) }) { return false }
    return true
  }

  /// How often the case flips between neighbouring letters: random
  /// base62 flips on about half of them, CamelCase names rarely.
  static func caseChanges(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
    var changes = 0
    var previousUpper: Bool?
    for index in range {
      let byte = bytes[index]
      let isUpper = byte >= 0x41 && byte <= 0x5A
      let isLower = byte >= 0x61 && byte <= 0x7A
      guard isUpper || isLower else { continue }
      if let previous = previousUpper, previous != isUpper { changes += 1 }
      previousUpper = isUpper
    }
    return changes
  }

  /// A webhook URL under a webhook key: its path must carry a random part.
  func webhook(_ bytes: [UInt8], _ range: Range<Int>, rule: String) -> Candidate? {
    var slashes = 0
    var pathStart = range.upperBound
    for index in range where bytes[index] == UInt8(ascii: "/") {
      slashes += 1
      if slashes == 3 { pathStart = index; break }
    }
    guard range.upperBound - pathStart >= 16, !placeholders.isMasked(bytes, range) else { return nil }
    let shape = ValueShape(bytes, pathStart..<range.upperBound)
    guard shape.digits > 0, shape.entropy >= 3.5 else { return nil }
    return Candidate(start: range.lowerBound, end: range.upperBound, type: "webhook_url", score: 0.85, severity: .high, reasons: [rule])
  }


}
