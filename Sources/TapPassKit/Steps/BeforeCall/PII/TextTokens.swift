/// Splits a field into word and number tokens for the name and address
/// rules, in one linear pass. A word keeps inner apostrophes and hyphens
/// (O'Brien, Anne-Lise) but not a possessive `'s`; non-ASCII letters are
/// word bytes, general punctuation (curly quotes, dashes, U+2000–U+206F)
/// and Latin-1 symbols are not.
///
/// Why the attributes are bits of one word: with a `Bool` stored per
/// attribute, every copy of a token (each `tokens[index]` the rules read)
/// loaded the eight bytes one by one and packed them into a register,
/// some fifty instructions (callgrind on `AddressRules.match`); one
/// `UInt32` is one load.
struct TextToken {
  /// Word, number or both: a byte, not an enum, so that it reads straight
  /// out of `bits`.
  struct Kind: Equatable {
    let rawValue: UInt32
    static var word: Kind { Kind(rawValue: 0) }
    static var number: Kind { Kind(rawValue: 1) }
    static var mixed: Kind { Kind(rawValue: 2) }
  }
  var start: Int
  var end: Int
  /// `WordLists.hash` of the token, for word-list lookups.
  var hash: UInt64
  /// The kind (bits 0–1), the flags below (bits 2–7) and
  /// `punctuationBefore` (bits 8–15).
  private let bits: UInt32

  init(
    start: Int, end: Int, kind: Kind, capitalised: Bool, allCaps: Bool, ascii: Bool, breakBefore: Bool, tightBefore: Bool,
    punctuationBefore: UInt8, dotAfter: Bool, hash: UInt64
  ) {
    self.start = start
    self.end = end
    self.hash = hash
    // Selects, not branches: the tokenizer builds one token per word.
    bits = kind.rawValue | UInt32(punctuationBefore) << 8 | (capitalised ? Self.capitalisedBit : 0) | (allCaps ? Self.allCapsBit : 0)
      | (ascii ? Self.asciiBit : 0) | (breakBefore ? Self.breakBeforeBit : 0) | (tightBefore ? Self.tightBeforeBit : 0)
      | (dotAfter ? Self.dotAfterBit : 0)
  }

  private static var capitalisedBit: UInt32 { 1 << 2 }
  private static var allCapsBit: UInt32 { 1 << 3 }
  private static var asciiBit: UInt32 { 1 << 4 }
  private static var breakBeforeBit: UInt32 { 1 << 5 }
  private static var tightBeforeBit: UInt32 { 1 << 6 }
  private static var dotAfterBit: UInt32 { 1 << 7 }

  var kind: Kind { Kind(rawValue: bits & 3) }
  /// First letter upper-case.
  var capitalised: Bool { bits & Self.capitalisedBit != 0 }
  /// Every letter upper-case (acronyms, shouted headings).
  var allCaps: Bool { bits & Self.allCapsBit != 0 }
  /// Only ASCII bytes (the Census lists and word lists are ASCII).
  var ascii: Bool { bits & Self.asciiBit != 0 }
  /// The gap before this token holds a sentence or line break (or it is first).
  var breakBefore: Bool { bits & Self.breakBeforeBit != 0 }
  /// The gap before this token is exactly one space (or ". " after an initial).
  var tightBefore: Bool { bits & Self.tightBeforeBit != 0 }
  /// The punctuation byte right before the token after spaces (`:` `,` …), or 0.
  var punctuationBefore: UInt8 { UInt8(truncatingIfNeeded: bits >> 8) }
  /// Followed directly by `.`.
  var dotAfter: Bool { bits & Self.dotAfterBit != 0 }

  var length: Int { end - start }
}

