/// Secrets recognised by their structure rather than a prefix or a key:
/// private key blocks, JWTs, credentials inside URLs, webhook URLs,
/// `curl -u user:password` and `.npmrc` auth lines.
extension SecretInspector {
  static let endMarker = Array("-----END".utf8)
  static let dashes = Array("-----".utf8)

  /// `-----BEGIN … PRIVATE KEY-----` through the matching END line. Works
  /// inside JSON strings with literal `\n` (GCP service-account files,
  /// tool arguments) because only the markers and the body's base64 count.
  func privateKey(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    let limit = min(bytes.count, match.end + 65_536)
    var end = -1
    if let marker = SecretBytes.find(bytes, Self.endMarker, from: match.end, limit: limit) {
      let close = SecretBytes.find(bytes, Self.dashes, from: marker + Self.endMarker.count, limit: min(limit, marker + 80))
      end = close.map { $0 + Self.dashes.count } ?? marker + Self.endMarker.count
    }
    // The body: base64 between the header line and the END marker.
    var bodyStart = match.end
    if let headerClose = SecretBytes.find(bytes, Self.dashes, from: match.end, limit: min(limit, match.end + 40)) { bodyStart = headerClose + Self.dashes.count }
    var base64 = 0
    var index = bodyStart
    let bodyLimit = end >= 0 ? end : limit
    while index < bodyLimit {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\"), index + 1 < bodyLimit, bytes[index + 1] == UInt8(ascii: "n") {
        index += 2
        continue
      }
      if VendorFormat.base64.contains(byte) {
        base64 += 1
      } else if end < 0 && !(byte == 0x0A || byte == 0x0D || SecretBytes.isSpace(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")) {
        break
      }
      index += 1
    }
    if end < 0 { end = index }
    guard base64 >= 40 else { return nil }
    let body = bodyStart..<min(end, bytes.count)
    if SecretBytes.contains(bytes, body, "...") || SecretBytes.contains(bytes, body, "xxxx") || SecretBytes.contains(bytes, body, "<") { return nil }
    return Candidate(start: match.start, end: end, type: "private_key", score: 0.99, severity: .critical, reasons: ["private-key"])
  }

  /// Three base64url parts whose header decodes to a JSON object naming
  /// its algorithm or type.
  func jwt(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    let start = match.start
    if start > 0, SecretBytes.base64url.contains(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ".") { return nil }
    let alphabet = SecretBytes.base64url
    let headerEnd = SecretBytes.runEnd(bytes, from: start, in: alphabet, limit: start + 2048)
    guard headerEnd < bytes.count, bytes[headerEnd] == UInt8(ascii: ".") else { return nil }
    let payloadEnd = SecretBytes.runEnd(bytes, from: headerEnd + 1, in: alphabet, limit: headerEnd + 8192)
    guard payloadEnd - headerEnd > 10, FormatChecks.jwtHeaderValid(bytes, start..<headerEnd) else { return nil }
    // An unsigned token without its final dot counts when the payload is
    // JSON as well (copied from a debugger or a log that cut the signature).
    guard payloadEnd < bytes.count, bytes[payloadEnd] == UInt8(ascii: ".") else {
      guard FormatChecks.decodesToJSONObject(bytes, (headerEnd + 1)..<payloadEnd) else { return nil }
      return Candidate(start: start, end: payloadEnd, type: "jwt", score: 0.75, severity: .medium, reasons: ["jwt", "header_json", "unsigned"])
    }
    let signatureEnd = SecretBytes.runEnd(bytes, from: payloadEnd + 1, in: alphabet, limit: payloadEnd + 2048)
    // Only the signature is random; header and payload are encoded JSON,
    // whose base64 can repeat itself.
    if placeholders.isMasked(bytes, (payloadEnd + 1)..<signatureEnd) { return nil }
    let signed = signatureEnd - payloadEnd > 16
    return Candidate(start: start, end: signatureEnd, type: "jwt", score: signed ? 0.95 : 0.75, severity: .high, reasons: ["jwt", "header_json"])
  }

