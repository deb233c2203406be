import Testing
@testable import TapPassKit

/// The reusable keyed MAC behind finding fingerprints gives exactly the
/// one-shot HMAC-SHA256, message after message on one context.
@Suite struct KeyedHMACTests {
  /// RFC 4231 test case 2 ("what do ya want for nothing?" under "Jefe").
  @Test func matchesTheRFC4231Vector() throws {
    let keyed = try #require(TPCrypto.HMACSHA256.Keyed(key: Array("Jefe".utf8)))
    let message = Array("what do ya want for nothing?".utf8)
    let code = message.withUnsafeBufferPointer { keyed.authenticationCode($0) }
    #expect(Hex.encode(code) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test func fingerprintsEqualTheOneShotPath() throws {
    var random = SeededGenerator(state: 7)
    for keyLength in [0, 5, 32, 64, 100] {
      let redactor = Redactor(key: (0..<keyLength).map { _ in UInt8(random.int(0...255)) })
      let keyed = try #require(redactor.keyed())
      for _ in 0..<300 {
        let value = (0..<random.int(0...80)).map { _ in UInt8(random.int(0...255)) }
        let type = random.pick(["email", "aws_access_key_id", "", "ünïcode"])
        #expect(redactor.fingerprint(type: type, value: value[...], using: keyed) == redactor.fingerprint(type: type, value: value))
      }
    }
  }
}