enum TextTokens {
  /// Byte classes for the tokenizer: 0 other, 1 digit, 2 lower, 3 upper,
  /// 4 UTF-8 lead of a letter, 5 continuation, 6 lead of punctuation/symbol.
  /// A pointer that lives as long as the process, so a tokenizer reads it
  /// without touching a lazy global per byte.
  nonisolated(unsafe) static let classes: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    table.initialize(repeating: 0, count: 256)
    for byte in 0x30...0x39 { table[byte] = 1 }
    for byte in 0x61...0x7A { table[byte] = 2 }
    for byte in 0x41...0x5A { table[byte] = 3 }
    for byte in 0x80...0xBF { table[byte] = 5 }
    for byte in 0xC3...0xFF { table[byte] = 4 }
    table[0xC2] = 6  // Latin-1 symbols, NBSP
    table[0xE2] = 6  // general punctuation, arrows, symbols
    table[0xEF] = 6  // specials, BOM, fullwidth forms
    return UnsafePointer(table)
  }()

  /// Every token of the field.
  static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> [TextToken] {
    // Where the tokenizer stopped when the capacity ran out; nil when done.
    var rest: TextTokenizer?
    // Written through a pointer up to the capacity prose needs (a token
    // and its gap take six bytes or more), then appended: `append` checks
    // the array's uniqueness and capacity per token. The tokenizer and the
    // count are the closure's own locals, not captured from outside, so
    // the optimiser need not keep them in memory between tokens (1.6% of
    // tokenize's instructions, callgrind).
    var tokens = [TextToken](unsafeUninitializedCapacity: bytes.count / 6 + 4) { buffer, count in
      var tokenizer = TextTokenizer(bytes)
      let base = buffer.baseAddress!
      let capacity = buffer.count
      var written = 0
      defer { count = written }
      while written < capacity {
        guard let token = tokenizer.next() else { return }
        (base + written).initialize(to: token)
        written += 1
      }
      rest = tokenizer
    }
    if var tokenizer = rest {
      while let token = tokenizer.next() { tokens.append(token) }
    }
    return tokens
  }

  /// What a byte tells of the token it is in, as bits: 1 a
  /// digit, 2 an upper-case letter, 4 a lower-case one (or the lead of a
  /// non-ASCII letter), `multibyte` a byte of a UTF-8 sequence, `ends` a
  /// byte that ends a token unless it is an inner apostrophe or hyphen
  /// (classes 0 and 6, which count as nothing).
  nonisolated(unsafe) static let counts: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    for byte in 0..<256 {
      switch classes[byte] {
      case 1: table[byte] = 1
      case 2: table[byte] = 4
      case 3: table[byte] = 2
      case 4: table[byte] = 4 | multibyte
      case 5: table[byte] = multibyte
      default: table[byte] = ends
      }
    }
    return UnsafePointer(table)
  }()
  static let multibyte: UInt8 = 8
  static let ends: UInt8 = 16

  /// Whether `bytes[position]` ends any token before it and can start
  /// none: ASCII, not a letter or digit, and not the apostrophe or hyphen
  /// a word may hold inside.
  @inline(__always) static func isHardBreak(_ byte: UInt8) -> Bool {
    byte < 0x80 && !PIIBytes.isAlnum(byte) && byte != 0x27 && byte != 0x2D
  }

  /// Whether the tokenizer can resume at `position` knowing only the
  /// bytes around it: two ASCII letters or digits and then a hard break
  /// mean that a token of two or more bytes ends exactly here.
  @inline(__always) static func isResumePoint(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
    position >= 2 && position < bytes.count && isHardBreak(bytes[position])
      && PIIBytes.isAlnum(bytes[position - 1]) && PIIBytes.isAlnum(bytes[position - 2])
  }

  /// Whether the scalar at `index` (a UTF-8 lead byte) is an upper-case letter.
  static func isUpperScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    let length = UTF8Validation.sequenceLength(bytes, index)
    guard length > 1 else { return false }
    let decoded = UTF8Validation.decode(bytes, index)
    if length == 2 {
      // Latin, Greek, Cyrillic and the other two-byte scripts: a bit set.
      return upperTwoByte[Int(decoded.scalar >> 6)] >> (decoded.scalar & 63) & 1 != 0
    }
    // Text in these scripts reaches here once per character, and looking
    // up the Unicode property costs more than the rest of the tokenizer.
    if isInCaselessBlock(decoded.scalar) { return false }
    guard let scalar = Unicode.Scalar(decoded.scalar) else { return false }
    return scalar.properties.isUppercase
  }

  /// Bit `v & 63` of word `v >> 6` tells whether the scalar v below U+0800
  /// is upper-case (`Unicode.Scalar.Properties.isUppercase`), so that the
  /// two-byte letters skip the Unicode property lookup.
  nonisolated(unsafe) static let upperTwoByte: UnsafePointer<UInt64> = {
    let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 32)
    table.initialize(repeating: 0, count: 32)
    for value in UInt32(0x80)..<0x800 where Unicode.Scalar(value)!.properties.isUppercase {
      table[Int(value >> 6)] |= 1 << (value & 63)
    }
    return UnsafePointer(table)
  }()

  /// Whether `value` lies in a block with no upper-case character
  /// (`TextTokensTests` checks every scalar): CJK symbols, kana and
  /// ideographs, Hangul syllables, and the emoji and pictographs from U+1F300.
  @inline(__always) static func isInCaselessBlock(_ value: UInt32) -> Bool {
    (0x3000...0x9FFF).contains(value) || (0xAC00...0xD7FF).contains(value) || (0x1F300...0x1FAFF).contains(value)
  }
}

/// The tokenizer as a cursor: `next()` cuts the token after `position`.
/// Its state (where the gap before the next token starts, whether the
/// previous token was an initial, whether any token came before) is all
/// that the attributes of the next token depend on, so a tokenizer
/// started at a resume point (`TextTokens.isResumePoint`) yields exactly
/// the tokens a pass over the whole field yields from there on. This lets
/// the detector cut tokens only around the places that can hold personal
/// data.
struct TextTokenizer {
  let bytes: UnsafeBufferPointer<UInt8>
  /// The next byte to read.
  private(set) var position: Int
  private var gapStart: Int
  private var previousIsInitial = false
  private var first: Bool
  // The byte tables, read once here rather than through their lazy
  // globals on every token.
  private let classes = TextTokens.classes
  private let countTable = TextTokens.counts

