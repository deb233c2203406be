import Testing
@testable import TapPassKit

/// Every rejection the issue lists, each its own test, asserting the
/// stable reason code a verdict carries.
@Suite struct TokenSecurityTests {
  typealias F = TokenFixtures

  @Test func tokenValidTokenVerifies() throws {
    #expect(F.reason(F.mint()) == nil)
    #expect(F.reason(F.mint(key: F.eddsa)) == nil)
    let verified = try F.verifier().verify(Array(F.mint().utf8))
    #expect(verified.leaf.sub == "agent-7")
    #expect(verified.kid == F.es256.publicKey.kid)
  }

  @Test(arguments: ["none", "None", "NONE", "nOnE"])
  func tokenRejectsAlgNoneInAnyCase(alg: String) {
    let token = F.b64(#"{"alg":"\#(alg)","typ":"JWT"}"#) + "." + F.b64(F.payload) + "."
    #expect(F.reason(token) == .algNone)
    let signed = F.replacing(F.mint(), segment: 0, with: F.b64(#"{"alg":"\#(alg)"}"#))
    #expect(F.reason(signed) == .algNone)
  }

  /// Key confusion: an HS256 token whose MAC key is the public key PEM.
  @Test func tokenRejectsHS256KeyConfusion() throws {
    let pem = try F.es256.publicKey.pem
    let header = F.b64(#"{"alg":"HS256","typ":"JWT","kid":"\#(F.es256.publicKey.kid)"}"#)
    let input = header + "." + F.b64(F.payload)
    let mac = TPCrypto.HMACSHA256.authenticationCode(for: Array(input.utf8), key: Array(pem.utf8))
    #expect(F.reason(input + "." + Base64URL.encode(mac)) == .algNotAllowed)
  }

  @Test func tokenRejectsAlgDifferentFromKey() {
    // An EdDSA header on a token whose kid names the ES256 key.
    let token = F.forge(header: #"{"alg":"EdDSA","kid":"\#(F.es256.publicKey.kid)"}"#, payload: F.payload, key: F.eddsa)
    #expect(F.reason(token) == .algMismatch)
  }

  @Test func tokenRejectsStrippedSignature() {
    let token = F.mint()
    #expect(F.reason(String(token[..<token.lastIndex(of: ".")!]) + ".") == .missingSignature)
  }

  @Test func tokenRejectsMissingSignatureSegment() {
    let token = F.mint()
    #expect(F.reason(String(token[..<token.lastIndex(of: ".")!])) == .malformed)
  }

  @Test func tokenRejectsForeignSignature() {
    let foreign = F.forge(header: F.header, payload: F.payload, key: F.foreign)
    #expect(F.reason(foreign) == .badSignature)
    // A signature lifted from another valid token.
    let other = F.mint(F.claims(ttl: 120))
    let lifted = F.replacing(F.mint(), segment: 2, with: String(other.split(separator: ".")[2]))
    #expect(F.reason(lifted) == .badSignature)
  }

  @Test func tokenRejectsUnknownKid() {
    let token = F.forge(header: #"{"alg":"ES256","kid":"nobody"}"#, payload: F.payload, key: F.foreign)
    #expect(F.reason(token) == .unknownKey)
  }

  @Test func tokenRejectsTamperedPayload() {
    var claims = F.claims()
    claims.scope = ["**"]
    let token = F.replacing(F.mint(), segment: 1, with: Base64URL.encode(try! claims.json()))
    #expect(F.reason(token) == .badSignature)
  }

  @Test func tokenRejectsDERSignature() throws {
    let token = F.mint()
    let raw = Base64URL.decode(String(token.split(separator: ".")[2]))!
    let der = try #require(TPCrypto.ECDSAP256.derSignature(fromRaw: raw))
    #expect(F.reason(F.replacing(token, segment: 2, with: Base64URL.encode(der))) == .signatureLength)
  }

  @Test(arguments: [0, 1, 32, 63, 65, 66, 96, 128])
  func tokenRejectsWrongSignatureLength(length: Int) {
    let signature = Base64URL.encode([UInt8](repeating: 7, count: length))
    let expected: TokenRejection.Reason = length == 0 ? .missingSignature : .signatureLength
    #expect(F.reason(F.replacing(F.mint(), segment: 2, with: signature)) == expected)
  }

  /// CVE-2022-21449 ("psychic signatures"): r or s zero, or ≥ n.
  @Test(arguments: ["zero-zero", "zero-s", "r-zero", "n-n", "n-s", "r-n", "max-max"])
  func tokenRejectsOutOfRangeRS(kind: String) {
    let token = F.mint()
    let raw = Base64URL.decode(String(token.split(separator: ".")[2]))!
    let n = Hex.decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")!
    let zero = [UInt8](repeating: 0, count: 32)
    let max = [UInt8](repeating: 0xFF, count: 32)
    let r = Array(raw[0..<32]), s = Array(raw[32..<64])
    let signature: [UInt8]
    switch kind {
    case "zero-zero": signature = zero + zero
    case "zero-s": signature = zero + s
    case "r-zero": signature = r + zero
    case "n-n": signature = n + n
    case "n-s": signature = n + s
    case "r-n": signature = r + n
    default: signature = max + max
    }
    #expect(F.reason(F.replacing(token, segment: 2, with: Base64URL.encode(signature))) == .badSignature)
  }

  @Test func tokenRejectsExpired() {
    #expect(F.reason(F.mint()) { $0.now = F.now + 60 + 30 } == .expired)
    #expect(F.reason(F.mint()) { $0.now = F.now + 60 + 29 } == nil)  // inside leeway
    #expect(F.reason(F.mint()) { $0.now = F.now + 61; $0.leeway = 0 } == .expired)
  }

  @Test func tokenRejectsNotYetValid() {
    #expect(F.reason(F.mint()) { $0.now = F.now - 31 } == .notYetValid)
  }

  @Test func tokenRejectsFarFutureIat() {
    var claims = F.claims()
    claims.iat = F.now + 86_400 * 365
    claims.nbf = nil
    #expect(F.reason(F.mint(claims)) == .issuedInFuture)
  }

  @Test func tokenRejectsMissingExp() {
    var claims = F.claims()
    claims.exp = nil
    #expect(F.reason(F.mint(claims)) == .missingClaim)
  }

  @Test func tokenRejectsWrongAudience() {
    #expect(F.reason(F.mint()) { $0.audience = "billing" } == .wrongAudience)
  }

  @Test func tokenRejectsWrongIssuer() {
    #expect(F.reason(F.mint()) { $0.issuer = "evil" } == .wrongIssuer)
  }

  @Test(arguments: ["jku", "x5u", "jwk", "x5c"])
  func tokenRejectsKeyCarryingHeaders(name: String) {
    let value = name == "jwk" ? #"{"kty":"EC"}"# : name == "x5c" ? #"["MII"]"# : #""https://evil.example/keys""#
    let header = #"{"alg":"ES256","kid":"\#(F.es256.publicKey.kid)","\#(name)":\#(value)}"#
    #expect(F.reason(F.forge(header: header, payload: F.payload)) == .embeddedKey)
  }

  @Test func tokenRejectsUnknownCrit() {
    let header = #"{"alg":"ES256","kid":"\#(F.es256.publicKey.kid)","crit":["exp"],"exp":1}"#
    #expect(F.reason(F.forge(header: header, payload: F.payload)) == .unknownCrit)
  }

  @Test func tokenRejectsDuplicateHeaderKeys() {
    let header = #"{"alg":"ES256","alg":"none","kid":"\#(F.es256.publicKey.kid)"}"#
    #expect(F.reason(F.forge(header: header, payload: F.payload)) == .duplicateKey)
  }

  /// A duplicate spelled with an escape is still a duplicate.
  @Test func tokenRejectsEscapedDuplicateHeaderKey() {
    let header = #"{"alg":"ES256","\u0061lg":"none","kid":"\#(F.es256.publicKey.kid)"}"#
    #expect(F.reason(F.forge(header: header, payload: F.payload)) == .duplicateKey)
  }

  @Test func tokenRejectsEscapedAlgNone() {
    let token = F.b64(#"{"alg":"n\u006fne"}"#) + "." + F.b64(F.payload) + "."
    #expect(F.reason(token) == .algNone)
  }

  @Test func tokenRejectsDuplicateClaimKeys() {
    let payload = F.payload.replacingOccurrences(of: #""sub":"agent-7""#, with: #""sub":"agent-7","sub":"root""#)
    #expect(F.reason(F.forge(header: F.header, payload: payload)) == .duplicateKey)
  }

  @Test(arguments: ["padding", "trailing-bits", "standard-alphabet", "space"])
  func tokenRejectsNonCanonicalBase64URL(kind: String) {
    let token = F.mint()
    var parts = token.split(separator: ".").map(String.init)
    switch kind {
    case "padding":
      parts[1] += "=="
    case "trailing-bits":
      // The last character of a 64-byte signature (86 chars) carries 4
      // unused bits; flipping one of them keeps the bytes, not the text.
      var chars = Array(parts[2])
      let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
      let value = alphabet.firstIndex(of: chars[chars.count - 1])!
      chars[chars.count - 1] = alphabet[value ^ 1]
      parts[2] = String(chars)
    case "standard-alphabet":
      parts[0] = Base64URL.encode(Array(F.header.utf8)) + "+/"
    default:
      parts[1].insert(" ", at: parts[1].index(parts[1].startIndex, offsetBy: 4))
    }
    #expect(F.reason(parts.joined(separator: ".")) == .badEncoding)
  }

  @Test func tokenRejectsOversizedHeader() {
    let header = #"{"alg":"ES256","kid":"\#(F.es256.publicKey.kid)","pad":"\#(String(repeating: "x", count: 2000))"}"#
    #expect(F.reason(F.forge(header: header, payload: F.payload)) == .tooLarge)
  }

  @Test func tokenRejectsOversizedToken() {
    var claims = F.claims()
    claims.scope = (0..<200).map { "read_file:/workspace/file-\($0)/**" }
    #expect(F.reason(F.mint(claims)) == .tooLarge)
  }

  @Test func tokenRejectsDeeplyNestedHeader() {
    let nested = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
    let header = #"{"alg":"ES256","kid":"\#(F.es256.publicKey.kid)","x":\#(nested)}"#
    #expect(F.reason(F.forge(header: header, payload: F.payload)) == .tooDeep)
  }

  @Test func tokenRejectsInvalidUTF8InHeader() {
    var header = Array(#"{"alg":"ES256","kid":"\#(F.es256.publicKey.kid)","x":"ab"}"#.utf8)
    header[header.count - 3] = 0xC0
    let token = try! TokenJWS.sign(header: header, payload: Array(F.payload.utf8), key: F.es256)
    #expect(F.reason(bytes: token) == .invalidUTF8)
  }

  @Test func tokenRejectsInvalidUTF8InToken() {
    var token = Array(F.mint().utf8)
    token[5] = 0xFF
    #expect(F.reason(bytes: token) == .badEncoding)
  }

  @Test(arguments: [1, 2, 4, 5])
  func tokenRejectsWrongSegmentCount(count: Int) {
    let parts = F.mint().split(separator: ".").map(String.init)
    let segments = (0..<count).map { parts[$0 % 3] }
    #expect(F.reason(segments.joined(separator: ".")) == .malformed)
  }

  @Test func tokenRejectsNonObjectPayload() {
    #expect(F.reason(F.forge(header: F.header, payload: "[1,2]")) == .badJSON)
    #expect(F.reason(F.forge(header: F.header, payload: "hello")) == .badJSON)
  }

  @Test func tokenRejectsRevocationListAsToken() throws {
    let list = try TokenRevocationList.export(jtis: ["a"], issuer: "tappass", now: F.now, key: F.es256)
    #expect(F.reason(bytes: list) == .malformed)
  }

  @Test func tokenRejectsRevoked() {
    #expect(F.reason(F.mint()) { $0.revoked = ["jti-root"] } == .revoked)
  }

  @Test func tokenRequiredScopes() {
    let token = F.mint()
    #expect(F.reason(token) { $0.requiredScopes = ["read_file:/workspace/a.txt"] } == nil)
    #expect(F.reason(token) { $0.requiredScopes = ["http_get:api.example.com"] } == nil)
    #expect(F.reason(token) { $0.requiredScopes = ["read_file:/etc/passwd"] } == .scopeNotGranted)
    #expect(F.reason(token) { $0.requiredScopes = ["write_file:/workspace/a.txt"] } == .scopeNotGranted)
  }

  /// Metamorphic check: changing any one character of a valid token, or
  /// cutting it short anywhere, must never leave a token that verifies
  /// (strict base64url leaves no spelling of the same bytes).
  @Test func tokenEverySingleCharacterChangeIsRejected() {
    for key in [F.es256, F.eddsa] {
      let token = Array(F.mint(key: key).utf8)
      for index in token.indices {
        var mutated = token
        mutated[index] = token[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(F.reason(bytes: mutated) != nil, "change at \(index) verified")
      }
      for length in stride(from: 0, to: token.count, by: 7) {
        #expect(F.reason(bytes: Array(token.prefix(length))) != nil, "prefix \(length) verified")
      }
    }
  }

  /// One verifier (warm header cache) over a mixed stream: a cached header
  /// must never let a different header, or a bad signature, through.
  @Test func tokenHeaderCacheNeverBypassesChecks() {
    let verifier = F.verifier()
    let good = F.mint()
    let jwkHeader = #"{"alg":"ES256","kid":"\#(F.es256.publicKey.kid)","jwk":{}}"#
    let stream: [(String, TokenRejection.Reason?)] = [
      (good, nil),
      (F.replacing(good, segment: 0, with: F.b64(#"{"alg":"none"}"#)), .algNone),
      (good, nil),
      (F.forge(header: jwkHeader, payload: F.payload), .embeddedKey),
      (F.forge(header: F.header, payload: F.payload, key: F.foreign), .badSignature),
      (good, nil),
    ]
    for (token, expected) in stream {
      var reason: TokenRejection.Reason?
      do { _ = try verifier.verify(Array(token.utf8)) } catch { reason = error.reason }
      #expect(reason == expected)
    }
  }
}
