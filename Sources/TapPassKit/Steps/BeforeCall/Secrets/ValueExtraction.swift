/// Finds the value of a `key <operator> value` assignment, in the forms
/// secrets are written in: `key = value`, `key: "value"`, `"key": "value"`,
/// `key := value`, `key => 'value'`, `KEY=value` in env files and query
/// strings, `key("value")`, `key == "value"` comparisons, `<key>value</key>`
/// elements, `<add key="key" value="value"/>` attribute pairs,
/// `-H "Authorization: Bearer value"` headers, and
/// `name token - 'value'` log lines.
///
/// The key itself is never part of the span: a finding covers exactly the
/// value, without quotes, scheme words (`Bearer`) or wrapping braces.
struct Assignment {
  enum Scheme { case none, bearer, basic }

  var key: Range<Int>
  var value: Range<Int>
  var quoted: Bool
  var scheme: Scheme = .none
  /// The operator's first byte (`=`, `:`, `(`, `>`), or a space for
  /// `key value` / `key "value"` without one.
  var op: UInt8 = UInt8(ascii: "=")
  /// Whitespace between the operator and the value (`key: value` in YAML,
  /// as opposed to `host:port` or `user:pass`).
  var spaced = false
  /// No whitespace on either side of the operator (`KEY=value`, `a=b`), the
  /// env-file and query-string style, as opposed to code (`total = …`).
  var tight = false
  /// The value is element or brace content that may hold several words
  /// (Jenkins `<secret>{AQAAABAAA value}</secret>`).
  var multiWord = false
}

enum ValueExtraction {
  static let maxKeyLength = 64
  static let maxValueLength = 4096
  /// Unquoted values end at the first separator; a longer run is a blob.
  /// Bounded (STS session tokens reach ~1,000) so that `key=key=key=…`
  /// costs little per key.
  static let maxUnquotedLength = 2048

  /// The start of the key name that contains `position`.
  static func keyStart(_ bytes: [UInt8], containing position: Int) -> Int {
    var start = position
    while start > 0 && position - start < maxKeyLength && SecretBytes.keyName.contains(bytes[start - 1]) { start -= 1 }
    return start
  }

  /// For a match that starts at an assignment operator: the start of the
  /// key before it (`"api_key" :` → `api_key`), or nil.
  static func keyStart(_ bytes: [UInt8], beforeOperator position: Int) -> Int? {
    var end = position
    var skipped = 0
    while end > 0 && skipped < 4 && (SecretBytes.isSpace(bytes[end - 1]) || SecretBytes.isQuote(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: "]")) {
      end -= 1
      skipped += 1
    }
    guard end > 0, SecretBytes.keyName.contains(bytes[end - 1]) else { return nil }
    return keyStart(bytes, containing: end - 1)
  }