  /// A tokenizer at the start of the field.
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    position = 0
    gapStart = 0
    first = true
  }

  /// A tokenizer resuming at a resume point (`TextTokens.isResumePoint`).
  init(_ bytes: UnsafeBufferPointer<UInt8>, resumingAt point: Int) {
    self.bytes = bytes
    position = point
    gapStart = point
    first = false
  }

  @inline(__always) mutating func next() -> TextToken? {
    let classes = self.classes
    let countTable = self.countTable
    let count = bytes.count
    var index = position
    // Skip to the next token start, describing the gap on the way (the gap
    // starts where the last token ended, `gapStart == position`).
    var breakBefore = first
    var spaces = 0, others = 0
    var punctuation: UInt8 = 0
    while index < count {
      let byte = bytes[index]
      let kind = classes[Int(byte)]
      if kind >= 1 && kind <= 4 { break }
      index += 1
      if byte == 0x20 {
        spaces += 1
        continue
      }
      others += 1
      switch byte {
      case 0x0A, 0x0D, 0x09: breakBefore = true
      case 0x21, 0x3F, 0x22: breakBefore = true; punctuation = byte
      case 0x2E: if !previousIsInitial { breakBefore = true }; punctuation = byte
      default: if byte < 0x80 { punctuation = byte } else if byte == 0xE2 { breakBefore = true }
      }
      // Skip the continuation bytes of a symbol (others, that change nothing else).
      while kind == 6 && index < count && classes[Int(bytes[index])] == 5 {
        others += 1
        index += 1
      }
    }
    guard index < count else {
      position = count
      return nil
    }
    let start = index
    // The `counts` bits of the classes the token has a byte of, and of
    // those it has two or more of: all that its attributes need, in two
    // registers. A non-ASCII letter counts as lower-case until the first
    // is found upper-case below.
    var seen: UInt8 = 0, seenTwice: UInt8 = 0
    var hash = WordLists.hashSeed
    // ASCII lower-case letters, most bytes of prose, are counted here and
    // folded into `seen` after the loop: the run of them costs a compare,
    // the hash step and the count per byte, not the table and the two
    // registers (callgrind: tokenize was a third of detect_pii).
    var lowers = 0
    while index < count {
      let byte = bytes[index]
      if byte &- 0x61 < 26 {
        let run = index
        repeat {
          hash = WordLists.hash(hash, lowered: bytes[index])
          index &+= 1
        } while index < count && bytes[index] &- 0x61 < 26
        lowers &+= index &- run
        continue
      }
      let counts = countTable[Int(byte)]
      if counts & TextTokens.ends != 0 {
        // Inner apostrophe or hyphen; a possessive 's ends the word instead.
        guard (byte == 0x27 || byte == 0x2D), seen & 6 != 0 || lowers > 0, index + 1 < count, PIIBytes.isLetter(bytes[index + 1]),
          !(byte == 0x27 && PIIBytes.lower(bytes[index + 1]) == 0x73 && (index + 2 >= count || !PIIBytes.isWord(bytes[index + 2])))
        else { break }
      }
      // Without branches: a switch on the class mispredicts on every
      // change between letters and digits.
      seenTwice |= seen & counts
      seen |= counts
      // Bit 2 of `counts` marks an upper-case ASCII letter: moved to bit
      // 0x20, it lower-cases the byte.
      hash = WordLists.hash(hash, lowered: byte | (counts & 2) << 4)
      index += 1
    }
    if lowers > 0 {
      // Bit 4 counts a non-ASCII letter too: two of the class in all.
      seenTwice |= seen & 4 | (lowers > 1 ? 4 : 0)
      seen |= 4
    }
    let end = index
    let ascii = seen & TextTokens.multibyte == 0
    let letters = seen & 6 != 0
    let manyLetters = seenTwice & 6 != 0 || seen & 6 == 6
    var manyUppers = seenTwice & 2 != 0
    var noLowers = seen & 4 == 0
    let firstByte = bytes[start]
    var capitalised = PIIBytes.isUpper(firstByte)
    if firstByte >= 0x80, TextTokens.isUpperScalar(bytes, start) {
      // That letter counted as lower-case: one upper-case letter more, and
      // one lower-case letter (of at least this one) less.
      capitalised = true
      manyUppers = seen & 2 != 0
      noLowers = seenTwice & 4 == 0
    }
    let initialGap = others == 1 && spaces == 1 && bytes[gapStart] == 0x2E && previousIsInitial
    let tight = !first && ((spaces == 1 && others == 0) || initialGap)
    let kind: TextToken.Kind = !letters ? .number : (seen & 1 == 0 ? .word : .mixed)
    first = false
    previousIsInitial = end - start == 1 && kind == .word
    gapStart = end
    position = end
    return TextToken(
      start: start, end: end, kind: kind, capitalised: capitalised,
      allCaps: manyUppers && noLowers && manyLetters, ascii: ascii, breakBefore: breakBefore, tightBefore: tight,
      punctuationBefore: punctuation, dotAfter: end < count && bytes[end] == 0x2E, hash: hash)
  }
}
