/// The identifier half of a credential pair. Many services authenticate
/// with two values: a client id and its secret, a user and a password or
/// key, an account SID and an auth token. The secret alone is the leak
/// that matters, but the pair is what an attacker uses, and secret
/// scanners that verify credentials (trufflehog) report both halves.
///
/// So once a field holds a credential, assignments next to it (a few
/// lines up or down) whose key names the identifier of the same credential
/// are reported too, at a lower score: `hive_id` beside `hive_secret`,
/// `SHOPIFY_CLIENT_ID` beside `SHOPIFY_CLIENT_SECRET`, `client_id` beside
/// `client_secret`. Both keys must share their namespace (the components
/// before the identifier or secret word), or one of them has none. A field
/// without a credential never gets one of these findings, so they cannot
/// flag benign text on their own.
extension SecretInspector {
  /// Identifier words that end a key naming the public half of a pair.
  static let identifierWords: [[UInt8]] = ["id", "user", "username", "login", "sid", "ikey", "appid", "clientid", "keyid", "accountid"].map { Array($0.utf8) }

  /// Lines above and below a credential searched for its identifier.
  static let pairLines = 4
  /// Finding types that have no identifier half to look for.
  static let standalone: Set<String> = ["private_key", "jwt", "connection_string", "basic_auth", "aws_access_key_id", "slack_webhook", "discord_webhook", "webhook_url"]

  func credentialPairs(_ bytes: [UInt8], _ candidates: [Candidate]) -> [Candidate] {
    var found: [Candidate] = []
    var searched: [Range<Int>] = []
    var vendorName: [UInt8]?
    // URL credentials carry their user in the URL; keys and tokens stand alone.
    for credential in candidates where credential.score >= 0.7 && !Self.standalone.contains(credential.type) {
      var namespace = keyNamespace(bytes, before: credential.start) ?? []
      // A vendor token names its service itself (`shpss_…` is Shopify's).
      if namespace.isEmpty, let format = credential.reasons.first, VendorFormat.names.contains(format), let vendor = format.split(separator: "-").first {
        vendorName = Array(vendor.utf8)
      } else {
        vendorName = nil
      }
      if namespace.isEmpty, let vendorName { namespace = [vendorName] }
      let window = Self.lineWindow(bytes, around: credential.start..<credential.end, lines: Self.pairLines)
      if searched.contains(where: { $0 == window }) && namespace.isEmpty { continue }
      searched.append(window)
      var position = window.lowerBound
      while position < window.upperBound {
        // Key names start after a byte that cannot be part of one.
        guard SecretBytes.keyName.contains(bytes[position]), position == 0 || !SecretBytes.keyName.contains(bytes[position - 1]) else {
          position += 1
          continue
        }
        let keyEnd = SecretBytes.runEnd(bytes, from: position, in: SecretBytes.keyName, limit: min(window.upperBound, position + ValueExtraction.maxKeyLength))
        defer { position = max(keyEnd, position + 1) }
        // Cheap test first: most words of the window end in no identifier word.
        guard Self.identifierWords.contains(where: { $0.count <= keyEnd - position && SecretBytes.hasPrefix(bytes, (keyEnd - $0.count)..<keyEnd, $0) }) else { continue }
        guard let pair = identifier(bytes, keyStart: position, keyEnd: keyEnd, credentialNamespace: namespace) else { continue }
        if pair.start >= credential.start && pair.start < credential.end { continue }
        if candidates.contains(where: { $0.start < pair.end && pair.start < $0.end }) { continue }
        if found.contains(where: { $0.start == pair.start }) { continue }
        found.append(pair)
      }
    }
    return found
  }

