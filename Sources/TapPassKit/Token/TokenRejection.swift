/// Why a token was refused. The `reason` codes are stable snake_case
/// identifiers that appear in verdicts (docs/token-format.md lists them);
/// the message adds context but never token, key or signature bytes.
public struct TokenRejection: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Reason: String, Sendable, CaseIterable {
    case malformed              // wrong segment count, empty segment, non-ASCII text
    case tooLarge = "too_large" // token, header or payload over the size limits
    case badEncoding = "bad_encoding" // non-canonical or invalid base64url
    case badJSON = "bad_json"   // header or payload not one JSON object
    case invalidUTF8 = "invalid_utf8"
    case duplicateKey = "duplicate_key"
    case tooDeep = "too_deep"
    case algNone = "alg_none"
    case algNotAllowed = "alg_not_allowed" // HS256 and every other alg we do not speak
    case algMismatch = "alg_mismatch"      // header alg differs from the key's algorithm
    case embeddedKey = "embedded_key"      // jku, x5u, jwk, x5c headers
    case unknownCrit = "unknown_crit"
    case unknownKey = "unknown_key"
    case missingSignature = "missing_signature"
    case signatureLength = "signature_length"
    case badSignature = "bad_signature"
    case missingClaim = "missing_claim"
    case invalidClaim = "invalid_claim"
    case expired
    case notYetValid = "not_yet_valid"
    case issuedInFuture = "issued_in_future"
    case wrongAudience = "wrong_audience"
    case wrongIssuer = "wrong_issuer"
    case scopeNotGranted = "scope_not_granted"
    case revoked
    case chainTooDeep = "chain_too_deep"
    case chainBrokenLink = "chain_broken_link"
    case chainWidened = "chain_widened"
    case chainOutlivesParent = "chain_outlives_parent"
  }

  public var reason: Reason
  public var message: String
  /// Which link of a chain failed (0 = the root token).
  public var link: Int

  public init(_ reason: Reason, _ message: String, link: Int = 0) {
    self.reason = reason
    self.message = message
    self.link = link
  }

  public var description: String { "\(reason.rawValue): \(message)" }
}
