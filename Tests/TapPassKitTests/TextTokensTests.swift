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
}
