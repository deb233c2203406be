import Testing
@testable import TapPassKit

/// `detect_unicode` decodes only the regions around non-ASCII bytes; on
/// random texts built from the characters its rules are about (and stray
/// bytes), that gives exactly the findings of decoding the whole text.
@Suite struct UnicodeRegionTests {
  static let pieces: [[UInt8]] = [
    "a", "b", "Z", "7", " ", ".", "-", "_", "\n", "'", "pay", "pal", "login", "ab12",
    "\u{202E}", "\u{2066}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{2060}", "\u{3164}",
    "\u{FE0F}", "\u{FE00}", "\u{E0100}", "\u{E0049}", "\u{E0067}", "\u{E007F}", "🏴", "😀", "👍", "❤",
    "а", "е", "о", "Ρ", "ο", "ℓ", "ａ", "𝐚", "é", "ï", "—", "’", "“", "漢", "字", "ب", "ی", "क", "्", "Ж",
  ].map { Array($0.utf8) }
  static let stray: [[UInt8]] = [[0x80], [0xBF], [0xC1], [0xC3], [0xE2, 0x80], [0xF0, 0x9F], [0xFF]]

  @Test func regionsFindWhatTheWholeTextFinds() {
    let step = DetectUnicodeStep(configuration: .init())
    var generator = SystemRandomNumberGenerator()
    var nonEmpty = 0
    for round in 0..<20_000 {
      var text: [UInt8] = []
      for _ in 0..<Int.random(in: 0...24, using: &generator) {
        if Int.random(in: 0..<12, using: &generator) == 0 {
          text += Self.stray.randomElement(using: &generator)!
        } else {
          text += Self.pieces.randomElement(using: &generator)!
        }
      }
      let (regions, whole) = text.withUnsafeBufferPointer { (step.scan($0), step.scan($0, wholeText: true)) }
      if !whole.isEmpty { nonEmpty += 1 }
      let describe = { (list: [Candidate]) in list.map { "\($0.type)@\($0.start)..<\($0.end)" } }
      #expect(describe(regions) == describe(whole), "round \(round): \(text)")
    }
    // The generator must exercise the rules, not only clean text.
    #expect(nonEmpty > 5_000)
  }
}