  /// Parses `key <operator> value` forward from the key's first byte.
  static func parse(_ bytes: [UInt8], keyStart: Int) -> Assignment? {
    let count = bytes.count
    let keyEnd = SecretBytes.runEnd(bytes, from: keyStart, in: SecretBytes.keyName, limit: keyStart + maxKeyLength + 1)
    guard keyEnd > keyStart, keyEnd - keyStart <= maxKeyLength else { return nil }
    var position = keyEnd
    // `secret[25] = …`, `os.environ['KEY'] = …`: skip an index and closing quotes.
    if position < count, bytes[position] == UInt8(ascii: "[") {
      var close = position + 1
      while close < count && close - position < 8 && bytes[close] != UInt8(ascii: "]") && SecretBytes.alphanumeric.contains(bytes[close]) { close += 1 }
      if close < count, bytes[close] == UInt8(ascii: "]") { position = close + 1 }
    }
    var closers = 0
    while position < count && closers < 2 && (SecretBytes.isQuote(bytes[position]) || bytes[position] == UInt8(ascii: "]")) { position += 1; closers += 1 }
    // `\"api_key\": …` inside a JSON string (tool-call arguments).
    if closers == 0, position + 1 < count, bytes[position] == UInt8(ascii: "\\"), SecretBytes.isQuote(bytes[position + 1]) { position += 2; closers = 1 }
    let beforeSpace = position
    while position < count && position - beforeSpace < 8 && SecretBytes.isSpace(bytes[position]) { position += 1 }
    guard position < count else { return nil }
    // `<add key="ApiKey" value="…"/>`: the operator is the next attribute's.
    if closers > 0, position > beforeSpace, let equals = attributeValueOperator(bytes, keyStart: keyStart, at: position) { position = equals }

    // The operator.
    let operatorAt = position
    var call = false
    var element = false
    let byte = bytes[position]
    let next = position + 1 < count ? bytes[position + 1] : 0
    switch byte {
    case UInt8(ascii: ":"):
      // `:`, `:=`, and make's `::=` / `:::=`.
      var colons = 1
      while position + colons < count && colons < 3 && bytes[position + colons] == UInt8(ascii: ":") { colons += 1 }
      if position + colons < count, bytes[position + colons] == UInt8(ascii: "=") {
        position += colons + 1
      } else {
        guard colons == 1 else { return nil }  // `Foo::Bar`: a scope, not an operator
        position += 1
      }
    case UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "&"):
      // Compound assignments: PHP `.=`, make `?=` / `+=`, `??=`, `&&=`.
      var length = 1
      if next == byte { length = 2 }
      guard position + length < count, bytes[position + length] == UInt8(ascii: "=") else { return nil }
      position += length + 1
    case UInt8(ascii: "|"):
      // `||=`, or a table cell separator after an unquoted key
      // (`| api token | value |`); `'a' | 'b'` is a list, not a key.
      if next == UInt8(ascii: "|") {
        guard position + 2 < count, bytes[position + 2] == UInt8(ascii: "=") else { return nil }
        position += 3
      } else {
        guard closers == 0 else { return nil }
        position += 1
      }
    case UInt8(ascii: "="):
      position += 1
      while position < count && (bytes[position] == UInt8(ascii: "=") || bytes[position] == UInt8(ascii: ">")) && position - beforeSpace < 4 { position += 1 }
    case UInt8(ascii: "!"):
      guard next == UInt8(ascii: "=") else { return nil }
      position += 2
      if position < count, bytes[position] == UInt8(ascii: "=") { position += 1 }
    case UInt8(ascii: "-"):
      // `name token - 'value'` (log lines); the dash must stand alone.
      guard position > beforeSpace, SecretBytes.isSpace(next) else { return nil }
      position += 1
    case UInt8(ascii: "("):
      call = true
      position += 1
    case UInt8(ascii: ","):
      // `headers.Set("X-Api-Key", "value")`: a quoted key, then a quoted value.
      guard closers > 0 else { return nil }
      position += 1
      var next = position
      while next < count && SecretBytes.isSpace(bytes[next]) { next += 1 }
      guard next < count, SecretBytes.isQuote(bytes[next]) else { return nil }
    case UInt8(ascii: ">"):
      // `<secret>value</secret>`: only as an element.
      guard position == keyEnd, keyStart > 0, bytes[keyStart - 1] == UInt8(ascii: "<") else { return nil }
      element = true
      position += 1
    default:
      // `password "value"` or `LicenseKey value`: a value after whitespace.
      guard position > beforeSpace, SecretBytes.isQuote(byte) || SecretBytes.alphanumeric.contains(byte) else { return nil }
    }
    var op = position > beforeSpace && (SecretBytes.isQuote(byte) || SecretBytes.alphanumeric.contains(byte)) ? UInt8(0x20) : byte
    // `my password is Tr0ub4dor&3`: a copula in prose works as `:`.
    if op == 0x20, let copula = copulaEnd(bytes, position) {
      position = copula
      op = UInt8(ascii: ":")
    }
    var afterOperator = position
    while position < count && position - afterOperator < 8 && SecretBytes.isSpace(bytes[position]) { position += 1 }
    // `var apiToken string = "…"`, `val apiToken: String = "…"`: a type
    // name between the key and the real operator.
    if op == 0x20 || op == UInt8(ascii: ":"), let typed = skipTypeAnnotation(bytes, position) {
      position = typed
      afterOperator = typed
      while position < count && position - afterOperator < 8 && SecretBytes.isSpace(bytes[position]) { position += 1 }
    }
    // YAML block scalars (`token: |-` then the value on the next line).
    if op == UInt8(ascii: ":"), let block = blockScalarStart(bytes, position) { position = block }
    if position < count, bytes[position] == UInt8(ascii: "@"), position + 1 < count, SecretBytes.isQuote(bytes[position + 1]) { position += 1 }
    guard position < count else { return nil }