  /// `scheme://user:password@host`: the password is the secret. HTTP(S)
  /// URLs carry basic auth; any other scheme is a connection string.
  /// The user may be empty: Redis before ACLs has no user names, so its
  /// URLs (`redis://:password@cache:6379/0`, `rediss://:…@`) carry the
  /// password alone; a placeholder password then has no user to vouch
  /// for it and is dropped as a stand-in.
  func urlCredentials(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    var schemeStart = match.start
    while schemeStart > 0 && match.start - schemeStart < 24 && (SecretBytes.alphanumeric.contains(bytes[schemeStart - 1]) || bytes[schemeStart - 1] == UInt8(ascii: "+") || bytes[schemeStart - 1] == UInt8(ascii: ":") || bytes[schemeStart - 1] == UInt8(ascii: ".")) { schemeStart -= 1 }
    guard schemeStart < match.start else { return nil }
    var colon = match.start + 3
    while colon < match.end && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
    let user = (match.start + 3)..<colon
    let password = (colon + 1)..<(match.end - 1)
    guard !password.isEmpty else { return nil }
    if placeholders.isMasked(bytes, password) || (!user.isEmpty && placeholders.isMasked(bytes, user)) { return nil }
    // `user:password@`, `username:pass@`, `:password@`: the textbook stand-in pair.
    if placeholders.isPlaceholder(bytes, password) && (user.isEmpty || placeholders.isPlaceholder(bytes, user)) { return nil }
    // `http://:8080@…`: without a user, a short or all-digit "password"
    // is more likely a port or a typo than a credential.
    if user.isEmpty {
      let shape = ValueShape(bytes, password)
      guard password.count >= configuration.minPasswordLength, shape.digits < password.count else { return nil }
    }
    if placeholders.isPlaceholder(bytes, password) && password.count < configuration.minPasswordLength { return nil }
    let http = SecretBytes.hasPrefix(bytes, schemeStart..<match.start, "http")
    let score = placeholders.isPlaceholder(bytes, password) ? 0.6 : 0.9
    // `cloudinary://<api key>:<api secret>@cloud`: when the user part is
    // itself a key (a long number or a random token), both are the secret.
    let userShape = ValueShape(bytes, user)
    let keyUser = (userShape.digits == user.count && user.count >= 10)
      || (user.count >= 16 && userShape.entropy >= 3.5 && userShape.digits > 0 && userShape.letters > 0 && !ValueForms.isEmail(bytes, user))
    let start = keyUser ? user.lowerBound : password.lowerBound
    return Candidate(start: start, end: password.upperBound, type: http ? "basic_auth" : "connection_string", score: score, severity: .critical, reasons: ["url-credentials"])
  }

  static let urlCharacters = SecretBytes.Set("A-Za-z0-9_.~/?#@!$&*+,;=%:-")

  /// A webhook URL of a known service: the whole URL is the secret.
  func webhook(_ bytes: [UInt8], _ match: PatternMatch, type: String, rule: String) -> Candidate? {
    var start = match.start
    while start > 0 && match.start - start < 120 && Self.urlCharacters.contains(bytes[start - 1]) { start -= 1 }
    // `SLACK_URL=https://…`: the URL starts at its scheme, after any key.
    while start < match.start && !SecretBytes.hasPrefix(bytes, start..<match.start, "http") { start += 1 }
    guard start < match.start else { return nil }
    let end = SecretBytes.runEnd(bytes, from: match.end, in: Self.urlCharacters, limit: match.end + 400)
    let path = match.end..<end
    guard path.count >= 8, !placeholders.isMasked(bytes, start..<end), !Placeholders.containsTemplateReference(bytes, path) else { return nil }
    let shape = ValueShape(bytes, path)
    guard shape.digits > 0 || shape.upper > 0 else { return nil }
    return Candidate(start: start, end: end, type: type, score: 0.95, severity: .high, reasons: [rule])
  }

  /// A webhook URL of a service no rule names: the host or the path says
  /// hook (`hooks.acme.io`, `/api/webhooks/`, `/hooks/`) and the path holds
  /// a random part (a segment of 16 or more letters and digits), which is
  /// what authenticates the caller. Documentation links (`/docs/webhooks`)
  /// and numeric hook ids (`/repos/o/r/hooks/1234`) have none.
  func hookURL(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    guard let url = webhook(bytes, match, type: "webhook_url", rule: "hook-url") else { return nil }
    var segmentStart = match.end - 1
    for index in (match.end - 1)...url.end {
      guard index == url.end || Self.urlSeparators.contains(bytes[index]) else { continue }
      let segment = segmentStart..<index
      segmentStart = index + 1
      guard segment.count >= 16 else { continue }
      let shape = ValueShape(bytes, segment)
      if shape.letters > 0, shape.digits > 0, shape.entropy >= 3.5, !Placeholders.hasSequentialRun(bytes, segment, length: 6) {
        return Candidate(start: url.start, end: url.end, type: "webhook_url", score: 0.8, severity: .high, reasons: ["hook-url"])
      }
    }
    return nil
  }

