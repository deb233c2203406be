/// What a key name says about the value assigned to it.
///
/// Key names are compared lower-cased with `_ - .` and spaces removed, so
/// `AWS_SECRET_ACCESS_KEY`, `awsSecretAccessKey` and `aws-secret-access-key`
/// read the same. Words that rule a key out must start at a component of
/// the name (after a separator or a lower-to-upper case change), so that
/// `courier_key` is not a `uri` and `conversion_key` not a `version`. Three strengths decide how much the value must prove:
/// a password key accepts any non-trivial value, a secret/token key needs
/// an entropy-bearing value, and any other key (a vendor name such as
/// `sourcegraph:`) needs a value that is unmistakably random.
struct KeyMeaning: Equatable {
  enum Strength: Equatable { case password, secret, weak }
  var type: String
  var strength: Strength
  /// The key names a vendor, so the type is that vendor's.
  var vendor: Bool = false
}

enum SecretKeys {
  /// Keys whose values are identifiers, digests or settings, never secrets.
  static let denied: [[UInt8]] = [
    "public", "publish", "hash", "sha1", "sha2", "sha256", "sha512", "md5", "checksum", "digest", "integrity",
    "uuid", "guid", "commit", "etag", "nonce", "version", "keyboard", "keyword", "keyspace", "tokeniz", "expir",
    "maxtoken", "tokens", "tokenlimit", "tokencount", "numtoken", "authored", "authorname", "keypath", "keyfile", "bypass",
    "compass", "passenger", "passage", "passthrough", "passive", "passport", "passed", "passes", "passing", "passable", "keycode", "keyname", "keytype",
    "tokentype", "url", "uri", "endpoint", "authmethod", "authtype", "authority", "authenticat", "monkey",
    "turkey", "donkey", "hockey", "whiskey", "jockey", "keystroke", "keyframe", "keynote", "hotkey", "keybind",
    "primarykey", "foreignkey", "sortkey", "partitionkey", "cachekey", "keyprefix", "idempotency", "locale",
    "algorithm", "format", "length", "ttl", "timeout", "filename", "path", "image", "model",
    "placeholder", "example", "pattern", "regex", "label", "description", "title", "hint", "username", "ref", "revision",
    "parent", "blob", "oid",
    // Pagination, locking and idempotency tokens, object and tag keys, ARNs.
    "next", "lock", "change", "continuation", "pagination", "starting", "marker", "tag", "arn", "identifier",
    "signature", "s3", "object", "export", "import", "clienttoken", "sync", "resume",
  ].map { Array($0.utf8) }

  /// Deny words that are stems: they also rule out longer words they begin.
  static let stems: [[UInt8]] = ["publish", "authenticat", "tokeniz", "expir", "checksum", "keyboard", "keyword", "passthrough"].map { Array($0.utf8) }

  /// `denied` by first byte, each word with whether it is a stem: the deny
  /// check runs for every key-like word in prose ("the key to success"),
  /// and trying all the words at every component start was most of
  /// `classify`'s time.
  static let deniedByFirstByte: [[(word: [UInt8], isStem: Bool)]] = {
    var table = [[(word: [UInt8], isStem: Bool)]](repeating: [], count: 256)
    for word in denied { table[Int(word[0])].append((word, stems.contains(word))) }
    return table
  }()

  static let urlWord = Array("url".utf8)
  static let uriWord = Array("uri".utf8)

  static let passwordWords: [[UInt8]] = ["pass", "pwd"].map { Array($0.utf8) }
  static let secretWords: [[UInt8]] = ["secret", "privatekey", "signingkey", "encryptionkey", "masterkey", "credential", "creds"].map { Array($0.utf8) }
  static let tokenWords: [[UInt8]] = ["token", "key", "auth", "bearer", "webhook", "dsn", "connectionstring", "connstr", "apikey", "cookie", "session"].map { Array($0.utf8) }

  /// Key words that name a vendor, and the finding type they give.
  static let vendors: [(word: [UInt8], type: String)] = [
    ("azure", "azure_credential"), ("accountkey", "azure_credential"), ("sharedaccesskey", "azure_credential"),
    ("twilio", "twilio_credential"), ("sendgrid", "sendgrid_api_key"), ("stripe", "stripe_key"),
    ("github", "github_token"), ("gitlab", "gitlab_token"), ("slack", "slack_token"), ("npm", "npm_token"),
    ("pypi", "pypi_token"), ("openai", "openai_api_key"), ("anthropic", "anthropic_api_key"), ("claude", "anthropic_api_key"),
    ("huggingface", "huggingface_token"), ("hftoken", "huggingface_token"), ("google", "google_credential"),
    ("gcp", "google_credential"), ("firebase", "google_credential"),
  ].map { (Array($0.0.utf8), $0.1) }

  /// The components of a key name: split at `_ - .` and spaces and where
  /// a lower-case letter meets an upper-case one (`nextPageToken` →
  /// `next`, `Page`, `Token`). Ranges into `bytes`.
  static func components(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = range.lowerBound
    var previousLower = false
    for index in range {
      let byte = bytes[index]
      if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == 0x20 {
        if index > start { result.append(start..<index) }
        start = index + 1
        previousLower = false
        continue
      }
      let isUpper = byte >= 0x41 && byte <= 0x5A
      if isUpper && previousLower && index > start {
        result.append(start..<index)
        start = index
      }
      previousLower = byte >= 0x61 && byte <= 0x7A
    }
    if range.upperBound > start { result.append(start..<range.upperBound) }
    return result
  }

