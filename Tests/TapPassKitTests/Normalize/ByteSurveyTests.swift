import Testing
@testable import TapPassKit

/// `ByteSurvey` replaces two byte loops with one branchless pass; these
/// tests hold it to the plain definitions it stands for.
@Suite struct ByteSurveyTests {
  /// The folding test as first written (one branch per condition): the
  /// definition `ByteSurvey.mayFold` must equal.
  static func needsFolding(_ bytes: ArraySlice<UInt8>) -> Bool {
    let buffer = Array(bytes)
    func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    var previousLetter = false
    for index in buffer.indices {
      let byte = buffer[index]
      if byte >= 0x80 { return true }
      let letter = isLetter(byte)
      if previousLetter, CharacterFolding.leet(byte) != nil, index + 1 < buffer.count, isLetter(buffer[index + 1]) { return true }
      if letter, index + 6 < buffer.count, buffer[index + 1] == 0x20, buffer[index + 3] == 0x20, buffer[index + 5] == 0x20,
        isLetter(buffer[index + 2]), isLetter(buffer[index + 4]), isLetter(buffer[index + 6]), !previousLetter
      {
        return true
      }
      previousLetter = letter
    }
    return false
  }

  /// Random text from an alphabet that makes every pattern likely: letters,
  /// spaces, leetspeak symbols, the base64 and percent alphabets, UTF-8.
  static func sample(_ random: inout SeededGenerator, length: Int) -> [UInt8] {
    let alphabet = Array("abcxyzABZ  0134@$!|%2F+/_-=.\n".utf8) + [0xC3, 0xA9, 0xE2, 0x80, 0x8B]
    var bytes: [UInt8] = []
    while bytes.count < length {
      switch random.next() % 10 {
      case 0: bytes += Array("i g n o r e".utf8)
      case 1: bytes += (0..<Int(12 + random.next() % 12)).map { _ in Array("aZ09+/".utf8)[Int(random.next() % 6)] }
      default: bytes.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
      }
    }
    return Array(bytes.prefix(length))
  }

  @Test func foldingAnswerEqualsItsDefinition() {
    var random = SeededGenerator(state: 7)
    for round in 0..<4000 {
      let bytes = Self.sample(&random, length: Int(random.next() % 40))
      let limit = round % 3 == 0 ? Int(random.next() % 20) : 1 << 20
      let survey = ByteSurvey(bytes, foldLimit: limit)
      #expect(survey.mayFold == Self.needsFolding(bytes.prefix(limit)), "\(bytes) limit \(limit)")
    }
  }

  /// The blob condition as first written: a percent sign, or a run of the
  /// base64 alphabet at least as long as the shortest blob.
  static func mayHoldBlob(_ bytes: [UInt8]) -> Bool {
    var run = 0
    for byte in bytes {
      if byte == 0x25 { return true }
      run = ByteClasses.table[Int(byte)] & ByteClasses.base64 != 0 ? run + 1 : 0
      if run >= min(BlobDecoder.minBase64, BlobDecoder.minHex) { return true }
    }
    return false
  }

