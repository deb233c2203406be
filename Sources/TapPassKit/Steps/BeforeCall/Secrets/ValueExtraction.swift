/// Finds the value of a `key <operator> value` assignment, in the forms
/// secrets are written in: `key = value`, `key: "value"`, `"key": "value"`,
/// `key := value`, `key => 'value'`, `KEY=value` in env files and query
/// strings, `key("value")`, `key == "value"` comparisons, `<key>value</key>`
/// elements, `-H "Authorization: Bearer value"` headers, and
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
    let beforeSpace = position
    while position < count && position - beforeSpace < 8 && SecretBytes.isSpace(bytes[position]) { position += 1 }
    guard position < count else { return nil }

    // The operator.
    let operatorAt = position
    var call = false
    var element = false
    let byte = bytes[position]
    let next = position + 1 < count ? bytes[position + 1] : 0
    switch byte {
    case UInt8(ascii: ":"):
      position += next == UInt8(ascii: "=") ? 2 : 1
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
    let op = position > beforeSpace && (SecretBytes.isQuote(byte) || SecretBytes.alphanumeric.contains(byte)) ? UInt8(0x20) : byte
    let afterOperator = position
    while position < count && position - afterOperator < 8 && SecretBytes.isSpace(bytes[position]) { position += 1 }
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
    if SecretBytes.isQuote(bytes[position]) {
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
      var end = position
      while end < count && end - position <= maxValueLength && bytes[end] != UInt8(ascii: "<") && bytes[end] != 0x0A { end += 1 }
      assignment = Assignment(key: keyStart..<keyEnd, value: position..<end, quoted: false, multiWord: true)
    } else {
      var end = position
      while end < count && end - position <= maxValueLength && !endsUnquoted(bytes[end]) { end += 1 }
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

  /// Identifiers and labels made of words: `CF_R2_ACCESS_KEY_ID`,
  /// `image_to_video_360_rotation`, `PALADIN_PLUS_v3.1`. True when the value
  /// has at least three segments (split at `_ - . / = :`) and word-like segments
  /// (letters only, or at most two characters) make up most of it. Random
  /// tokens have long mixed segments, so they never qualify.
  /// `share` is the part of the value word-like segments must cover.
  static func isWordCompound(_ bytes: [UInt8], _ range: Range<Int>, share: Double = 0.8) -> Bool {
    var segments = 0
    var wordy = 0
    var total = 0
    var start = range.lowerBound
    var index = range.lowerBound
    while index <= range.upperBound {
      let separator = index == range.upperBound || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "-")
        || bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "/") || bytes[index] == UInt8(ascii: "=")
        || bytes[index] == UInt8(ascii: ":")
      if separator {
        let length = index - start
        if length > 0 {
          segments += 1
          total += length
          var letters = 0
          for position in start..<index where (bytes[position] | 0x20) >= 0x61 && (bytes[position] | 0x20) <= 0x7A { letters += 1 }
          if letters == length || length <= 2 { wordy += length }
        }
        start = index + 1
      }
      index += 1
    }
    return segments >= 3 && Double(wordy) >= Double(total) * share
  }

  /// An unquoted value that is code, not a literal: `os.environ['X']`,
  /// `config.apiKey`, `getenv("TOKEN")`, `os.urandom(24)`, or a bare
  /// identifier. A dotted chain counts only without digits, so dotted
  /// tokens (`sk.nc7.R5t…`) stay literals; a call or index always counts.
  static func looksLikeExpression(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    // `Token{a64f992`, `Foo(bar`: an opener without its closer is code or a
    // printed object, cut at the first space.
    var depth = 0
    for index in range {
      switch bytes[index] {
      case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
      default: break
      }
    }
    if depth > 0 { return true }
    var index = range.lowerBound
    var digits = false
    while index < range.upperBound {
      let first = bytes[index]
      guard (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A || first == UInt8(ascii: "_") || first == UInt8(ascii: "$") else { return false }
      while index < range.upperBound && (SecretBytes.alphanumeric.contains(bytes[index]) || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "$")) {
        if bytes[index] >= 0x30 && bytes[index] <= 0x39 { digits = true }
        index += 1
      }
      if index == range.upperBound { return !digits }
      let stop = bytes[index]
      if stop == UInt8(ascii: "(") || stop == UInt8(ascii: "[") { return true }
      guard stop == UInt8(ascii: "."), index + 1 < range.upperBound else { return false }
      index += 1
    }
    return false
  }
}