  static let urlSeparators = SecretBytes.Set("/?&=#;")

  /// `curl -u user:password` / `--user "key:"`: the password, or the user
  /// part when it is itself an API key with an empty password.
  func curlUser(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    var position = match.end
    var quote: UInt8 = 0
    if position < bytes.count, SecretBytes.isQuote(bytes[position]) { quote = bytes[position]; position += 1 }
    var end = position
    while end < bytes.count && end - position < 256 && bytes[end] != 0x0A && (quote == 0 ? !SecretBytes.isSpace(bytes[end]) : bytes[end] != quote) { end += 1 }
    var colon = position
    while colon < end && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
    guard colon < end || quote != 0 else { return nil }
    var password = min(colon + 1, end)..<end
    // `kevin:'secret'`: a quoted password after an unquoted user.
    if password.count >= 2, SecretBytes.isQuote(bytes[password.lowerBound]), bytes[password.upperBound - 1] == bytes[password.lowerBound] {
      password = (password.lowerBound + 1)..<(password.upperBound - 1)
    }
    var user = position..<colon
    // `"user":"password"`: user and password quoted apart.
    if quote != 0, colon == end, end + 2 < bytes.count, bytes[end] == quote, bytes[end + 1] == UInt8(ascii: ":"), bytes[end + 2] == quote {
      var close = end + 3
      while close < bytes.count && close - end < 256 && bytes[close] != quote && bytes[close] != 0x0A { close += 1 }
      guard close < bytes.count, bytes[close] == quote else { return nil }
      password = (end + 3)..<close
    }
    // `{value}` braces around a part (`"{client-id}":"{secret}"`).
    user = Self.unbraced(bytes, user)
    password = Self.unbraced(bytes, password)
    let candidate = password.isEmpty ? user : password
    guard candidate.count >= 4, !placeholders.isPlaceholder(bytes, candidate), user.isEmpty || password.isEmpty || !placeholders.isPlaceholder(bytes, user) else { return nil }
    if !user.isEmpty && placeholders.isMasked(bytes, user) || !password.isEmpty && placeholders.isMasked(bytes, password) { return nil }
    let shape = ValueShape(bytes, candidate)
    guard shape.digits > 0 || shape.upper > 0, shape.entropy >= 2.5 else { return nil }
    return Candidate(start: candidate.lowerBound, end: candidate.upperBound, type: "basic_auth", score: 0.85, severity: .high, reasons: ["curl-user"])
  }

  /// The inside of `{…}` wrapping a whole value with no other braces.
  static func unbraced(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
    guard range.count > 2, bytes[range.lowerBound] == UInt8(ascii: "{"), bytes[range.upperBound - 1] == UInt8(ascii: "}") else { return range }
    let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
    return inner.contains(where: { bytes[$0] == UInt8(ascii: "{") || bytes[$0] == UInt8(ascii: "}") || SecretBytes.isSpace(bytes[$0]) }) ? range : inner
  }

  /// `//registry.example.org/:_authToken=value` in an `.npmrc`, or an
  /// unscoped `_auth=` / `_password=` line (older npm read them for every
  /// registry). An unscoped line has no
  /// registry to vouch for it, so its value must be one token to the
  /// line's end, and `_auth` must decode to `user:password`.
  func npmrc(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    let scoped = bytes[match.start] == UInt8(ascii: "/")
    if scoped {
      var hostStart = match.start
      while hostStart > 0 && match.start - hostStart < 200 && bytes[hostStart - 1] != 0x0A && !SecretBytes.isSpace(bytes[hostStart - 1]) && !SecretBytes.isQuote(bytes[hostStart - 1]) { hostStart -= 1 }
      guard SecretBytes.hasPrefix(bytes, hostStart..<match.start, "//"), match.start - hostStart > 2,
        SecretBytes.alphanumeric.contains(bytes[hostStart + 2]) else { return nil }
    }
    var start = match.end
    while start < bytes.count && SecretBytes.isSpace(bytes[start]) { start += 1 }
    var end = start
    while end < bytes.count && !ValueExtraction.endsUnquoted(bytes[end]) { end += 1 }
    let range = start..<end
    guard range.count >= 8, !placeholders.isPlaceholder(bytes, range) else { return nil }
    if !scoped {
      guard range.allSatisfy({ SecretBytes.token.contains(bytes[$0]) }), end == bytes.count || bytes[end] == 0x0A || bytes[end] == 0x0D,
        !placeholders.isMasked(bytes, range) else { return nil }
      if SecretBytes.find(bytes, "_auth=", from: match.start, limit: match.end) != nil || SecretBytes.find(bytes, "_auth ", from: match.start, limit: match.end) != nil {
        guard let decoded = FormatChecks.base64Decoded(bytes, range), decoded.contains(UInt8(ascii: ":")) else { return nil }
      }
    }
    return Candidate(start: start, end: end, type: "npm_token", score: 0.9, severity: .critical, reasons: ["npmrc-auth"])
  }