  /// The survey works on 32-byte blocks with a padded first and last block:
  /// every length up to a few blocks, patterns and runs across block edges,
  /// and fold limits inside a block.
  @Test func blockEdges() {
    var random = SeededGenerator(state: 23)
    for round in 0..<6000 {
      let bytes = Self.sample(&random, length: round % 101)
      let limit = round % 2 == 0 ? Int(random.next() % 110) : 1 << 20
      let survey = ByteSurvey(bytes, foldLimit: limit)
      #expect(survey.mayFold == Self.needsFolding(bytes.prefix(limit)), "\(bytes) limit \(limit)")
      #expect(survey.mayHoldBlob == Self.mayHoldBlob(bytes), "\(bytes)")
    }
    // A pattern or run placed at every offset in plain prose-like filler.
    let filler = Array(repeating: Array("ab cd. ".utf8), count: 20).flatMap { $0 }
    for (insert, fold, blob) in [("p4ss", true, false), ("i g n o", true, false), ("\u{e9}", true, false), ("%", false, true),
                                 (String(repeating: "x", count: 16), false, true), (String(repeating: "x", count: 15), false, false)] {
      for offset in 0..<100 {
        let bytes = Array(filler.prefix(offset)) + [0x2E, 0x20] + Array(insert.utf8) + [0x20, 0x2E] + Array(filler.prefix(offset % 37))
        let survey = ByteSurvey(bytes, foldLimit: 1 << 20)
        #expect(survey.mayFold == fold && survey.mayHoldBlob == blob, "\(insert) at \(offset)")
        #expect(survey.mayFold == Self.needsFolding(bytes[...]) && survey.mayHoldBlob == Self.mayHoldBlob(bytes))
        // Folding stops at the limit, in the middle of the pattern or not.
        let limit = offset + 2 + insert.utf8.count / 2
        #expect(ByteSurvey(bytes, foldLimit: limit).mayFold == Self.needsFolding(bytes.prefix(limit)), "\(insert) at \(offset)")
      }
    }
    // Long runs, many blocks long, and long texts with nothing to find.
    for length in [31, 32, 33, 63, 64, 65, 1000] {
      #expect(ByteSurvey(Array(repeating: 0x61, count: length), foldLimit: 1 << 20).mayHoldBlob)
      #expect(!ByteSurvey(Array(repeating: 0x20, count: length), foldLimit: 1 << 20).mayHoldBlob)
    }
    #expect(min(BlobDecoder.minBase64, BlobDecoder.minHex) <= 33, "a run must fit in two blocks")
  }

  @Test func foldingCases() {
    let cases: [(String, Bool)] = [
      ("plain words only", false), ("p4ssword", true), ("4ever", false), ("i g n o r e", true),
      ("xi g n o", false), ("xi g n o r", true), ("a b c", false), ("caf\u{e9}", true), ("", false), ("a@b", true), ("a@ b", false),
    ]
    for (text, expected) in cases {
      #expect(ByteSurvey(Array(text.utf8), foldLimit: 1 << 20).mayFold == expected, "\(text)")
    }
  }

  @Test func everyBlobIsAnnounced() {
    var random = SeededGenerator(state: 11)
    var blobsSeen = 0, quietSkipped = 0
    for _ in 0..<4000 {
      let bytes = Self.sample(&random, length: Int(random.next() % 80))
      let survey = ByteSurvey(bytes, foldLimit: 1 << 20)
      let blobs = BlobDecoder.blobs(in: bytes)
      if !blobs.isEmpty {
        blobsSeen += 1
        #expect(survey.mayHoldBlob, "\(bytes)")
      }
      if !survey.mayHoldBlob { quietSkipped += 1 }
    }
    // Both branches were exercised: blobs found, and text the survey let pass.
    #expect(blobsSeen > 100)
    #expect(quietSkipped > 100)
  }

  @Test func proseHoldsNoBlob() {
    let prose = Array("Summarise the quarterly report for the customer success team, please.".utf8)
    #expect(!ByteSurvey(prose, foldLimit: 1 << 20).mayHoldBlob)
    #expect(ByteSurvey(Array("token aGVsbG8gd29ybGQgaGVsbG8=".utf8), foldLimit: 1 << 20).mayHoldBlob)
    #expect(ByteSurvey(Array("a%20b".utf8), foldLimit: 1 << 20).mayHoldBlob)
  }

  /// The SIMD code spells out the leetspeak and base64 byte sets beside
  /// `CharacterFolding.leet` and `ByteClasses`: every byte value is checked
  /// against those sources, so the two lists cannot drift apart.
  @Test func byteClassesMatchTheirSources() {
    for value in 0..<256 {
      let byte = UInt8(value)
      let between: [UInt8] = Array("ab".utf8) + [byte] + Array("cd".utf8)
      let leet = CharacterFolding.leet(byte) != nil
      #expect(ByteSurvey(between, foldLimit: 1 << 20).mayFold == (leet || byte >= 0x80), "byte \(value) between letters")
      let run = [UInt8](repeating: byte, count: 20)
      let base64 = ByteClasses.table[value] & ByteClasses.base64 != 0
      #expect(ByteSurvey(run, foldLimit: 1 << 20).mayHoldBlob == (base64 || byte == 0x25), "a run of byte \(value)")
    }
  }
}