  /// The words before `key` on its line that form one name with it
  /// (`teams webhook url`): up to two more words of letters, separated by
  /// single spaces. Nil when there are none.
  static func phrase(_ bytes: [UInt8], endingWith key: Range<Int>) -> Range<Int>? {
    var start = key.lowerBound
    for _ in 0..<2 {
      guard start >= 2, bytes[start - 1] == 0x20 else { break }
      var wordStart = start - 1
      while wordStart > 0 && start - 1 - wordStart < 24 && ((bytes[wordStart - 1] | 0x20) >= 0x61 && (bytes[wordStart - 1] | 0x20) <= 0x7A) { wordStart -= 1 }
      guard wordStart < start - 1 else { break }
      start = wordStart
    }
    return start < key.lowerBound ? start..<key.upperBound : nil
  }

  /// Words that, right before a key, say its value is not a secret.
  static let negatingWords: [[UInt8]] = [
    "public", "publishable", "example", "sample", "dummy", "fake", "placeholder", "demo", "registry", "primary", "foreign",
    "sort", "partition", "cache", "hot",
  ].map { Array($0.utf8) }

  /// Whether the word just before `key` in `phrase` is a negating word.
  static func negated(_ bytes: [UInt8], _ phrase: Range<Int>, key: Range<Int>) -> Bool {
    guard key.lowerBound >= phrase.lowerBound + 2 else { return false }
    let wordEnd = key.lowerBound - 1
    var wordStart = wordEnd
    while wordStart > phrase.lowerBound && bytes[wordStart - 1] != 0x20 { wordStart -= 1 }
    let word = wordStart..<wordEnd
    return negatingWords.contains { $0.count == word.count && SecretBytes.hasPrefix(bytes, word, $0) }
  }

  /// The meaning of the key at `range`, or nil when the key rules it out.
  static func classify(_ bytes: [UInt8], _ range: Range<Int>) -> KeyMeaning? {
    var key: [UInt8] = []
    var componentStarts: [Int] = [0]
    key.reserveCapacity(range.count)
    var previousLower = false
    for index in range {
      let byte = bytes[index]
      if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == 0x20 {
        if componentStarts.last != key.count { componentStarts.append(key.count) }
        previousLower = false
        continue
      }
      let isUpper = byte >= 0x41 && byte <= 0x5A
      if isUpper && previousLower && componentStarts.last != key.count { componentStarts.append(key.count) }
      previousLower = byte >= 0x61 && byte <= 0x7A
      key.append(SecretBytes.lower(byte))
    }
    guard !key.isEmpty else { return nil }
    // Bundler host credentials: `BUNDLE_GEMS__EXAMPLE__COM=user:password`.
    if SecretBytes.hasPrefix(bytes, range, "bundle_"), SecretBytes.contains(bytes, range, "__") {
      return KeyMeaning(type: "generic_password", strength: .password)
    }
    let all = 0..<key.count
    func has(_ word: [UInt8]) -> Bool { SecretBytes.contains(key, all, word) }
    func hasString(_ word: StaticString) -> Bool { SecretBytes.contains(key, all, word) }
    // A deny word starts at a component and ends exactly at a boundary
    // (`next_token`, `primary_key`), never across one (`tokens` is not in
    // `token_secret`); only `stems` may also end inside a component
    // (`publish` of `publishable`), other words may not (`next` is not in
    // `NEXTAUTH_SECRET`, `export` not in `exportsdk_secret`).
    func deniedWordStartsComponent(webhook: Bool) -> Bool {
      for (index, start) in componentStarts.enumerated() where start < key.count {
        let nextBoundary = index + 1 < componentStarts.count ? componentStarts[index + 1] : key.count
        for entry in deniedByFirstByte[Int(key[start])] where SecretBytes.hasPrefix(key, start..<key.count, entry.word) {
          if webhook && (entry.word == urlWord || entry.word == uriWord) { continue }
          let end = start + entry.word.count
          if end == key.count || componentStarts.contains(end) || (entry.isStem && end <= nextBoundary) { return true }
        }
      }
      return false
    }

    let webhook = hasString("webhook")
    // `author: …` is a name; `authorization: …` is a credential.
    if hasString("author") && !hasString("authoriz") && !hasString("authoris") { return nil }
    if deniedWordStartsComponent(webhook: webhook) { return nil }
    let password = passwordWords.contains(where: has)
    let secret = secretWords.contains(where: has)
    let token = tokenWords.contains(where: has)
    // `client_id`, `key_id`, `access_key_id`: identifiers of a credential.
    if key.count >= 2, key[key.count - 2] == UInt8(ascii: "i"), key[key.count - 1] == UInt8(ascii: "d"), !password, !secret, !hasString("token") {
      return nil
    }

    if hasString("aws") {
      if hasString("session") || hasString("security") { return KeyMeaning(type: "aws_session_token", strength: .secret, vendor: true) }
      if secret || hasString("sk") { return KeyMeaning(type: "aws_secret_access_key", strength: .secret, vendor: true) }
    }
    if password { return KeyMeaning(type: "generic_password", strength: .password) }
    if webhook { return KeyMeaning(type: "webhook_url", strength: .secret, vendor: true) }
    for vendor in vendors where has(vendor.word) {
      return KeyMeaning(type: vendor.type, strength: secret || token ? .secret : .weak, vendor: true)
    }
    if secret { return KeyMeaning(type: "generic_secret", strength: .secret) }
    if token { return KeyMeaning(type: "api_key", strength: .secret) }
    return KeyMeaning(type: "api_key", strength: .weak)
  }
}
