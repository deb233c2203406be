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
    bytes.withUnsafeBufferPointer { buffer in
      var gate = LineGate()
      var at = 0
      // Most text has no line with two brackets: the gate reads 32 bytes at
      // a time as bit masks of brackets and line ends, with no branch per
      // byte (a byte loop was 1.5% of tp-scan on prose).
      if let base = buffer.baseAddress {
        while at + Block.scalarCount <= buffer.count {
          let block = UnsafeRawPointer(base + at).loadUnaligned(as: Block.self)
          let newline = Block(repeating: 0x0A)
          var ends = ByteSurvey.State.bits(block .== newline)
          var marks = ByteSurvey.State.bits(isBracket(block))
          while ends != 0 {
            let offset = ends.trailingZeroBitCount
            let upTo: UInt64 = (1 << offset) - 1
            gate.brackets += (marks & upTo).nonzeroBitCount
            if let range = gate.endLine(bytes, at: at + offset) { return range }
            marks &= ~(upTo << 1 | 1)
            ends &= ends - 1
          }
          gate.brackets += marks.nonzeroBitCount
          at += Block.scalarCount
        }
      }
      while at < buffer.count {
        if buffer[at] == 0x0A {
          if let range = gate.endLine(bytes, at: at) { return range }
        } else if isBracket(buffer[at]) {
          gate.brackets += 1
        }
        at += 1
      }
      return gate.lineStart < buffer.count ? gate.endLine(bytes, at: buffer.count) : nil
    }
  }

  typealias Block = SIMD32<UInt8>

  /// The line being read: where it starts and its brackets so far. A line
  /// with fewer than two brackets goes no further (most lines).
  private struct LineGate {
    var lineStart = 0
    var brackets = 0

    /// Ends the line at `end` (its line break or the text's end): the
    /// suffix in it, if any; the next line starts after `end`.
    mutating func endLine(_ bytes: [UInt8], at end: Int) -> Range<Int>? {
      defer {
        lineStart = end + 1
        brackets = 0
      }
      return brackets >= 2 ? AdversarialSuffix.scanLine(bytes, lineStart, end) : nil
    }
  }

  /// `()[]{}`.
  private static func isBracket(_ b: UInt8) -> Bool {
    b == 0x28 || b == 0x29 || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D
  }

  /// `()[]{}` in each lane: comparisons and mask logic only, which map to
  /// single instructions (see ByteSurvey.State.scan).
  @inline(__always)
  private static func isBracket(_ block: Block) -> ByteSurvey.Mask {
    (block &- Block(repeating: 0x28) .< Block(repeating: 2)) .| (block .== Block(repeating: 0x5B))
      .| (block .== Block(repeating: 0x5D)) .| (block .== Block(repeating: 0x7B)) .| (block .== Block(repeating: 0x7D))
  }

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
    // The open brackets, in a buffer on the stack for ordinary lines: an
    // array here was a heap allocation per line with two brackets.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, to - from)) { stack in
      var depth = 0
      var bad = 0
      for i in from..<to {
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
          stack[depth] = b
          depth += 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
          let open: UInt8 = b == UInt8(ascii: ")") ? UInt8(ascii: "(") : b - 2
          if depth > 0 && stack[depth - 1] == open { depth -= 1 } else { bad += 1 }
        default: break
        }
      }
      return bad + depth
    }
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