  /// The finding for an identifier assignment at `keyStart`, or nil when
  /// the key does not name an identifier of the credential's namespace or
  /// the value is not a token.
  func identifier(_ bytes: [UInt8], keyStart: Int, keyEnd: Int, credentialNamespace: [[UInt8]]) -> Candidate? {
    let components = SecretKeys.components(bytes, keyStart..<keyEnd).map { bytes[$0].map(SecretBytes.lower) }
    guard !components.isEmpty else { return nil }
    // The identifier word may span the last two components (`client_id`, `key_id`).
    var suffixLength = 0
    if components.count >= 2, Self.identifierWords.contains(components[components.count - 2] + components[components.count - 1]) {
      suffixLength = 2
    } else if Self.identifierWords.contains(components[components.count - 1]) {
      suffixLength = 1
    }
    guard suffixLength > 0 else { return nil }
    // `user_id` of a record, `session_id`: the namespace must match the
    // credential's, and a bare `id` needs one on both sides.
    var namespace = Array(components.dropLast(suffixLength))
    // `spotifykey id - '…'`: the words before a lone key name it.
    if namespace.isEmpty, let phrase = SecretKeys.phrase(bytes, endingWith: keyStart..<keyEnd) {
      namespace = Array(SecretKeys.components(bytes, phrase).map { bytes[$0].map(SecretBytes.lower) }.dropLast(suffixLength))
    }
    if namespace.last == Array("client".utf8) || namespace.last == Array("api".utf8) || namespace.last == Array("app".utf8) { namespace.removeLast() }
    // A bare `id` (`<id>` of a stored credential, a record's id) needs a
    // service name of its own; `client_id`, `username` pair with any
    // secret; a namespaced id (`networkId`) only with the same service.
    if components == [Array("id".utf8)] && namespace.isEmpty { return nil }
    if !namespace.isEmpty && (credentialNamespace.isEmpty || !Self.sharesNamespace(namespace, credentialNamespace)) { return nil }
    guard let assignment = ValueExtraction.parse(bytes, keyStart: keyStart), assignment.op != 0x20 || assignment.quoted else { return nil }
    let range = assignment.value
    // Random-looking identifiers only: user names (`ITest2`, `admin`) are
    // not part of what leaks.
    guard range.count >= 12, range.count <= 128, !placeholders.isPlaceholder(bytes, range) else { return nil }
    if ValueForms.isEmail(bytes, range) || ValueForms.isHostname(bytes, range) || SecretBytes.contains(bytes, range, "://") { return nil }
    let shape = ValueShape(bytes, range)
    guard shape.spaces == 0, shape.digits > 0, shape.entropy >= 3.0, shape.dominance <= 0.3, !ValueForms.isUUID(bytes, range) else { return nil }
    if !assignment.quoted && ValueForms.looksLikeExpression(bytes, range) { return nil }
    return Candidate(start: range.lowerBound, end: range.upperBound, type: "credential_id", score: 0.6, severity: .medium, reasons: ["credential-pair"])
  }

  /// Whether two namespaces name the same service: equal, or one ends the
  /// other (`shopify_client` and `client`).
  static func sharesNamespace(_ a: [[UInt8]], _ b: [[UInt8]]) -> Bool {
    let (short, long) = a.count <= b.count ? (a, b) : (b, a)
    return Array(long.suffix(short.count)) == short || Array(long.prefix(short.count)) == short
  }

  /// The namespace of the key a value is assigned to (`hive` for
  /// `hive_secret: "…"`): the key's components without its last one.
  /// Empty for keys of one component (`secret`), nil when no key precedes
  /// the value on its line (a bare vendor token).
  func keyNamespace(_ bytes: [UInt8], before valueStart: Int) -> [[UInt8]]? {
    var position = valueStart
    var skipped = 0
    while position > 0 && skipped < 12 {
      let byte = bytes[position - 1]
      guard SecretBytes.isSpace(byte) || SecretBytes.isQuote(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "=")
        || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "\\") else { break }
      position -= 1
      skipped += 1
    }
    guard skipped > 0, position > 0, SecretBytes.keyName.contains(bytes[position - 1]) else { return nil }
    let keyStart = ValueExtraction.keyStart(bytes, containing: position - 1)
    var components = SecretKeys.components(bytes, keyStart..<position).map { bytes[$0].map(SecretBytes.lower) }
    // `name token - '…'`: the word before a lone key word is its namespace.
    if components.count == 1, let phrase = SecretKeys.phrase(bytes, endingWith: keyStart..<position) {
      components = SecretKeys.components(bytes, phrase).map { bytes[$0].map(SecretBytes.lower) }
    }
    guard !components.isEmpty else { return nil }
    components.removeLast()
    if components.last == Array("client".utf8) || components.last == Array("api".utf8) || components.last == Array("app".utf8) { components.removeLast() }
    return components
  }

  /// The byte range of `lines` lines above and below `range`, bounded to
  /// 512 bytes on each side.
  static func lineWindow(_ bytes: [UInt8], around range: Range<Int>, lines: Int) -> Range<Int> {
    var start = range.lowerBound
    var seen = 0
    while start > 0 && range.lowerBound - start < 512 {
      if bytes[start - 1] == 0x0A { seen += 1; if seen > lines { break } }
      start -= 1
    }
    var end = range.upperBound
    seen = 0
    while end < bytes.count && end - range.upperBound < 512 {
      if bytes[end] == 0x0A { seen += 1; if seen > lines { break } }
      end += 1
    }
    return start..<end
  }
}

extension VendorFormat {
  /// Every format's rule name (the first reason of its findings).
  static let names: Set<String> = Set(all.map(\.name))
}
