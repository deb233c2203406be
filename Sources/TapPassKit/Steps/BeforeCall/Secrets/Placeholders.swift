/// Recognises values that stand in for a secret instead of being one:
/// documentation placeholders, masks, template references and test values.
///
/// Two strengths, because a distinctive vendor prefix already says a lot:
/// - `isMasked` (applied to every candidate): `xxxx`, `****`, `EXAMPLE`,
///   `<...>`, `${VAR}`, `{{ ... }}`, `%s` and sequential runs such as
///   `abcdefg`/`1234567` that people type when inventing a key. A vendor
///   token whose body is `xxxx` is documentation, whatever its prefix; a
///   vendor token in its exact format is reported even with a sequential
///   run in it (see `isMasked`).
/// - `isPlaceholder` (keyed values only, where the key gives no format):
///   the above plus stand-in words (`your_api_key`, `changeme`, `dummy`),
///   a single repeated character, and configured extra words.
struct Placeholders: Sendable {
  /// Words that mark a keyed value as invented. Lower-case.
  static let standInWords: [[UInt8]] = [
    "example", "your", "changeme", "change_me", "change-me", "placeholder", "dummy", "fake",
    "sample", "redacted", "replace", "insert", "todo", "secret_here", "key_here", "token_here",
    "password_here", "mysecret", "mypassword", "notreal", "not_real", "not-real", "foobar",
    "lorem", "password", "passwd", "value",
  ].map { Array($0.utf8) }

  /// Whole values that are words, not secrets.
  static let standInValues: [[UInt8]] = [
    "password", "passwd", "secret", "token", "apikey", "api_key", "null", "none", "nil", "undefined",
    "true", "false", "test", "testing", "admin", "root", "default", "string", "value", "empty", "hidden",
    "required", "optional", "pass", "key", "user", "username", "login", "name", "guest", "n/a", "na", "tbd", "unknown", "example", "demo",
  ].map { Array($0.utf8) }

  var extraWords: [[UInt8]]

  init(extraWords: [String] = []) {
    self.extraWords = extraWords.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
  }

  /// Masks and template references: never a live secret.
  /// `sequentialRun` is the length of an `abcdefg`/`1234567` run that marks
  /// the value as invented; nil for vendor tokens. A value under a key has
  /// nothing but its look to prove it random, so a typed run gives it away;
  /// a vendor token has already passed its prefix, alphabet, length and
  /// layout, and synthetic tokens in the right format (`da2-abcdef…`,
  /// `API-1234567890…`) are what test fixtures, sample configs and pasted
  /// logs hold in place of live ones: they are reported, while masks
  /// (`xxxx`, `****`, `EXAMPLE`) still are not.
  func isMasked(_ bytes: [UInt8], _ range: Range<Int>, sequentialRun: Int? = 7) -> Bool {
    guard !range.isEmpty else { return true }
    let first = bytes[range.lowerBound]
    let last = bytes[range.upperBound - 1]
    // `<your key>`, `{SumoAccessKey}`, `[token]`, `(secret)`: a wrapped name.
    if (first == UInt8(ascii: "<") && last == UInt8(ascii: ">")) || (first == UInt8(ascii: "{") && last == UInt8(ascii: "}"))
      || (first == UInt8(ascii: "[") && last == UInt8(ascii: "]")) {
      return true
    }
    // Shell and template references: $VAR, ${VAR}, $(cmd), %VAR%, {{ x }}.
    if first == UInt8(ascii: "$") || first == UInt8(ascii: "%") { return true }
    // `-pass env:VAR`, `file:path`, `fd:3`: openssl's passphrase sources
    // other than `pass:` name where the secret is, not the secret.
    if SecretBytes.hasPrefix(bytes, range, "env:") || SecretBytes.hasPrefix(bytes, range, "file:") || SecretBytes.hasPrefix(bytes, range, "fd:") { return true }
    var xRun = 0, starRun = 0, dotRun = 0
    // Runs of five identical characters: one is a fixture's filler
    // (`…_live_1111…`), two in a short value a hand-typed stand-in
    // (`sgp_5555555dAAAAA7777777…`). Long base64 blobs of binary data
    // (macaroons, session tokens) repeat `A` for zero bytes, so only
    // values of up to 128 characters count.
    var sameRun = 1, sameRuns = 0
    for index in range {
      let byte = bytes[index]
      xRun = (byte == 0x78 || byte == 0x58) ? xRun + 1 : 0
      starRun = byte == UInt8(ascii: "*") ? starRun + 1 : 0
      dotRun = byte == UInt8(ascii: ".") ? dotRun + 1 : 0
      if xRun >= 4 || starRun >= 3 || dotRun >= 3 { return true }
      sameRun = index > range.lowerBound && byte == bytes[index - 1] ? sameRun + 1 : 1
      if sameRun == 5 && SecretBytes.alphanumeric.contains(byte) { sameRuns += 1 }
    }
    if sameRuns >= 2 && range.count <= 128 { return true }
    if SecretBytes.contains(bytes, range, "example") { return true }
    if Self.containsTemplateReference(bytes, range) { return true }
    if let sequentialRun, Self.hasSequentialRun(bytes, range, length: sequentialRun) { return true }
    return Self.hasPeriodicRun(bytes, range)
  }