  /// `…&sig=<url-encoded base64>` of an Azure SAS URL or a connection
  /// string's `SharedAccessSignature=`: the signature is the credential.
  /// The SAS fields before it (`sv=` signed version, `se=` expiry, `sr=`
  /// resource) tell it from other `sig` parameters.
  func sasSignature(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    let contextStart = max(0, match.start - 600)
    let context = contextStart..<match.start
    guard SecretBytes.contains(bytes, context, "sv=") || SecretBytes.contains(bytes, context, "se=") || SecretBytes.contains(bytes, context, "sr=") else { return nil }
    let start = match.start + 5
    var end = start
    while end < bytes.count && end - start < 256 && (SecretBytes.alphanumeric.contains(bytes[end]) || bytes[end] == UInt8(ascii: "%") || bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "/") || bytes[end] == UInt8(ascii: "=")) { end += 1 }
    let range = start..<end
    guard range.count >= 30, !placeholders.isMasked(bytes, range) else { return nil }
    let shape = ValueShape(bytes, range)
    guard shape.entropy >= 4 else { return nil }
    return Candidate(start: start, end: end, type: "azure_credential", score: 0.9, severity: .critical, reasons: ["azure-sas-signature"])
  }

  /// `"d": "…"` of a JSON Web Key: the private exponent (RSA) or scalar
  /// (EC, OKP). Public JWKs have no `d`; the `"kty"` member nearby tells a
  /// key from any other object with a `d` field.
  func jwkPrivate(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    let start = match.end - 20
    let end = SecretBytes.runEnd(bytes, from: match.end, in: SecretBytes.base64url, limit: match.end + 4096)
    let range = start..<end
    guard range.count >= 32, end < bytes.count, bytes[end] == UInt8(ascii: "\"") || bytes[end] == UInt8(ascii: "\\") else { return nil }
    let window = max(0, match.start - 2048)..<min(bytes.count, end + 2048)
    guard SecretBytes.contains(bytes, window, "kty"), !placeholders.isMasked(bytes, range) else { return nil }
    return Candidate(start: start, end: end, type: "private_key", score: 0.95, severity: .critical, reasons: ["jwk-private-key"])
  }

  /// A PuTTY `.ppk` file: from its header through the `Private-MAC` line
  /// (the private lines are the key; the public part travels with it).
  /// `searchedTo`: where an earlier header's search for `Private-Lines:`
  /// ended without a hit; nothing before it needs a second look.
  func puttyKey(_ bytes: [UInt8], _ match: PatternMatch, searchedTo: inout Int) -> Candidate? {
    let limit = min(bytes.count, match.end + 16_384)
    guard let lines = SecretBytes.find(bytes, "Private-Lines:", from: max(match.end, searchedTo), limit: limit) else {
      searchedTo = max(searchedTo, limit - 13)
      return nil
    }
    var end = limit
    if let mac = SecretBytes.find(bytes, "Private-MAC:", from: lines, limit: limit) {
      end = mac + 12
      while end < limit && bytes[end] != 0x0A && bytes[end] != 0x0D && !(bytes[end] == UInt8(ascii: "\\") && end + 1 < limit && bytes[end + 1] == UInt8(ascii: "n")) { end += 1 }
    }
    let body = lines..<end
    var base64 = 0
    for index in body where VendorFormat.base64.contains(bytes[index]) { base64 += 1 }
    guard base64 >= 60, !SecretBytes.contains(bytes, body, "..."), !SecretBytes.contains(bytes, body, "xxxx") else { return nil }
    return Candidate(start: match.start, end: end, type: "private_key", score: 0.97, severity: .critical, reasons: ["putty-private-key"])
  }
}
