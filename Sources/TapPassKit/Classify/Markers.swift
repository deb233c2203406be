import Glibc

/// Built-in classification markings: the words and banners people put on
/// documents to say how sensitive they are.
///
/// Each marker is a Hyperscan pattern compiled into the classifier's
/// database together with the policy's own recognisers, so a record's text
/// is scanned once, byte-level, for all of them. Why these patterns:
/// - banners are upper case by convention (`TOP SECRET//SI`, `RESTRICTED`),
///   while the same words in prose ("restricted access") are common, so the
///   banner-only words are case-sensitive;
/// - "confidential", "internal only" and "top secret" are sensitive in any
///   case and are matched caselessly;
/// - a header line (`Classification: Confidential`, `Sensitivity: Internal`)
///   carries its level in the word after the colon, which the classifier
///   reads from the matched bytes (Hyperscan has no capture groups).
public struct Marker: Sendable, Equatable {
  public var name: String
  public var pattern: PatternSpec
  /// The level the marker stands for; nil when it is read from the match
  /// (header markers).
  public var level: ClassificationLevel?
  public var summary: String

  public static let builtIn: [Marker] = [
    Marker(name: "top_secret", pattern: PatternSpec("top_secret", #"\btop[ _-]?secret\b"#, caseless: true),
      level: .topSecret, summary: "the words \"top secret\""),
    Marker(name: "secret_banner", pattern: PatternSpec("secret_banner", #"\bSECRET//[A-Z]"#),
      level: .restricted, summary: "a SECRET// banner with caveats"),
    Marker(name: "restricted_banner", pattern: PatternSpec("restricted_banner", #"\bRESTRICTED\b"#),
      level: .restricted, summary: "the upper-case banner RESTRICTED"),
    Marker(name: "strictly_confidential", pattern: PatternSpec("strictly_confidential", #"\b(strictly|highly)[ \t]+confidential\b"#, caseless: true),
      level: .restricted, summary: "\"strictly\" or \"highly confidential\""),
    Marker(name: "privileged", pattern: PatternSpec("privileged", #"\battorney[ -]client[ \t]+privilege"#, caseless: true),
      level: .restricted, summary: "attorney-client privilege"),
    Marker(name: "tlp_red", pattern: PatternSpec("tlp_red", #"\bTLP:RED\b"#), level: .restricted, summary: "Traffic Light Protocol RED"),
    Marker(name: "confidential", pattern: PatternSpec("confidential", #"\bconfidential\b"#, caseless: true),
      level: .confidential, summary: "the word \"confidential\""),
    Marker(name: "proprietary", pattern: PatternSpec("proprietary", #"\bPROPRIETARY\b"#),
      level: .confidential, summary: "the upper-case banner PROPRIETARY"),
    Marker(name: "do_not_distribute", pattern: PatternSpec("do_not_distribute", #"\bdo[ \t]+not[ \t]+(distribute|forward|share)\b"#, caseless: true),
      level: .confidential, summary: "\"do not distribute/forward/share\""),
    Marker(name: "tlp_amber", pattern: PatternSpec("tlp_amber", #"\bTLP:AMBER\b"#), level: .confidential, summary: "Traffic Light Protocol AMBER"),
    Marker(name: "internal_only", pattern: PatternSpec("internal_only", #"\b(internal[ _-]+(use[ _-]+)?only|for[ \t]+internal[ \t]+use)\b"#, caseless: true),
      level: .internal, summary: "\"internal only\", \"for internal use\""),
    Marker(name: "tlp_green", pattern: PatternSpec("tlp_green", #"\bTLP:GREEN\b"#), level: .internal, summary: "Traffic Light Protocol GREEN"),
    Marker(name: "classification_header",
      pattern: PatternSpec("classification_header",
        #"(^|\n)[ \t#*>]*(data[ \t]+)?(classification|sensitivity|security[ \t]+level|label)[ \t]*:[ \t]*(public|internal|confidential|restricted|secret|top[ _-]?secret)\b"#,
        caseless: true),
      level: nil, summary: "a document header such as \"Classification: Confidential\""),
  ]

  public static func builtIn(named name: String) -> Marker? { builtIn.first { $0.name == name } }

  /// The level a header match names: the last level word in the match.
  static func headerLevel(_ match: UnsafeBufferPointer<UInt8>) -> ClassificationLevel? {
    // Walk back over the trailing word (letters, space, _ or - for
    // "top secret") after the colon.
    var colon = match.count - 1
    while colon >= 0 && match[colon] != 0x3A { colon -= 1 }
    var start = colon + 1
    while start < match.count && (match[start] == 0x20 || match[start] == 0x09) { start += 1 }
    return ClassificationLevel(looseName: UnsafeBufferPointer(rebasing: match[start...]))
  }
}

/// The `classification_header` marker matched by hand. Its pattern is
/// anchored at line starts, so Hyperscan can use no literal to skip text
/// and it cost a third of the whole marker scan; here line starts are
/// found with `memchr` and each line is checked in a few byte compares.
/// Gives exactly the matches Hyperscan gives for the pattern (caseless
/// ASCII, leftmost start: the newline before the line, or 0), checked
/// against it in ClassifyCompiledTests.
enum HeaderMarker {
  static let name = "classification_header"
  static let index = Marker.builtIn.firstIndex { $0.name == name }!

  /// Appends `(start, end)` for every header line in `text`, in order.
  static func matches(_ text: UnsafeBufferPointer<UInt8>, into matches: inout [(start: Int, end: Int)]) {
    guard let base = text.baseAddress else { return }
    var lineStart = 0, matchStart = 0
    while true {
      if let end = end(of: text, line: lineStart) { matches.append((matchStart, end)) }
      guard lineStart < text.count, let newline = memchr(base + lineStart, 0x0A, text.count - lineStart) else { return }
      matchStart = newline.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
      lineStart = matchStart + 1
    }
  }

  @inline(__always)
  static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

  @inline(__always)
  static func isWord(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
  }

  /// Whether `text[at...]` starts with `word` (lower-case letters),
  /// ignoring ASCII case.
  @inline(__always)
  static func word(_ text: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard at + count <= text.count else { return false }
    let letters = word.utf8Start
    for offset in 0..<count where text[at + offset] | 0x20 != letters[offset] { return false }
    return true
  }

  static func skipBlanks(_ text: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int {
    var position = at
    while position < text.count && isBlank(text[position]) { position += 1 }
    return position
  }

  /// The end of the header match on the line starting at `line`:
  /// `[ \t#*>]*(data[ \t]+)?(classification|sensitivity|security[ \t]+level|label)[ \t]*:[ \t]*(public|internal|confidential|restricted|secret|top[ _-]?secret)\b`.
  /// Each part is followed by something no earlier part can give back, so
  /// greedy matching without backtracking finds the regex's one match.
  static func end(of text: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
    var position = line
    while position < text.count {
      let byte = text[position]
      guard isBlank(byte) || byte == 0x23 || byte == 0x2A || byte == 0x3E else { break }
      position += 1
    }
    if word(text, position, "data"), position + 4 < text.count, isBlank(text[position + 4]) {
      position = skipBlanks(text, position + 4)
    }
    if word(text, position, "classification") {
      position += 14
    } else if word(text, position, "sensitivity") {
      position += 11
    } else if word(text, position, "security"), position + 8 < text.count, isBlank(text[position + 8]) {
      position = skipBlanks(text, position + 8)
      guard word(text, position, "level") else { return nil }
      position += 5
    } else if word(text, position, "label") {
      position += 5
    } else {
      return nil
    }
    position = skipBlanks(text, position)
    guard position < text.count, text[position] == 0x3A else { return nil }
    position = skipBlanks(text, position + 1)
    if word(text, position, "public") || word(text, position, "secret") {
      position += 6
    } else if word(text, position, "internal") {
      position += 8
    } else if word(text, position, "confidential") {
      position += 12
    } else if word(text, position, "restricted") {
      position += 10
    } else if word(text, position, "top") {
      position += 3
      if position < text.count, text[position] == 0x20 || text[position] == 0x5F || text[position] == 0x2D { position += 1 }
      guard word(text, position, "secret") else { return nil }
      position += 6
    } else {
      return nil
    }
    guard position == text.count || !isWord(text[position]) else { return nil }
    return position
  }
}