  /// Twelve or more characters repeating a unit of two to four (`123123…`,
  /// `abababab…`): typed, not generated. A single repeated character is
  /// left to the callers, since vendor test fixtures use `aaaa…` bodies.
  static func hasPeriodicRun(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    guard range.count >= 12 else { return false }
    for unit in 2...4 {
      var run = 0
      var varied = false
      for index in (range.lowerBound + unit)..<range.upperBound {
        if bytes[index] == bytes[index - unit] {
          run += 1
          if bytes[index] != bytes[index - 1] { varied = true }
          if varied && run + unit >= 12 { return true }
        } else {
          run = 0
          varied = false
        }
      }
    }
    return false
  }


  /// Masks, stand-in words, repeated characters and configured words.
  func isPlaceholder(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    if isMasked(bytes, range, sequentialRun: 7) { return true }
    // `password`, and `password123` / `admin1!`: a stand-in with a suffix.
    var stem = range.upperBound
    while stem > range.lowerBound && !SecretBytes.alphanumeric.contains(bytes[stem - 1]) || (stem > range.lowerBound && bytes[stem - 1] >= 0x30 && bytes[stem - 1] <= 0x39) { stem -= 1 }
    for value in Self.standInValues where (value.count == range.count || value.count == stem - range.lowerBound) && SecretBytes.hasPrefix(bytes, range, value) { return true }
    for word in Self.standInWords where SecretBytes.contains(bytes, range, word) {
      if !Self.randomAround(bytes, range, Self.standInWords) { return true }
    }
    for word in extraWords where SecretBytes.contains(bytes, range, word) { return true }
    return false
  }

  /// Whether the value stays a random token once the stand-in words in
  /// it are taken out: test fixtures defuse real-looking keys by writing
  /// `FAKE` into them (`sk_nGDJWCkPiFAKE5XFTzUUA`), while invented values
  /// are words around the stand-in (`your_api_key_here`, `somefakekey`).
  /// The rest must be long, high-entropy and mix upper case, lower case
  /// and digits, which typed names and phrases never do.
  static func randomAround(_ bytes: [UInt8], _ range: Range<Int>, _ words: [[UInt8]]) -> Bool {
    guard range.count >= 20, range.count <= 512 else { return false }
    var rest: [UInt8] = []
    rest.reserveCapacity(range.count)
    var index = range.lowerBound
    outer: while index < range.upperBound {
      for word in words where SecretBytes.hasPrefix(bytes, index..<range.upperBound, word) {
        index += word.count
        continue outer
      }
      rest.append(bytes[index])
      index += 1
    }
    guard rest.count >= 16 else { return false }
    let shape = ValueShape(rest, 0..<rest.count)
    return shape.upper >= 2 && shape.lower >= 2 && shape.digits >= 1 && shape.entropy >= 3.7 && shape.dominance <= 0.2
      && !hasSequentialRun(rest, 0..<rest.count, length: 7)
  }

