/// Minting root tokens and delegated links.
public struct TokenMinter: Sendable {
  public let key: TokenSigningKey
  /// base64url of the header, the same for every token this minter signs.
  private let encodedHeader: [UInt8]

  /// `kid` defaults to the key's RFC 7638 thumbprint.
  public init(key: TokenSigningKey, kid: String? = nil) {
    self.key = key
    encodedHeader = Base64URL.encodeBytes(TokenJWS.header(for: key, kid: kid ?? key.publicKey.kid))
  }

  public func mint(_ claims: TokenClaims) throws(TPCrypto.CryptoError) -> [UInt8] {
    try TokenJWS.sign(encodedHeader: encodedHeader, payload: claims.json(), key: key)
  }

  /// A fresh random `jti`: 16 bytes from libcrypto's DRBG, base64url.
  public static func newJTI() throws -> String {
    Base64URL.encode(try TPCrypto.randomBytes(16))
  }
}

/// Offline attenuation: the holder of the key named in the last link's
/// `cnf` appends a narrower link signed with that key. The issuer is not
/// involved, so this is checked here (to refuse building a chain that can
/// never verify) and again, authoritatively, by every verifier.
public enum TokenDelegation {
  public struct Request: Sendable {
    public var sub: String?
    /// The delegate's scope; empty means "the parent's scope".
    public var scope: [String] = []
    public var ttl: Int64
    public var now: Int64
    public var jti: String
    /// The next holder's key, allowing one more delegation.
    public var cnf: TokenPublicKey?
    public init(ttl: Int64, now: Int64, jti: String) {
      self.ttl = ttl
      self.now = now
      self.jti = jti
    }
  }

  /// Returns `chain~child`. Throws a `TokenRejection` that says why the
  /// child would be refused (wrong holder key, widening, outliving).
  public static func delegate(
    chain: [UInt8], holder: TokenSigningKey, request: Request
  ) throws -> [UInt8] {
    let links = chain.split(separator: TokenVerifier.chainSeparator, omittingEmptySubsequences: false)
    guard let parentText = links.last else { throw TokenRejection(.malformed, "empty chain") }
    let parentJWS = try TokenJWS.parse(parentText)
    let (parent, _) = try TokenClaims.parse(parentJWS.payload)
    guard let cnf = parent.cnf else {
      throw TokenRejection(.chainBrokenLink, "the token names no delegate key (cnf): it cannot be delegated")
    }
    let holderPrint = try TokenPublicKey.thumbprint(holder.publicKey.material)
    guard try TokenPublicKey.thumbprint(cnf.material) == holderPrint else {
      throw TokenRejection(.chainBrokenLink, "this key (\(String(holderPrint.prefix(8)))) is not the delegate key the token names")
    }
    let scope = request.scope.isEmpty ? parent.scope : request.scope
    for entry in scope where !TokenScope.grants(parent.scope, entry) {
      throw TokenRejection(.chainWidened, "scope \(entry) is not within the parent's scope")
    }
    guard let parentExp = parent.exp else { throw TokenRejection(.missingClaim, "the parent has no exp") }
    var child = TokenClaims()
    child.sub = request.sub
    child.scope = scope
    child.iat = request.now
    child.nbf = max(request.now, parent.nbf ?? request.now)
    child.exp = min(request.now + request.ttl, parentExp)
    child.jti = request.jti
    child.cnf = request.cnf
    child.par = String(decoding: TokenVerifier.parentHash(parentText), as: UTF8.self)
    let header = TokenJWS.header(for: holder, kid: nil)
    let link = try TokenJWS.sign(header: header, payload: child.json(), key: holder)
    return chain + [TokenVerifier.chainSeparator] + link
  }
}
