/// Optimised adversarial suffixes (GCG and its kin): a request in plain
/// prose followed, on the same line, by a run of word fragments glued to
/// brackets, quotes and markup (`Sure](/ here">textit{[newcommand`). No
/// n-gram names such a suffix, since every optimisation run draws new
/// fragments, but its shape is constant, so this is a byte-level feature
/// rather than a pattern:
///
/// - a window of `window` tokens on a line, preceded on that line by at
///   least 5 of 6 plain words (prose, not code or a log line);
/// - at least 2 tokens of the window are *glued*: a symbol between two
///   letters or digits (`Wikipedia"],uki`, `repeat,[`) or 2+ bracket and
///   markup characters next to a letter (`$\{fen`);
/// - brackets in the window and in the whole line do not balance
///   (2+ unmatched or crossed `()[]{}`): code, JSON and LaTeX close what
///   they open, a random search over tokens does not.
enum AdversarialSuffix {
  static let window = 8
  static let score = 0.75

  /// The byte range from the first glued token of the first qualifying
  /// window to the end of its line, or nil.
  static func find(_ bytes: [UInt8]) -> Range<Int>? {
    // The table is read through a local pointer: a static read inside the
    // loop costs a swift_once check per byte.
    bracketTable.withUnsafeBufferPointer { table in bytes.withUnsafeBufferPointer { buffer in
      var lineStart = 0
      while lineStart < buffer.count {
        // The line's end and its bracket count in one pass; most lines
        // have fewer than two brackets and go no further.
        var lineEnd = lineStart
        var brackets = 0
        while lineEnd < buffer.count {
          let byte = buffer[lineEnd]
          if byte == 0x0A { break }
          brackets &+= Int(table[Int(byte)])
          lineEnd += 1
        }
        if brackets >= 2, let range = scanLine(bytes, lineStart, lineEnd) { return range }
        lineStart = lineEnd + 1
      }
      return nil
    } }
  }

  /// 1 for `()[]{}`, else 0: the cheap gate of every line.
  private static let bracketTable: [UInt8] = (0..<256).map { "()[]{}".utf8.contains(UInt8($0)) ? 1 : 0 }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C }
  private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }
  private static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) }

  /// Symbols that glue fragments: a letter, one of these, a letter.
  private static func isGlue(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
         UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "$"),
         UInt8(ascii: "="), UInt8(ascii: "*"), UInt8(ascii: "|"), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"),
         UInt8(ascii: ","), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "&"), UInt8(ascii: "+"),
         UInt8(ascii: "%"): return true
    default: return false
    }
  }

  /// Bracket and markup characters.
  private static func isMarkup(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
         UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "="),
         UInt8(ascii: "*"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: ";"), UInt8(ascii: "&"): return true
    default: return false
    }
  }

  /// A word of prose: letters, apostrophes and hyphens, with ordinary
  /// punctuation only at its ends.
  private static func isPlain(_ t: ArraySlice<UInt8>) -> Bool {
    let edge: (UInt8) -> Bool = { ".,!?:;\"'()".utf8.contains($0) }
    var lo = t.startIndex, hi = t.endIndex
    while lo < hi && edge(t[lo]) { lo += 1 }
    while hi > lo && edge(t[hi - 1]) { hi -= 1 }
    guard lo < hi else { return false }
    for i in lo..<hi where !(isLetter(t[i]) || t[i] == UInt8(ascii: "'") || t[i] == UInt8(ascii: "-")) { return false }
    return true
  }

  private static func isGlued(_ t: ArraySlice<UInt8>) -> Bool {
    var letters = false, markup = 0, brackets = 0
    var seenAlnum = false, symbolSince = false
    for b in t {
      if isAlnum(b) {
        if seenAlnum && symbolSince { return true }
        seenAlnum = true; symbolSince = false
        if isLetter(b) { letters = true }
      } else if isGlue(b) && seenAlnum {
        symbolSince = true
      }
      if isMarkup(b) {
        markup += 1
        if b != UInt8(ascii: "$") && b != UInt8(ascii: "=") && b != UInt8(ascii: "*") && b != UInt8(ascii: "|")
          && b != UInt8(ascii: "^") && b != UInt8(ascii: "~") && b != UInt8(ascii: ";") && b != UInt8(ascii: "&") { brackets += 1 }
      }
    }
    return letters ? markup >= 2 : brackets >= 2
  }

  /// Unmatched and crossed brackets among the tokens.
  private static func imbalance(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Int {
    var stack: [UInt8] = []
    var bad = 0
    for i in from..<to {
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): stack.append(b)
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        let open: UInt8 = b == UInt8(ascii: ")") ? UInt8(ascii: "(") : b - 2
        if stack.last == open { stack.removeLast() } else { bad += 1 }
      default: break
      }
    }
    return bad + stack.count
  }

  /// A line with two brackets or more (the caller's gate).
  private static func scanLine(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Range<Int>? {
    // Balanced lines (code, JSON) are most of what passes the gate: they
    // are ruled out before the line is split into tokens.
    guard imbalance(bytes, start, end) >= 2 else { return nil }
    var tokens: [Range<Int>] = []
    var i = start
    while i < end {
      while i < end && isSpace(bytes[i]) { i += 1 }
      let s = i
      while i < end && !isSpace(bytes[i]) { i += 1 }
      if i > s { tokens.append(s..<i) }
    }
    guard tokens.count >= window + 6 else { return nil }
    let plain = tokens.map { isPlain(bytes[$0]) }
    let glued = tokens.map { isGlued(bytes[$0]) }
    for w in 6...(tokens.count - window) {
      var prose = 0
      for j in (w - 6)..<w where plain[j] { prose += 1 }
      guard prose >= 5 else { continue }
      var count = 0, first = -1
      for j in w..<(w + window) where glued[j] { count += 1; if first < 0 { first = j } }
      guard count >= 2 else { continue }
      if imbalance(bytes, tokens[w].lowerBound, tokens[w + window - 1].upperBound) >= 2 {
        var stop = end
        while stop > tokens[first].lowerBound && isSpace(bytes[stop - 1]) { stop -= 1 }
        return tokens[first].lowerBound..<stop
      }
    }
    return nil
  }
}
