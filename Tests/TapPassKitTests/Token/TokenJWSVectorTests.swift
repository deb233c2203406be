import Foundation
import Testing
@testable import TapPassKit

/// Known answers at the JWS and JWK layers: Wycheproof's whole-token and
/// key-set files, the ECDH file's JWKs as a P-256 parsing fixture, and the
/// RFC 7515 A.1/A.3 and RFC 8037 examples.
@Suite(.enabled(if: TokenVectors.available, TokenVectors.skipNote))
struct TokenJWSVectorTests {
  /// Loose view of a file whose groups carry JWKs of varying shape.
  func groups(_ name: String) throws -> [[String: Any]] {
    let data = try Data(contentsOf: TokenVectors.directory.appendingPathComponent(name))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(root["testGroups"] as? [[String: Any]])
  }

  func json(_ value: Any) throws -> [UInt8] {
    Array(try JSONSerialization.data(withJSONObject: value))
  }

  /// Loads the group's public key set and verifies `jws` with its key of
  /// the matching kid (or its only key). Any failure means "rejected".
  func accepts(jws: String, publicKeys: Any?) -> Bool {
    guard let publicKeys, let bytes = try? json(publicKeys),
      let keys = try? TokenJWK.keySet(json: bytes),
      let parsed = try? TokenJWS.parse(Array(jws.utf8)[...])
    else { return false }
    let key = keys.first { $0.kid == parsed.kid } ?? (keys.count == 1 ? keys[0] : nil)
    guard let key else { return false }
    return (try? parsed.verify(with: key)) != nil
  }

  /// Groups of algorithms tp-token speaks follow Wycheproof's result (with
  /// `acceptable` refused); every other group must be refused whatever
  /// Wycheproof says (README: "reject as unsupported"). That covers the
  /// four mislabelled `base64` cases (tcId 367, 370, 372, 373): they are
  /// HS256 and refused as such.
  @Test func tokenWycheproofJsonWebSignature() throws {
    let ours: Set = ["es256", "SpecialCaseEs256", "ec_key_for_encryption"]
    var tally = WycheproofTally()
    var unsupportedRejected = 0
    var total = 0
    for group in try groups("wycheproof_json_web_signature_test.json") {
      let comment = group["comment"] as? String ?? ""
      for test in group["tests"] as? [[String: Any]] ?? [] {
        total += 1
        let id = test["tcId"] as? Int ?? -1
        let accepted = accepts(jws: test["jws"] as? String ?? "", publicKeys: group["public"])
        let result = test["result"] as? String ?? ""
        if ours.contains(comment) {
          if result == "valid" {
            #expect(accepted, "JWS tcId \(id) (\(comment)) must verify")
            if accepted { tally.validAccepted += 1 }
          } else {
            #expect(!accepted, "JWS tcId \(id) (\(comment)) must be refused")
            if !accepted { result == "invalid" ? (tally.invalidRejected += 1) : (tally.acceptableRejected += 1) }
          }
        } else {
          #expect(!accepted, "JWS tcId \(id) (\(comment)) uses an unsupported alg and must be refused")
          if !accepted { unsupportedRejected += 1 }
        }
      }
    }
    print("Wycheproof JSON Web Signature: \(total) cases: ES256 groups \(tally); unsupported-alg cases rejected: \(unsupportedRejected)")
    #expect(total == 401)
  }

