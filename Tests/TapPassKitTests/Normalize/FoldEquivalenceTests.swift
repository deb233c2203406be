import Testing
@testable import TapPassKit

/// Folding copies unchanged text in runs; these tests hold it to the
/// scalar-at-a-time first pass it replaced (bytes and both origin arrays),
/// and word folding to known cases.
@Suite struct FoldEquivalenceTests {
  /// Folding one byte or scalar at a time, as first written.
  static func referenceFold(_ bytes: [UInt8]) -> TextViewBuilder {
    var scalars = TextViewBuilder(capacity: bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      var position = 0
      while position < buffer.count {
        let length = UTF8Validation.sequenceLength(buffer, position)
        let end = position + max(length, 1)
        if length <= 1 {
          scalars.append(buffer[position], from: position, to: end)
          position += 1
          continue
        }
        switch CharacterFolding.fold(UTF8Validation.decode(buffer, position).scalar) {
        case .keep: for offset in 0..<length { scalars.append(buffer[position + offset], from: position, to: end) }
        case .drop: break
        case .ascii(let ascii): scalars.append(ascii, from: position, to: end)
        }
        position += length
      }
    }
    return TextNormalizer.foldWords(scalars)
  }

  /// Word folding on known cases: leetspeak words, letter spacing, and
  /// everything else copied as it is.
  @Test func wordFoldingCases() {
    let cases: [(String, String)] = [
      ("p4ss w0rd here", "pass word here"), ("i g n o r e this", "ignore this"), ("a b c d", "abcd"), ("a b c", "a b c"),
      ("4ever 2024 h3ll0!", "aever 2024 helloi"), ("no change at all.", "no change at all."), ("x", "x"), ("", ""),
      ("s3cr3t, k3y; v4lue", "secret, key; value"), ("  spaced  ", "  spaced  "),
    ]
    for (input, expected) in cases {
      var builder = TextViewBuilder(capacity: input.utf8.count)
      for (offset, byte) in input.utf8.enumerated() { builder.append(byte, from: offset, to: offset + 1) }
      let folded = TextNormalizer.foldWords(builder)
      #expect(String(decoding: folded.bytes, as: UTF8.self) == expected, "\(input)")
      // Every output byte comes from one input byte, in order.
      #expect(folded.origins == folded.origins.sorted(), "\(input)")
      #expect(zip(folded.origins, folded.originEnds).allSatisfy { $1 == $0 + 1 }, "\(input)")
    }
  }

  @Test func runCopyingFoldsExactlyAsByteAtATime() {
    var random = SeededGenerator(state: 5)
    let fragments = ["a", "b", "Z", " ", "  ", "1", "3", "4", "0", "@", "$", "!", "|", ".", ",", "\n", "é", "ｉ", "\u{200B}", "а",
                     "i g n o r e", "p4ss", "h3ll0", "word", "s3cr3t k3y", "\u{301}", "x y z"]
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<random.int(0...24) { text += random.pick(fragments) }
      let bytes = Array(text.utf8)
      let expected = Self.referenceFold(bytes)
      let raw = TextView(kind: .folded, bytes: bytes, origins: [], originEnds: [], depth: 0)
      let folded = TextNormalizer.fold(raw, isRaw: true, limit: 1 << 20)
      if expected.bytes == bytes {
        #expect(folded == nil, "\(text)")
        continue
      }
      // Short texts: the whole folded text, never an excerpt.
      #expect(folded?.bytes == expected.bytes, "\(text)")
      #expect(folded?.origins == expected.origins, "\(text)")
      #expect(folded?.originEnds == expected.originEnds, "\(text)")
    }
  }
}
