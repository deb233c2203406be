/// Splits a field into word and number tokens for the name and address
/// rules, in one linear pass. A word keeps inner apostrophes and hyphens
/// (O'Brien, Anne-Lise) but not a possessive `'s`; non-ASCII letters are
/// word bytes, general punctuation (curly quotes, dashes, U+2000–U+206F)
/// and Latin-1 symbols are not.
struct TextToken {
  enum Kind: UInt8 { case word, number, mixed }
  var start: Int
  var end: Int
  var kind: Kind
  /// First letter upper-case.
  var capitalised: Bool
  /// Every letter upper-case (acronyms, shouted headings).
  var allCaps: Bool
  /// Only ASCII bytes (the Census lists and word lists are ASCII).
  var ascii: Bool
  /// The gap before this token holds a sentence or line break (or it is first).
  var breakBefore: Bool
  /// The gap before this token is exactly one space (or ". " after an initial).
  var tightBefore: Bool
  /// The punctuation byte right before the token after spaces (`:` `,` …), or 0.
  var punctuationBefore: UInt8
  /// Followed directly by `.`.
  var dotAfter: Bool
  /// `WordLists.hash` of the token, for word-list lookups.
  var hash: UInt64

  var length: Int { end - start }
}

enum TextTokens {
  @inline(__always) static func isWordByte(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    let byte = bytes[index]
    if byte < 0x80 { return PIIBytes.isAlnum(byte) }
    if byte == 0xE2, index + 1 < bytes.count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 { return false }
    if byte == 0xC2 { return false }
    if byte >= 0x80 && byte < 0xC0 {
      // A continuation byte belongs to the character its lead byte opened.
      var lead = index - 1
      while lead > 0 && bytes[lead] >= 0x80 && bytes[lead] < 0xC0 { lead -= 1 }
      return lead >= 0 && isWordByte(bytes, lead)
    }
    return byte >= 0xC3 && byte != 0xEF
  }

  static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> [TextToken] {
    var tokens: [TextToken] = []
    tokens.reserveCapacity(bytes.count / 6 + 4)
    var index = 0
    let count = bytes.count
    var gapStart = 0
    while index < count {
      guard isWordByte(bytes, index) else {
        index += 1
        continue
      }
      let start = index
      var letters = 0, digits = 0, uppers = 0, lowers = 0
      var ascii = true
      while index < count {
        let byte = bytes[index]
        if byte < 0x80, PIIBytes.isAlnum(byte) {
          if PIIBytes.isDigit(byte) { digits += 1 } else {
            letters += 1
            if PIIBytes.isUpper(byte) { uppers += 1 } else { lowers += 1 }
          }
          index += 1
        } else if byte >= 0x80, isWordByte(bytes, index) {
          ascii = false
          if byte >= 0xC0 { letters += 1; lowers += 1 }
          index += 1
        } else if (byte == 0x27 || byte == 0x2D), letters > 0, index + 1 < count, PIIBytes.isLetter(bytes[index + 1]) {
          // Inner apostrophe or hyphen; a possessive 's ends the word instead.
          if byte == 0x27, PIIBytes.lower(bytes[index + 1]) == 0x73, index + 2 >= count || !isWordByte(bytes, index + 2) { break }
          index += 1
        } else {
          break
        }
      }
      let end = index
      let kind: TextToken.Kind = letters == 0 ? .number : (digits == 0 ? .word : .mixed)
      var capitalised = false
      let first = bytes[start]
      if first < 0x80 { capitalised = PIIBytes.isUpper(first) } else { capitalised = isUpperScalar(bytes, start) }
      if capitalised, first >= 0x80 { uppers += 1; lowers -= 1 }
      // Describe the gap.
      var breakBefore = tokens.isEmpty
      var spaces = 0, others = 0
      var punctuation: UInt8 = 0
      var gap = gapStart
      while gap < start {
        let byte = bytes[gap]
        switch byte {
        case 0x20: spaces += 1
        case 0x0A, 0x0D, 0x09: breakBefore = true; others += 1
        case 0x21, 0x3F, 0x22: breakBefore = true; others += 1; punctuation = byte
        case 0x2E: if !(tokens.last.map { $0.length == 1 && $0.kind == .word } ?? false) { breakBefore = true }; others += 1; punctuation = byte
        default: others += 1; if byte < 0x80 { punctuation = byte } else { breakBefore = breakBefore || byte == 0xE2 }
        }
        gap += 1
      }
      let initialGap = others == 1 && spaces == 1 && bytes[gapStart] == 0x2E && (tokens.last.map { $0.length == 1 } ?? false)
      let tight = !tokens.isEmpty && ((spaces == 1 && others == 0) || initialGap)
      let dotAfter = end < count && bytes[end] == 0x2E
      tokens.append(TextToken(
        start: start, end: end, kind: kind, capitalised: capitalised, allCaps: uppers > 1 && lowers == 0 && letters > 1, ascii: ascii,
        breakBefore: breakBefore, tightBefore: tight, punctuationBefore: punctuation, dotAfter: dotAfter,
        hash: WordLists.hash(UnsafeBufferPointer(rebasing: bytes[start..<end]))))
      gapStart = end
    }
    return tokens
  }

  /// Whether the scalar at `index` (a UTF-8 lead byte) is an upper-case letter.
  static func isUpperScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    let length = UTF8Validation.sequenceLength(bytes, index)
    guard length > 1 else { return false }
    let decoded = UTF8Validation.decode(bytes, index)
    guard let scalar = Unicode.Scalar(decoded.scalar) else { return false }
    return scalar.properties.isUppercase
  }

}
