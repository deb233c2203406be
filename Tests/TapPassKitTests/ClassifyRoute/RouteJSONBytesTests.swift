import Testing
@testable import TapPassKit

/// The byte-level JSON helpers on the classify/route hot path: the bulk
/// fast paths of `JSONString` must give exactly what the byte-at-a-time
/// originals gave (kept here as the reference), and `JSONBytes` must
/// format numbers as documented.
@Suite struct RouteJSONBytesTests {
  /// The original byte-at-a-time `appendQuoted`.
  static func referenceQuoted(_ input: [UInt8]) -> [UInt8] {
    var output: [UInt8] = [0x22]
    let hexDigits = Array("0123456789abcdef".utf8)
    input.withUnsafeBufferPointer { buffer in
      var position = 0
      while position < buffer.count {
        let byte = buffer[position]
        if byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C { output.append(byte); position += 1; continue }
        if byte < 0x80 {
          output.append(0x5C)
          switch byte {
          case 0x22: output.append(0x22)
          case 0x5C: output.append(0x5C)
          case 0x0A: output.append(0x6E)
          case 0x0D: output.append(0x72)
          case 0x09: output.append(0x74)
          default: output.append(contentsOf: [0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
          }
          position += 1
          continue
        }
        let length = UTF8Validation.sequenceLength(buffer, position)
        if length == 0 { output.append(contentsOf: [0xEF, 0xBF, 0xBD]); position += 1; continue }
        if length == 3, byte == 0xE2, buffer[position + 1] == 0x80, buffer[position + 2] == 0xA8 || buffer[position + 2] == 0xA9 {
          output.append(contentsOf: Array("\\u202".utf8))
          output.append(buffer[position + 2] == 0xA8 ? 0x38 : 0x39)
        } else {
          for offset in 0..<length { output.append(buffer[position + offset]) }
        }
        position += length
      }
    }
    output.append(0x22)
    return output
  }

  static let pieces: [[UInt8]] = [
    Array("plain ascii ".utf8), [0x22], [0x5C], [0x0A], [0x09], [0x01], [0x7F], Array("é".utf8), Array("😀".utf8),
    Array("\u{2028}".utf8), Array("\u{2029}".utf8), [0xFF], [0xC3], [0xE2, 0x80], Array("TOP SECRET".utf8),
  ]

  @Test func appendQuotedMatchesTheOriginal() {
    var random = RoutePropertyTests.Random(state: 42)
    for _ in 0..<2000 {
      var input: [UInt8] = []
      for _ in 0..<random.int(0...12) { input += random.pick(Self.pieces) }
      var fast: [UInt8] = []
      JSONString.appendQuoted(input, to: &fast)
      #expect(fast == Self.referenceQuoted(input), "input \(input)")
      // ByteWriter copies what needs no escape itself (UTF-8 included) and
      // hands the rest to JSONString: the same bytes.
      let written = ByteWriter.write { out in input.withUnsafeBufferPointer { out.appendQuoted($0) } }
      #expect(written == fast, "input \(input)")
      // And through a String's UTF-8 view (the writer's path), for valid text.
      if let text = String(validating: input, as: UTF8.self) {
        var viaString: [UInt8] = []
        JSONString.appendQuoted(text.utf8, to: &viaString)
        #expect(viaString == fast)
      }
    }
  }

  @Test func unescapeInvertsQuoting() throws {
    var random = RoutePropertyTests.Random(state: 7)
    for _ in 0..<2000 {
      var text = ""
      for _ in 0..<random.int(0...10) {
        text += random.pick(["a", "\"", "\\", "\n", "\t", "\u{01}", "é", "😀", "\u{2028}", "word ", "\\u0041"])
      }
      let quoted = JSONString.quoted(text)
      let decoded = JSONString.unescape(quoted[1..<(quoted.count - 1)])
      #expect(decoded == Array(text.utf8), "text \(text.debugDescription)")
    }
    // Surrogate pairs and lone surrogates.
    #expect(JSONString.unescape(Array(#"\ud83d\ude00x"#.utf8)) == Array("😀x".utf8))
    #expect(JSONString.unescape(Array(#"\ud83dx"#.utf8)) == Array("\u{FFFD}x".utf8))
    #expect(JSONString.unescape(Array(#"a\/b"#.utf8)) == Array("a/b".utf8))
  }

  @Test(arguments: [
    (0.0, 6, "0"), (12.0, 2, "12"), (0.07, 2, "0.07"), (0.5, 2, "0.5"), (0.000303, 6, "0.000303"),
    (0.00001, 6, "0.00001"), (0.0000004, 6, "0"), (1.0001, 4, "1.0001"), (0.00561, 6, "0.00561"), (-2.5, 1, "-2.5"),
    (1234567.125, 3, "1234567.125"), (0.999999, 2, "1"),
  ])
  func fixedPoint(_ value: Double, _ digits: Int, _ expected: String) {
    #expect(JSONBytes.fixedText(value, digits: digits) == expected)
  }

  @Test func integers() {
    for value in [0, 7, 10, 99, 100, 123456789, -42, Int.max, Int.min + 1] {
      var out: [UInt8] = []
      JSONBytes.int(value, to: &out)
      #expect(String(decoding: out, as: UTF8.self) == String(value))
    }
  }
}
