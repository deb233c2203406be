import Testing
@testable import TapPassKit

/// RFC 8785 test vectors: §3.2.2 (serialisation example), §3.2.3 (sorting
/// example) and Appendix B (number formatting, given as IEEE 754 bit patterns).
@Suite struct AuditCanonicalTests {
  func canonical(_ text: String) throws -> String {
    let document = try JSONDocument(bytes: Array(text.utf8))
    return String(decoding: try Canonicalizer.canonicalize(document), as: UTF8.self)
  }

  @Test func rfc8785SerialisationExample() throws {
    let input = #"""
      {
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }
      """#
    #expect(try canonical(input) == #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#)
  }

  @Test func rfc8785SortingExampleUsesUTF16Order() throws {
    let input = #"""
      {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
      }
      """#
    let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    #expect(try canonical(input) == expected)
  }

  /// UTF-8 byte order would put U+FB33 before U+1F600; UTF-16 puts the
  /// surrogate pair (0xD83D…) first.
  @Test func supplementaryCharactersSortBeforeHighBMP() {
    #expect(Canonicalizer.utf16Precedes(Array("😀".utf8), Array("\u{FB33}".utf8)))
    #expect(!Array("😀".utf8).lexicographicallyPrecedes(Array("\u{FB33}".utf8)))
  }

  @Test(arguments: [
    (0x0000_0000_0000_0000, "0"),
    (0x8000_0000_0000_0000, "0"),
    (0x0000_0000_0000_0001, "5e-324"),
    (0x8000_0000_0000_0001, "-5e-324"),
    (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
    (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),
    (0x4340_0000_0000_0000, "9007199254740992"),
    (0xC340_0000_0000_0000, "-9007199254740992"),
    (0x4430_0000_0000_0000, "295147905179352830000"),
    (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
    (0x44B5_2D02_C7E1_4AF6, "1e+23"),
    (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
    (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
    (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
    (0x444B_1AE4_D6E2_EF50, "1e+21"),
    (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
    (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
    (0x41B3_DE43_5555_5553, "333333333.3333332"),
    (0x41B3_DE43_5555_5554, "333333333.33333325"),
    (0x41B3_DE43_5555_5555, "333333333.3333333"),
    (0x41B3_DE43_5555_5556, "333333333.3333334"),
    (0x41B3_DE43_5555_5557, "333333333.33333343"),
    (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
    (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
  ] as [(UInt64, String)])
  func rfc8785AppendixBNumbers(bits: UInt64, expected: String) throws {
    let value = Double(bitPattern: bits)
    #expect(ECMAScriptNumber.format(value) == expected)
    // And through the JSON path: the shortest round-trip text parses back.
    let text = "{\"n\":\(value == 0 ? "0" : String(value))}"
    #expect(try canonical(text) == "{\"n\":\(expected)}")
  }

  @Test(arguments: [
    ("1.0", "1"), ("-0", "0"), ("-0.0", "0"), ("1e2", "100"), ("100E-2", "1"), ("0.1", "0.1"),
    ("1e21", "1e+21"), ("1e20", "100000000000000000000"), ("123456789012345678", "123456789012345680"),
    ("0.0000001", "1e-7"), ("1.5e-6", "0.0000015"),
  ])
  func numberSpellingsCanonicalise(input: String, expected: String) throws {
    #expect(try canonical("[\(input)]") == "[\(expected)]")
  }

  @Test func keyOrderAndWhitespaceDoNotChangeTheHash() throws {
    let a = try canonical(#"{"b":[1,{"y":2,"x":1}],"a":"\u0041"}"#)
    let b = try canonical(" { \"a\" : \"A\" , \"b\" : [ 1.0 , { \"x\" : 1 , \"y\" : 2e0 } ] } ")
    #expect(a == b)
    #expect(a == #"{"a":"A","b":[1,{"x":1,"y":2}]}"#)
  }

  @Test func stringEscapingIsMinimal() throws {
    // DEL, U+2028 and non-ASCII stay literal; C0 controls use short forms or \u00xx.
    let input = "{\"s\":\"\\u007f\\u2028\\b\\f\\t\\u0001\\/é\"}"
    #expect(try canonical(input) == "{\"s\":\"\u{7F}\u{2028}\\b\\f\\t\\u0001/é\"}")
  }

  @Test(arguments: [
    (#"{"a":1,"a":2}"#, Canonicalizer.Failure.Code.duplicateKey),
    (#"{"a":1,"\u0061":2}"#, .duplicateKey),
    (#"{"a":1e400}"#, .numberOutOfRange),
    (#"{"a":"\ud800"}"#, .loneSurrogate),
    (#"{"\udc00":1}"#, .loneSurrogate),
  ])
  func rejectsWhatJCSCannotRepresent(input: String, code: Canonicalizer.Failure.Code) throws {
    let document = try JSONDocument(bytes: Array(input.utf8))
    #expect(throws: Canonicalizer.Failure.self) { try Canonicalizer.canonicalize(document) }
    do { _ = try Canonicalizer.canonicalize(document) } catch { #expect(error.code == code) }
  }
}

/// The fast path for literals already in ECMAScript form must agree with
/// the general formatter on every spelling.
@Suite struct AuditNumberFastPathTests {
  @Test func fastPathAgreesWithFormatter() {
    var generator = SystemRandomNumberGenerator()
    var checked = 0
    for _ in 0..<20_000 {
      let length = Int.random(in: 1...18, using: &generator)
      var digits = (0..<length).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }
      if digits.count > 1 && digits[0] == "0" { digits[0] = "1" }
      var text = String(digits)
      if Bool.random(using: &generator), length > 1 {
        let point = Int.random(in: 1..<length, using: &generator)
        text.insert(".", at: text.index(text.startIndex, offsetBy: point))
        if text.first == "0" && text.dropFirst().first != "." { continue }
      }
      if Bool.random(using: &generator) { text = "-" + text }
      if text.hasPrefix("0") && text.count > 1 && !text.hasPrefix("0.") { continue }
      if text.hasPrefix("-0") && text.count > 2 && !text.hasPrefix("-0.") { continue }
      let value = Double(text)!
      let expected = ECMAScriptNumber.format(value)
      #expect(ECMAScriptNumber.canonicalText(ofJSONNumber: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) } == expected, "\(text)")
      for small in ["0.000001", "0.0000012", "0.00000012", "-0.000001", "0.10", "10.0", "0.0", "-0"] {
        #expect(ECMAScriptNumber.canonicalText(ofJSONNumber: Array(small.utf8)).map { String(decoding: $0, as: UTF8.self) } == ECMAScriptNumber.format(Double(small)!))
      }
      checked += 1
    }
    #expect(checked > 10_000)
  }
}
