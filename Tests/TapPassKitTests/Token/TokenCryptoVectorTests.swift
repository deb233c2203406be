import Testing
@testable import TapPassKit

/// Known-answer tests of the signature layer against Wycheproof: every
/// `valid` case must verify, every `invalid` (and, by TapPass policy, every
/// `acceptable`) case must be refused. Failures print the tcId.
@Suite(.enabled(if: TokenVectors.available, TokenVectors.skipNote))
struct TokenCryptoVectorTests {
  func check(_ tally: inout WycheproofTally, _ test: WycheproofTest, file: String, accepted: Bool) {
    switch test.result {
    case "valid":
      #expect(accepted, "\(file) tcId \(test.tcId) (\(test.comment)) must verify")
      if accepted { tally.validAccepted += 1 }
    case "invalid":
      #expect(!accepted, "\(file) tcId \(test.tcId) (\(test.comment)) must be refused")
      if !accepted { tally.invalidRejected += 1 }
    default:
      #expect(!accepted, "\(file) tcId \(test.tcId) acceptable, refused by policy")
      if !accepted { tally.acceptableRejected += 1 }
    }
  }

  /// Runs every test of a file: `verify(group)` gives the group's checker.
  func run<Group: Decodable>(
    _ name: String, _ type: Group.Type, tests: (Group) -> [WycheproofTest],
    verifier: (Group) throws -> ([UInt8], [UInt8]) -> Bool
  ) throws {
    let file = try TokenVectors.load(name, as: WycheproofFile<Group>.self)
    var tally = WycheproofTally()
    var total = 0
    for group in file.testGroups {
      let verify = try verifier(group)
      for test in tests(group) {
        total += 1
        let accepted = verify(TokenVectors.hex(test.sig), TokenVectors.hex(test.msg))
        check(&tally, test, file: name, accepted: accepted)
      }
    }
    print("Wycheproof \(file.algorithm) (\(name)): \(total) cases: \(tally)")
    #expect(total == file.numberOfTests)
  }

  @Test func tokenWycheproofECDSAP256P1363() throws {
    try run("wycheproof_ecdsa_secp256r1_sha256_p1363_test.json", WycheproofECDSAGroup.self, tests: \.tests) { group in
      let key = try TPCrypto.ECDSAP256.PublicKey(x963Representation: TokenVectors.hex(group.publicKey.uncompressed))
      return { key.isValidSignature($0, for: $1) }
    }
  }

  /// The DER file exercises the strict DER → r‖s conversion: a signature
  /// counts as accepted only if it converts, re-encodes to the same bytes
  /// and then verifies.
  @Test func tokenWycheproofECDSAP256DERConversion() throws {
    try run("wycheproof_ecdsa_secp256r1_sha256_test.json", WycheproofECDSAGroup.self, tests: \.tests) { group in
      let key = try TPCrypto.ECDSAP256.PublicKey(x963Representation: TokenVectors.hex(group.publicKey.uncompressed))
      return { der, message in
        guard let raw = TPCrypto.ECDSAP256.rawSignature(fromDER: der) else { return false }
        return key.isValidSignature(raw, for: message) && TPCrypto.ECDSAP256.derSignature(fromRaw: raw) == der
      }
    }
  }

  @Test func tokenWycheproofEd25519() throws {
    try run("wycheproof_ed25519_test.json", WycheproofEdDSAGroup.self, tests: \.tests) { group in
      let key = try TPCrypto.Ed25519.PublicKey(rawRepresentation: TokenVectors.hex(group.publicKey.pk))
      return { key.isValidSignature($0, for: $1) }
    }
  }
}

@Suite struct TokenCryptoTests {
  @Test func tokenSignAndVerifyRoundTrip() throws {
    let message = Array("hello".utf8)
    let p256 = try TPCrypto.ECDSAP256.PrivateKey()
    for _ in 0..<3 {
      let signature = try p256.signature(for: message)
      #expect(signature.count == 64)
      #expect(try p256.publicKey.isValidSignature(signature, for: message))
      #expect(try !p256.publicKey.isValidSignature(signature, for: Array("hellp".utf8)))
    }
    let ed = try TPCrypto.Ed25519.PrivateKey()
    for _ in 0..<3 {
      let signature = try ed.signature(for: message)
      #expect(try ed.publicKey.isValidSignature(signature, for: message))
      #expect(try !ed.publicKey.isValidSignature(signature, for: Array("hellp".utf8)))
    }
  }

  @Test func tokenPEMRoundTrip() throws {
    let key = try TPCrypto.ECDSAP256.PrivateKey()
    let pem = try key.pkcs8PEM
    let text = pem.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    let again = try TPCrypto.ECDSAP256.PrivateKey(pemRepresentation: pem)
    #expect(try again.publicKey.x963Representation == key.publicKey.x963Representation)
    let publicPEM = try key.publicKey.pemRepresentation
    let parsed = try TPCrypto.ECDSAP256.PublicKey(pemRepresentation: Array(publicPEM.utf8))
    #expect(try parsed.x963Representation == key.publicKey.x963Representation)
    let ed = try TPCrypto.Ed25519.PrivateKey()
    #expect(throws: TPCrypto.CryptoError.self) { try TPCrypto.ECDSAP256.PrivateKey(pemRepresentation: ed.pkcs8PEM) }
  }

  /// CVE-2022-21449: r = s = 0 and r = s = n must never verify.
  @Test func tokenRejectsPsychicSignatures() throws {
    let key = try TPCrypto.ECDSAP256.PrivateKey().publicKey
    let order = Hex.decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")!
    #expect(!key.isValidSignature([UInt8](repeating: 0, count: 64), for: [1, 2, 3]))
    #expect(!key.isValidSignature(order + order, for: [1, 2, 3]))
    #expect(TPCrypto.ECDSAP256.derSignature(fromRaw: order + order) == nil)
    #expect(TPCrypto.ECDSAP256.derSignature(fromRaw: [UInt8](repeating: 0, count: 64)) == nil)
  }

  @Test func tokenRejectsOffCurvePoint() {
    var point = [UInt8](repeating: 1, count: 65)
    point[0] = 4
    #expect(throws: TPCrypto.CryptoError.self) { try TPCrypto.ECDSAP256.PublicKey(x963Representation: point) }
  }
}
