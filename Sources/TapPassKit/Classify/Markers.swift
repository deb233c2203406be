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
  /// The pattern this matcher implements; another pattern in `builtIn`
  /// goes back to Hyperscan.
  static let expression =
    #"(^|\n)[ \t#*>]*(data[ \t]+)?(classification|sensitivity|security[ \t]+level|label)[ \t]*:[ \t]*(public|internal|confidential|restricted|secret|top[ _-]?secret)\b"#
  static var applies: Bool {
    let pattern = Marker.builtIn[index].pattern
    return pattern.expression == expression && pattern.caseless && pattern.leftmostStart && !pattern.dotAll
  }

  /// Appends `(start, end)` for every header line of a record's joined
  /// text, in order. Its lines start at the fields' starts and after the
  /// newlines inside fields, which only escaped strings have (a JSON
  /// string holds no raw newline): `escaped(i)` says whether field `i` was.
  static func matches(
    _ text: UnsafeBufferPointer<UInt8>, starts: [Int], escaped: (Int) -> Bool, into matches: inout [(start: Int, end: Int)]
  ) {
    guard let base = text.baseAddress else { return }
    for (index, fieldStart) in starts.enumerated() {
      if let end = end(of: text, line: fieldStart) { matches.append((fieldStart == 0 ? 0 : fieldStart - 1, end)) }
      guard escaped(index) else { continue }
      // The field ends at its separator (the next field's start - 1).
      let fieldEnd = index + 1 < starts.count ? starts[index + 1] - 1 : text.count - 1
      var from = fieldStart
      while from < fieldEnd, let newline = memchr(base + from, 0x0A, fieldEnd - from) {
        let position = newline.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
        if let end = end(of: text, line: position + 1) { matches.append((position, end)) }
        from = position + 1
      }
    }
  }

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
    // Most lines start with none of d, c, s, l.
    guard position < text.count else { return nil }
    let first = text[position] | 0x20
    guard first == 0x64 || first == 0x63 || first == 0x73 || first == 0x6C else { return nil }
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

/// The `internal_only` marker split in two: Hyperscan matches its first
/// alternative and the literal `internal`, and the second alternative,
/// `\bfor[ \t]+internal[ \t]+use\b`, is checked by hand around each
/// literal (in Hyperscan it cost as much as four other markers, for a
/// phrase that rarely occurs). The union of the two, merged as
/// `HyperscanDatabase.merge` merges one pattern's reports, is what the
/// whole pattern gives: each whole-pattern report is one of the parts'
/// reports, and a part's report is inside the whole-pattern report with
/// its end. Checked against Hyperscan in ClassifyCompiledTests.
enum InternalOnlyMarker {
  static let name = "internal_only"
  static let index = Marker.builtIn.firstIndex { $0.name == name }!
  static let expression = #"\b(internal[ _-]+(use[ _-]+)?only|for[ \t]+internal[ \t]+use)\b"#
  static var applies: Bool {
    let pattern = Marker.builtIn[index].pattern
    return pattern.expression == expression && pattern.caseless && pattern.leftmostStart && !pattern.dotAll
  }

  /// The first alternative, scanned in place of the whole pattern.
  static let onlyPattern = PatternSpec(name, #"\binternal[ _-]+(use[ _-]+)?only\b"#, caseless: true)
  /// Every `internal`, reported at its end.
  static let literal = PatternSpec("internal_literal", "internal", caseless: true, leftmostStart: false)

  /// The match of the second alternative around the `internal` ending at
  /// `end`, if any.
  static func forInternalUse(_ text: UnsafeBufferPointer<UInt8>, end: Int) -> (start: Int, end: Int)? {
    var before = end - 9
    guard before >= 0, HeaderMarker.isBlank(text[before]) else { return nil }
    while before >= 0 && HeaderMarker.isBlank(text[before]) { before -= 1 }
    let start = before - 2
    guard start >= 0, HeaderMarker.word(text, start, "for"), start == 0 || !HeaderMarker.isWord(text[start - 1]) else { return nil }
    guard end < text.count, HeaderMarker.isBlank(text[end]) else { return nil }
    let use = HeaderMarker.skipBlanks(text, end)
    guard HeaderMarker.word(text, use, "use"), use + 3 == text.count || !HeaderMarker.isWord(text[use + 3]) else { return nil }
    return (start, use + 3)
  }

  /// `HyperscanDatabase.merge` for one pattern's reports.
  static func merge(_ reports: [(start: Int, end: Int)]) -> [(start: Int, end: Int)] {
    let sorted = reports.sorted { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
    var result: [(start: Int, end: Int)] = []
    for report in sorted {
      if let last = result.last, report.start < last.end || (report.start == report.end && report.end == last.end) {
        if report.end > last.end { result[result.count - 1].end = report.end }
        continue
      }
      result.append(report)
    }
    return result
  }
}
