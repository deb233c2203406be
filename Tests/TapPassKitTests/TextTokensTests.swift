import Testing
@testable import TapPassKit

/// The tokenizer skips the Unicode property lookup for scalars in blocks
/// it takes to hold no upper-case character; that must hold for every one
/// of them, in the Unicode version the standard library carries.
@Suite struct TextTokensTests {
  @Test func caselessBlocksHoldNoUppercaseScalar() {
    var inBlocks = 0
    for value in UInt32(0)...0x10FFFF where TextTokens.isInCaselessBlock(value) {
      inBlocks += 1
      guard let scalar = Unicode.Scalar(value) else { continue }
      #expect(!scalar.properties.isUppercase, "U+\(String(value, radix: 16, uppercase: true))")
    }
    #expect(inBlocks > 40_000)
  }

  /// The attributes of each token are those its bytes define (the word
  /// lists rely on the hash, the name rules on case and kind), for words of
  /// every length next to apostrophes, hyphens, non-ASCII letters and the
  /// end of the field.
  @Test func attributesMatchTheBytesOfEachToken() {
    let pieces = ["a", "Z", "7", "ab", "AB", "Ab", "x9", "word", "WORD", "Word", "Anne-Marie", "O'Neil", "Smith's", "abcdefgh",
                  "ABCDEFGHIJ", "Abcdefghijklmnopq", "a1b2c3d4e5", "1234567890", "café", "ÉMILE", "Sjöberg", "日本", "-", "'", ".", ", ", " ", "\n"]
    var generator = SeededGenerator(state: 7)
    for _ in 0..<300 {
      var text = ""
      for _ in 0..<generator.int(1...12) {
        text += pieces[generator.int(0...(pieces.count - 1))]
        if generator.int(0...2) > 0 { text += " " }
      }
      let bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { buffer in
        for token in TextTokens.tokenize(buffer) {
          let word = Array(buffer[token.start..<token.end])
          #expect(token.hash == WordLists.hash(word), "\(text)")
          guard token.ascii else { continue }
          let uppers = word.filter(PIIBytes.isUpper).count, lowers = word.filter(PIIBytes.isLower).count
          let digits = word.filter(PIIBytes.isDigit).count
          #expect(token.kind == (uppers + lowers == 0 ? .number : digits > 0 ? .mixed : .word), "\(text)")
          #expect(token.capitalised == PIIBytes.isUpper(word[0]), "\(text)")
          #expect(token.allCaps == (uppers >= 2 && lowers == 0), "\(text)")
        }
      }
    }
  }
}