    // `Authorization: Bearer abc…` unquoted: the scheme word is not the value.
    var scheme = Assignment.Scheme.none
    if !SecretBytes.isQuote(bytes[position]), let word = schemeWord(bytes, position..<count) {
      scheme = word.scheme
      position += word.length
      while position < count && SecretBytes.isSpace(bytes[position]) { position += 1 }
      guard position < count else { return nil }
    }

    var assignment: Assignment
    if bytes[position] == UInt8(ascii: "\\"), position + 1 < count, SecretBytes.isQuote(bytes[position + 1]) {
      // `KEY=\"value\"` inside a JSON string: the quotes are escaped.
      let quote = bytes[position + 1]
      var end = position + 2
      while end + 1 < count && end - position <= maxValueLength && !(bytes[end] == UInt8(ascii: "\\") && bytes[end + 1] == quote) && bytes[end] != 0x0A { end += 1 }
      guard end + 1 < count, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == quote else { return nil }
      assignment = Assignment(key: keyStart..<keyEnd, value: (position + 2)..<end, quoted: true)
    } else if SecretBytes.isQuote(bytes[position]) {
      let quote = bytes[position]
      var end = position + 1
      while end < count && end - position <= maxValueLength && bytes[end] != quote && bytes[end] != 0x0A {
        if bytes[end] == UInt8(ascii: "\\") { end += 1 }
        end += 1
      }
      guard end < count, bytes[end] == quote else { return nil }
      var start = position + 1
      var stop = end
      while start < stop && SecretBytes.isSpace(bytes[start]) { start += 1 }
      while stop > start && SecretBytes.isSpace(bytes[stop - 1]) { stop -= 1 }
      assignment = Assignment(key: keyStart..<keyEnd, value: start..<stop, quoted: true)
    } else if call {
      return nil  // `token(x)`: a call with an expression, not a literal
    } else if element {
      // `<apiToken>\n    value\n</apiToken>`: content on its own line.
      let contentStart = position
      while position < count && position - contentStart < 64 {
        if SecretBytes.isSpace(bytes[position]) { position += 1 } else if let next = lineBreakEnd(bytes, position) { position = next } else { break }
      }
      var end = position
      while end < count && end - position <= maxValueLength && bytes[end] != UInt8(ascii: "<") && bytes[end] != 0x0A && bytes[end] != 0x0D
        && !(bytes[end] == UInt8(ascii: "\\") && end + 1 < count && (bytes[end + 1] == UInt8(ascii: "n") || bytes[end + 1] == UInt8(ascii: "r"))) { end += 1 }
      assignment = Assignment(key: keyStart..<keyEnd, value: position..<end, quoted: false, multiWord: true)
    } else {
      var end = position
      while end < count && end - position <= maxUnquotedLength && !endsUnquoted(bytes[end]) { end += 1 }
      guard end - position <= maxUnquotedLength else { return nil }  // a blob, not a value
      end = trimUnbalancedClosers(bytes, position, end)
      // Sentence punctuation after an unquoted value (`… Exception:`).
      while end > position + 1 && (bytes[end - 1] == UInt8(ascii: ":") || bytes[end - 1] == UInt8(ascii: ".")) { end -= 1 }
      assignment = Assignment(key: keyStart..<keyEnd, value: position..<end, quoted: false)
    }
    assignment.op = op
    assignment.spaced = op == 0x20 || assignment.value.lowerBound > afterOperator
    assignment.tight = !assignment.spaced && operatorAt == beforeSpace
    if scheme == .none { stripScheme(bytes, &assignment) } else { assignment.scheme = scheme }
    stripBraces(bytes, &assignment)
    return assignment.value.isEmpty ? nil : assignment
  }

  /// `<add key="ClearTextPassword" value="…"/>` (.NET `appSettings`,
  /// `nuget.config`), `<property name="password" value="…"/>` (Spring,
  /// Ant, Tomcat `<Parameter>`): XML configuration names the setting in a
  /// `key` or `name` attribute and puts its value in the `value` attribute
  /// after it. When the key is the whole quoted value of such an attribute
  /// and `value=` follows at `position`, returns the position of that `=`.
  static func attributeValueOperator(_ bytes: [UInt8], keyStart: Int, at position: Int) -> Int? {
    var index = keyStart - 1
    guard index >= 2, SecretBytes.isQuote(bytes[index]) else { return nil }
    index -= 1
    if bytes[index] == UInt8(ascii: "\\") { index -= 1 }  // `key=\"…\"` inside a JSON string
    guard index >= 0, bytes[index] == UInt8(ascii: "=") else { return nil }
    let nameEnd = index
    while index > 0 && SecretBytes.alphanumeric.contains(bytes[index - 1]) { index -= 1 }
    let name = index..<nameEnd
    guard index > 0, SecretBytes.isSpace(bytes[index - 1]) || bytes[index - 1] == 0x0A,
      attributeNames.contains(where: { $0.count == name.count && SecretBytes.hasPrefix(bytes, name, $0) }) else { return nil }
    // `<input type="hidden" name="authenticity_token" value="…">`: a form
    // field's value is page content served to every visitor (anti-forgery
    // tokens, defaults), not configuration.
    var tag = index
    while tag > 0 && index - tag < 256 && bytes[tag - 1] != UInt8(ascii: "<") && bytes[tag - 1] != UInt8(ascii: ">") { tag -= 1 }
    if tag > 0, bytes[tag - 1] == UInt8(ascii: "<"), SecretBytes.hasPrefix(bytes, tag..<index, "input") { return nil }
    let count = bytes.count
    guard SecretBytes.hasPrefix(bytes, position..<count, "value") else { return nil }
    var equals = position + 5
    while equals < count && equals - position < 8 && SecretBytes.isSpace(bytes[equals]) { equals += 1 }
    guard equals < count, bytes[equals] == UInt8(ascii: "=") else { return nil }
    return equals
  }

  static let attributeNames: [[UInt8]] = ["key", "name"].map { Array($0.utf8) }

  /// `is`, `was`, `is:`, `=`-like words of prose between a key and its
  /// value (`the password is …`); the position after them and their space.
  static func copulaEnd(_ bytes: [UInt8], _ position: Int) -> Int? {
    for word in copulas where SecretBytes.hasPrefix(bytes, position..<bytes.count, word) {
      var end = position + word.count
      if end < bytes.count, bytes[end] == UInt8(ascii: ":") { end += 1 }
      guard end < bytes.count, SecretBytes.isSpace(bytes[end]) else { continue }
      return end
    }
    return nil
  }

  static let copulas: [[UInt8]] = ["is", "was", "remains", "will be", "would be", "should be"].map { Array($0.utf8) }

  /// Type names that may sit between a key and its operator.
  static let typeNames: [[UInt8]] = ["string", "str", "&str", "const", "char", "char*", "var", "val", "let", "text", "secret", "securestring"].map { Array($0.utf8) }

  /// After `key` and whitespace (or `key:`): a type name followed by `=`
  /// or `:=` (not `==`). Returns the position after that operator.
  static func skipTypeAnnotation(_ bytes: [UInt8], _ position: Int) -> Int? {
    let count = bytes.count
    var end = position
    while end < count && end - position < 16 && (SecretBytes.alphanumeric.contains(bytes[end]) || bytes[end] == UInt8(ascii: "*") || bytes[end] == UInt8(ascii: "&") || bytes[end] == UInt8(ascii: "?")) { end += 1 }
    guard end > position else { return nil }
    let word = position..<(bytes[end - 1] == UInt8(ascii: "?") ? end - 1 : end)
    guard typeNames.contains(where: { $0.count == word.count && SecretBytes.hasPrefix(bytes, word, $0) }) else { return nil }
    var next = end
    while next < count && next - end < 8 && SecretBytes.isSpace(bytes[next]) { next += 1 }
    guard next < count else { return nil }
    if bytes[next] == UInt8(ascii: ":"), next + 1 < count, bytes[next + 1] == UInt8(ascii: "=") { return next + 2 }
    guard bytes[next] == UInt8(ascii: "="), next + 1 < count, bytes[next + 1] != UInt8(ascii: "=") else { return nil }
    return next + 1
  }

  /// `|`, `|-`, `>`, `>-` then the end of the line: the first non-blank
  /// byte of the next line, where a YAML block scalar's content starts.
  static func blockScalarStart(_ bytes: [UInt8], _ position: Int) -> Int? {
    let count = bytes.count
    guard position < count, bytes[position] == UInt8(ascii: "|") || bytes[position] == UInt8(ascii: ">") else { return nil }
    var index = position + 1
    if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
    while index < count && SecretBytes.isSpace(bytes[index]) { index += 1 }
    guard let lineStart = lineBreakEnd(bytes, index) else { return nil }
    index = lineStart
    while index < count && index - lineStart < 32 && SecretBytes.isSpace(bytes[index]) { index += 1 }
    // The content is indented and on that line.
    guard index > lineStart, index < count, bytes[index] != 0x0A, bytes[index] != 0x0D, bytes[index] != UInt8(ascii: "\\") else { return nil }
    return index
  }

  /// After a line break at `index` (`\n`, `\r\n`, or the two-byte `\\n`
  /// escape of a JSON string): the next line's start; nil when there is none.
  static func lineBreakEnd(_ bytes: [UInt8], _ index: Int) -> Int? {
    let count = bytes.count
    var index = index
    if index < count, bytes[index] == 0x0D { index += 1 }
    if index < count, bytes[index] == 0x0A { return index + 1 }
    if index + 1 < count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "n") { return index + 2 }
    return nil
  }

  @inline(__always) static func endsUnquoted(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "&"), UInt8(ascii: "|"):
      return true
    case UInt8(ascii: "\\"):
      return true  // an escape inside a JSON-in-JSON string ends the value
    default:
      return false
    }
  }

  /// Drops trailing `)`, `]`, `}` and `>` that close something outside the
  /// value (`f(key=abc)`), keeping those balanced inside it.
  static func trimUnbalancedClosers(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
    var end = end
    while end > start {
      let last = bytes[end - 1]
      let opener: UInt8
      switch last {
      case UInt8(ascii: ")"): opener = UInt8(ascii: "(")
      case UInt8(ascii: "]"): opener = UInt8(ascii: "[")
      case UInt8(ascii: "}"): opener = UInt8(ascii: "{")
      case UInt8(ascii: ">"): opener = UInt8(ascii: "<")
      default: return end
      }
      var opens = 0, closes = 0
      for index in start..<end {
        if bytes[index] == opener { opens += 1 } else if bytes[index] == last { closes += 1 }
      }
      if closes <= opens { return end }
      end -= 1
    }
    return end
  }

  static let schemeWords: [(word: [UInt8], scheme: Assignment.Scheme)] = [
    (Array("bearer ".utf8), .bearer), (Array("token ".utf8), .bearer), (Array("bot ".utf8), .bearer), (Array("basic ".utf8), .basic),
  ]

  /// An HTTP auth scheme word (`Bearer `, `Token `, `Basic `) at the start of `range`.
  static func schemeWord(_ bytes: [UInt8], _ range: Range<Int>) -> (length: Int, scheme: Assignment.Scheme)? {
    for entry in schemeWords where SecretBytes.hasPrefix(bytes, range, entry.word) { return (entry.word.count, entry.scheme) }
    return nil
  }

  /// `"Bearer <token>"` quoted: the value is the credential after the scheme word.
  static func stripScheme(_ bytes: [UInt8], _ assignment: inout Assignment) {
    let range = assignment.value
    guard let word = schemeWord(bytes, range) else { return }
    var start = range.lowerBound + word.length
    while start < range.upperBound && SecretBytes.isSpace(bytes[start]) { start += 1 }
    var end = start
    while end < range.upperBound && !SecretBytes.isSpace(bytes[end]) { end += 1 }
    assignment.value = start..<end
    assignment.scheme = word.scheme
  }

  /// `{AQAAABAAA value}` (Jenkins credentials) and `{value}`: content of a
  /// brace pair that wraps the whole value, as several words.
  static func stripBraces(_ bytes: [UInt8], _ assignment: inout Assignment) {
    let range = assignment.value
    guard range.count > 2, bytes[range.lowerBound] == UInt8(ascii: "{"), bytes[range.upperBound - 1] == UInt8(ascii: "}") else { return }
    let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
    // Only when the content has no other braces (so `{{ x }}` templates stay whole).
    for index in inner where bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "}") { return }
    guard inner.contains(where: { SecretBytes.isSpace(bytes[$0]) }) || assignment.multiWord else { return }
    assignment.value = inner
    assignment.multiWord = true
  }

  /// The words of a multi-word value (separated by spaces), for picking the
  /// one that looks like the credential.
  static func words(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = range.lowerBound
    var index = range.lowerBound
    while index <= range.upperBound {
      if index == range.upperBound || SecretBytes.isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "}") {
        if index > start { result.append(start..<index) }
        start = index + 1
      }
      index += 1
    }
    return result
  }
}
