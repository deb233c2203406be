/// Latin letters with diacritics folded to the ASCII letters the Census
/// name lists spell them with ("José" → "jose", "Müller" → "muller",
/// "Łukasz" → "lukasz"), for name-list lookups only.
///
/// Why: the lists are ASCII, so an accented name was never found in them
/// and was reported only on weaker evidence (a cue, a capitalised pair).
enum AccentFolding {
  /// U+00C0 … U+017F in order, each as its ASCII letters (decomposition
  /// without the marks; ß, æ, ø, œ, ł, đ, þ, ı spelled out); "-" for the
  /// two symbols of the block (× ÷).
  static let latin: [[UInt8]] = """
    a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th ss a a a a a a ae c e e e e i i i i d n o o o o o - \
    o u u u u y th y a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g g g g g h h h h i i i i i i i i i i \
    ij ij j j k k k l l l l l l l l l l n n n n n n n ng ng o o o o o o oe oe r r r r r r s s s s s s s s t t t t t t u \
    u u u u u u u u u u u w w y y y z z z z z z s
    """.split(separator: " ").map { $0 == "-" ? [] : Array($0.utf8) }

  /// `WordLists.hash` of `bytes[start..<end]` with its accented Latin
  /// letters folded; nil when the word holds anything else that is not
  /// ASCII (another script, a symbol): such a word is in no list.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
    var value = WordLists.hashSeed
    @inline(__always) func add(_ byte: UInt8) { value = WordLists.hash(value, byte) }
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte < 0x80 {
        add(byte)
        index += 1
        continue
      }
      // Two-byte sequences C3 80 … C5 BF are U+00C0 … U+017F.
      guard (0xC3...0xC5).contains(byte), index + 1 < end else { return nil }
      let scalar = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
      let folded = latin[scalar - 0xC0]
      guard !folded.isEmpty else { return nil }
      folded.forEach(add)
      index += 2
    }
    return value
  }
}
