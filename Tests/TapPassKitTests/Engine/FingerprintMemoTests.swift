import Testing
@testable import TapPassKit

/// A remembered fingerprint must be the one the MAC makes: same type and
/// same bytes (wherever they are held) hit, anything else is made afresh.
@Suite struct FingerprintMemoTests {
  @Test func remembersOnlyEqualTypeAndBytes() {
    let redactor = Redactor()
    let memo = FingerprintMemo()
    var made = 0
    func fingerprint(_ type: String, _ bytes: [UInt8], _ range: Range<Int>) -> String {
      memo.fingerprint(type: type, bytes, range) {
        made += 1
        return redactor.fingerprint(type: type, value: bytes[range])
      }
    }
    let field = Array("alice@example.com wrote to alice@example.com and bob@example.com".utf8)
    let other = Array("cc: alice@example.com".utf8)
    let expected = redactor.fingerprint(type: "email", value: Array("alice@example.com".utf8))
    #expect(fingerprint("email", field, 0..<17) == expected)
    #expect(fingerprint("email", field, 27..<44) == expected)
    #expect(fingerprint("email", other, 4..<21) == expected)
    #expect(made == 1)
    // Another type, other bytes of the same length, an empty value.
    #expect(fingerprint("username", field, 0..<17) == redactor.fingerprint(type: "username", value: field[0..<17]))
    #expect(fingerprint("email", field, 49..<64) == redactor.fingerprint(type: "email", value: field[49..<64]))
    #expect(fingerprint("email", field, 1..<18) == redactor.fingerprint(type: "email", value: field[1..<18]))
    #expect(fingerprint("email", field, 3..<3) == redactor.fingerprint(type: "email", value: field[3..<3]))
    #expect(fingerprint("email", other, 0..<0) == redactor.fingerprint(type: "email", value: other[0..<0]))
    #expect(made == 5)
    memo.clear()
    #expect(fingerprint("email", field, 0..<17) == expected)
    #expect(made == 6)
  }

  /// Past `reach` entries an old value is made again, with the same result.
  @Test func beyondReachIsMadeAgain() {
    let redactor = Redactor()
    let memo = FingerprintMemo()
    var made = 0
    let values = (0...FingerprintMemo.reach).map { Array("value-\($0)".utf8) }
    for round in 0..<2 {
      for value in values {
        let remembered = memo.fingerprint(type: "t", value, 0..<value.count) {
          made += 1
          return redactor.fingerprint(type: "t", value: value)
        }
        #expect(remembered == redactor.fingerprint(type: "t", value: value), "round \(round)")
      }
    }
    #expect(made == 2 * values.count)
  }
}
