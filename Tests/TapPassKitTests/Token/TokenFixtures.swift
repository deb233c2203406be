import Testing
@testable import TapPassKit

/// Keys, clock and helpers shared by the token tests. Keys are generated
/// once per process; the clock is pinned so no test depends on the date.
enum TokenFixtures {
  static let now: Int64 = 1_800_000_000
  static let es256 = try! TokenSigningKey.generate(.es256)
  static let eddsa = try! TokenSigningKey.generate(.eddsa)
  static let foreign = try! TokenSigningKey.generate(.es256)
  static let holder = try! TokenSigningKey.generate(.eddsa)
  static let holder2 = try! TokenSigningKey.generate(.es256)

  static func claims(
    scope: [String] = ["read_file:/workspace/**", "http_get:api.example.com"],
    ttl: Int64 = 60, cnf: TokenPublicKey? = nil
  ) -> TokenClaims {
    var claims = TokenClaims()
    claims.iss = "tappass"
    claims.sub = "agent-7"
    claims.aud = ["tools"]
    claims.org = "acme"
    claims.scope = scope
    claims.iat = now
    claims.nbf = now
    claims.exp = now + ttl
    claims.jti = "jti-root"
    claims.tier = "standard"
    claims.health = 0.9
    claims.ceiling = "internal"
    claims.cnf = cnf
    return claims
  }

  static func mint(_ claims: TokenClaims = claims(), key: TokenSigningKey = es256) -> String {
    String(decoding: try! TokenMinter(key: key).mint(claims), as: UTF8.self)
  }

  /// A token with an arbitrary header and payload text, signed by `key`.
  static func forge(header: String, payload: String, key: TokenSigningKey = es256) -> String {
    String(decoding: try! TokenJWS.sign(header: Array(header.utf8), payload: Array(payload.utf8), key: key), as: UTF8.self)
  }

  static func b64(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

  static var header: String { #"{"alg":"ES256","typ":"JWT","kid":"\#(es256.publicKey.kid)"}"# }
  static var payload: String { String(decoding: try! claims().json(), as: UTF8.self) }

  static func verifier(_ configure: (inout TokenVerifier.Policy) -> Void = { _ in }) -> TokenVerifier {
    var policy = TokenVerifier.Policy(now: now)
    policy.audience = "tools"
    policy.issuer = "tappass"
    configure(&policy)
    return TokenVerifier(keys: [es256.publicKey, eddsa.publicKey], policy: policy)
  }

  /// The rejection reason for `token`, or nil when it verifies.
  static func reason(
    _ token: String, _ configure: (inout TokenVerifier.Policy) -> Void = { _ in }
  ) -> TokenRejection.Reason? {
    reason(bytes: Array(token.utf8), configure)
  }

  static func reason(
    bytes: [UInt8], _ configure: (inout TokenVerifier.Policy) -> Void = { _ in }
  ) -> TokenRejection.Reason? {
    do {
      _ = try verifier(configure).verify(bytes)
      return nil
    } catch {
      return error.reason
    }
  }

  /// Replaces segment `index` of a compact token.
  static func replacing(_ token: String, segment index: Int, with text: String) -> String {
    var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    parts[index] = text
    return parts.joined(separator: ".")
  }

  /// A root with a cnf for `holder`, then one delegated link.
  static func chain(
    rootScope: [String] = ["read_file:/workspace/**"], childScope: [String] = ["read_file:/workspace/src/*"],
    rootTTL: Int64 = 600, childTTL: Int64 = 60, nextHolder: TokenPublicKey? = nil
  ) throws -> String {
    var root = claims(scope: rootScope, ttl: rootTTL, cnf: holder.publicKey)
    root.jti = "jti-root"
    var request = TokenDelegation.Request(ttl: childTTL, now: now, jti: "jti-child")
    request.sub = "sub-agent"
    request.scope = childScope
    request.cnf = nextHolder
    let chain = try TokenDelegation.delegate(chain: Array(mint(root).utf8), holder: holder, request: request)
    return String(decoding: chain, as: UTF8.self)
  }
}