  /// A template or variable reference anywhere in the value: `${NAME}`,
  /// `{{ .Values.token }}`, `<api key>`, `#{secret}`, `%(password)s`, and
  /// interpolated expressions: `#{ENV.fetch('APP_SECRET')}` (Ruby),
  /// `${process.env["TOKEN"]}`, `<%= ENV['KEY'] %>` (ERB), `{% … %}`.
  /// The inside must be a name or, after a two-character interpolation
  /// opener, an expression whose brackets balance, so that random
  /// punctuation such as `p${e]nob` in a real password does not count:
  /// a generated password closes a bracket it never opened far more often
  /// than it writes a balanced `${…}` run.
  static func containsTemplateReference(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var index = range.lowerBound
    while index + 1 < range.upperBound {
      let byte = bytes[index], next = bytes[index + 1]
      var nameStart = -1
      var closer: UInt8 = 0
      // The byte after `closer` for two-byte closers (`}}`, `%>`, `%}`).
      var secondCloser: UInt8 = 0
      // Interpolation openers take an expression; `<…>` and `%(…)` a name.
      var expression = false
      if (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#")) && next == UInt8(ascii: "{") { nameStart = index + 2; closer = UInt8(ascii: "}"); expression = true }
      else if byte == UInt8(ascii: "{") && next == UInt8(ascii: "{") { nameStart = index + 2; closer = UInt8(ascii: "}"); secondCloser = closer; expression = true }
      else if byte == UInt8(ascii: "{") && next == UInt8(ascii: "%") { nameStart = index + 2; closer = next; secondCloser = UInt8(ascii: "}"); expression = true }
      else if byte == UInt8(ascii: "<") && next == UInt8(ascii: "%") { nameStart = index + 2; closer = next; secondCloser = UInt8(ascii: ">"); expression = true }
      else if byte == UInt8(ascii: "%") && next == UInt8(ascii: "(") { nameStart = index + 2; closer = UInt8(ascii: ")") }
      else if byte == UInt8(ascii: "<") && SecretBytes.alphanumeric.contains(next) { nameStart = index + 1; closer = UInt8(ascii: ">") }
      if nameStart >= 0 {
        let allowed = expression ? Self.expressionCharacters : Self.referenceCharacters
        var end = nameStart
        var depth = 0
        while end < range.upperBound && end - nameStart <= 80 {
          let inside = bytes[end]
          if inside == closer && depth == 0 { break }
          if !allowed.contains(inside) { break }
          if inside == UInt8(ascii: "(") || inside == UInt8(ascii: "[") { depth += 1 }
          if inside == UInt8(ascii: ")") || inside == UInt8(ascii: "]") {
            guard depth > 0 else { break }
            depth -= 1
          }
          end += 1
        }
        if end > nameStart && end < range.upperBound && bytes[end] == closer && depth == 0
          && (secondCloser == 0 || (end + 1 < range.upperBound && bytes[end + 1] == secondCloser)) { return true }
      }
      index += 1
    }
    return false
  }

  /// A name inside `<…>` or `%(…)`: identifier characters, spaces, `$`.
  static let referenceCharacters = SecretBytes.Set { SecretBytes.keyName.contains($0) || $0 == 0x20 || $0 == UInt8(ascii: "$") }
  /// An expression inside `${…}`, `#{…}`, `{{…}}`, `{%…%}`, `<%…%>`: names,
  /// member access, calls and indexes with quoted keys, filters (`|`),
  /// symbols and ivars (`:slack`, `@settings`), `=` of ERB's `<%=`.
  static let expressionCharacters = SecretBytes.Set { byte in
    referenceCharacters.contains(byte) || "@:'\",=|!()[]".utf8.contains(byte)
  }

  /// A run of `length` characters each one more (or one less) than the
  /// previous: `abcdef`, `123456`, `987654`. Random tokens almost never
  /// hold one; invented example keys very often do.
  static func hasSequentialRun(_ bytes: [UInt8], _ range: Range<Int>, length: Int) -> Bool {
    guard range.count >= length else { return false }
    var up = 1, down = 1
    var index = range.lowerBound + 1
    while index < range.upperBound {
      let previous = SecretBytes.lower(bytes[index - 1]), current = SecretBytes.lower(bytes[index])
      let alnum = SecretBytes.alphanumeric.contains(current) && SecretBytes.alphanumeric.contains(previous)
      up = alnum && current == previous &+ 1 ? up + 1 : 1
      down = alnum && current &+ 1 == previous ? down + 1 : 1
      if up >= length || down >= length { return true }
      index += 1
    }
    return false
  }
}