  /// Key-set validation: the EC cases 19–24 must fail at key load; nothing
  /// in the file may verify (the valid ones are HS/RS, unsupported here).
  @Test func tokenWycheproofJsonWebKey() throws {
    var loadRejected = 0
    var total = 0
    for group in try groups("wycheproof_json_web_key_test.json") {
      let keys = group["public"] ?? group["private"]
      for test in group["tests"] as? [[String: Any]] ?? [] {
        total += 1
        let id = test["tcId"] as? Int ?? -1
        #expect(!accepts(jws: test["jws"] as? String ?? "", publicKeys: keys), "JWK tcId \(id) must be refused")
        let loads = (try? TokenJWK.keySet(json: json(keys as Any))) != nil
        if (19...24).contains(id) { #expect(!loads, "JWK tcId \(id) must fail at key load") }
        if !loads { loadRejected += 1 }
      }
    }
    print("Wycheproof JSON Web Key: \(total) cases all refused, \(loadRejected) at key load")
  }

  @Test func tokenWycheproofP256JWKParsing() throws {
    var loaded = 0, refused = 0
    for group in try groups("wycheproof_ecdh_secp256r1_webcrypto_test.json") {
      for test in group["tests"] as? [[String: Any]] ?? [] {
        var jwk = test["public"] as? [String: Any] ?? [:]
        jwk["kid"] = nil
        let loads = (try? TokenJWK.keySet(json: json(jwk))) != nil
        let id = test["tcId"] as? Int ?? -1
        if test["result"] as? String == "valid" {
          #expect(loads, "ECDH JWK tcId \(id) is a valid P-256 point and must load")
          if loads { loaded += 1 }
        } else {
          #expect(!loads, "ECDH JWK tcId \(id) must be refused at load")
          if !loads { refused += 1 }
        }
      }
    }
    print("Wycheproof ECDH P-256 JWKs: \(loaded) valid loaded, \(refused) invalid refused")
  }

  // MARK: RFC examples

  func example(_ id: String) throws -> [String: Any] {
    let data = try Data(contentsOf: TokenVectors.directory.appendingPathComponent("rfc_jws_examples.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let examples = try #require(root["examples"] as? [[String: Any]])
    return try #require(examples.first { $0["id"] as? String == id })
  }

  func b64(_ value: Any?) -> [UInt8] { Base64URL.decode(value as? String ?? "") ?? [] }

  @Test func tokenRFC7515A3ES256() throws {
    let vector = try example("rfc7515-A.3-ES256")
    let keys = try TokenJWK.keySet(json: json(vector["public_jwk"]!))
    let compact = Array((vector["compact"] as! String).utf8)
    try TokenJWS.parse(compact[...]).verify(with: keys[0])
    // The JWT layer: valid with the clock pinned before exp, expired now.
    var policy = TokenVerifier.Policy(now: 1_300_819_000)
    #expect(try TokenVerifier(keys: keys, policy: policy).verify(compact).root.iss == "joe")
    policy.now = 1_800_000_000
    #expect(throws: TokenRejection(.expired, "expired at 1300819380, now 1800000000")) {
      try TokenVerifier(keys: keys, policy: policy).verify(compact)
    }
    // Sign with the private JWK; verify our own 64-byte signature.
    let jwk = try #require(vector["private_jwk"] as? [String: String])
    let point = [0x04] + b64(jwk["x"]) + b64(jwk["y"])
    let signer = try TPCrypto.ECDSAP256.PrivateKey(rawScalar: .init(copying: b64(jwk["d"])), publicPoint: point)
    let input = Array((vector["signing_input"] as! String).utf8)
    let signature = try signer.signature(for: input)
    #expect(signature.count == 64)
    #expect(try TPCrypto.ECDSAP256.PublicKey(x963Representation: point).isValidSignature(signature, for: input))
  }

  @Test func tokenRFC8037Ed25519() throws {
    let vector = try example("rfc8037-A.4-EdDSA")
    let jwk = try #require(vector["private_jwk"] as? [String: String])
    let signer = try TPCrypto.Ed25519.PrivateKey(rawRepresentation: .init(copying: b64(jwk["d"])))
    let input = Array((vector["signing_input"] as! String).utf8)
    #expect(try signer.signature(for: input) == b64(vector["signature_b64u"]))
    let keys = try TokenJWK.keySet(json: json(vector["public_jwk"]!))
    let thumbprint = try #require(vector["jwk_thumbprint_rfc7638"] as? [String: String])
    #expect(keys[0].kid == thumbprint["b64u"])
    let compact = Array((vector["compact"] as! String).utf8)
    try TokenJWS.parse(compact[...]).verify(with: keys[0])
    // The payload is a sentence, not a claims set: the JWT layer refuses it.
    #expect(throws: TokenRejection.self) {
      try TokenVerifier(keys: keys, policy: .init(now: 1_800_000_000)).verify(compact)
    }
    do { _ = try TokenVerifier(keys: keys, policy: .init(now: 1_800_000_000)).verify(compact) } catch {
      #expect(error.reason == .badJSON)
    }
  }

  @Test func tokenRFC7515A1HS256IsRefused() throws {
    let vector = try example("rfc7515-A.1-HS256")
    let compact = Array((vector["compact"] as! String).utf8)
    #expect(throws: TokenRejection.self) { try TokenJWS.parse(compact[...]) }
    do { _ = try TokenJWS.parse(compact[...]) } catch { #expect(error.reason == .algNotAllowed) }
  }
}
