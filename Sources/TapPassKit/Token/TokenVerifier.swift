/// Verifies a token or a delegation chain against trusted keys and a policy.
///
/// Order of work, cheapest and most hostile-input-safe first: split and
/// bound the chain (depth is refused before any signature work), then link
/// by link: structure and header checks (no crypto), the signature, and only
/// then the claims, time and narrowing checks; last the issuer, audience,
/// revocation and required-scope checks on the whole chain. Every failure
/// is a `TokenRejection` with a stable reason code.
public struct TokenVerifier: Sendable {
  public struct Policy: Sendable {
    /// Verification time in seconds since the epoch (`--now`).
    public var now: Int64
    /// Tolerated clock difference for `exp`, `nbf` and `iat`.
    public var leeway: Int64 = 30
    /// Required audience; when nil `aud` is not checked.
    public var audience: String?
    /// Required issuer of the root token; when nil any trusted key's
    /// tokens are accepted.
    public var issuer: String?
    /// Every one of these must be granted by the leaf's scope.
    public var requiredScopes: [String] = []
    /// Most delegation links after the root.
    public var maxDepth = 4
    /// Revoked `jti`s; a revoked ancestor revokes the whole chain.
    public var revoked: Set<String> = []
    public var limits = TokenJWS.Limits()

    public init(now: Int64) { self.now = now }
  }

  /// A verified token or chain.
  public struct Verified: Sendable {
    /// Claims of every link, root first.
    public var links: [TokenClaims]
    /// Key id of the trusted key that signed the root.
    public var kid: String
    public var root: TokenClaims { links[0] }
    public var leaf: TokenClaims { links[links.count - 1] }
    public var depth: Int { links.count - 1 }
    /// The earliest `exp` of the chain: when the leaf stops being valid.
    public var expires: Int64 { links.compactMap(\.exp).min() ?? 0 }
  }

  public static let chainSeparator: UInt8 = 0x7E  // "~"

  private let byKid: [String: TokenPublicKey]
  private let keys: [TokenPublicKey]
  private let holderKeys: TokenKeyCache?
  private let headers = TokenHeaderCache()
  public let policy: Policy

  /// `holderKeyCache: false` imports every `cnf` key afresh (for measuring
  /// the cold cost).
  public init(keys: [TokenPublicKey], policy: Policy, holderKeyCache: Bool = true) {
    self.keys = keys
    holderKeys = holderKeyCache ? TokenKeyCache() : nil
    var byKid: [String: TokenPublicKey] = [:]
    for key in keys { byKid[key.kid] = key }
    self.byKid = byKid
    self.policy = policy
  }

  public func verify(_ text: some Collection<UInt8>) throws(TokenRejection) -> Verified {
    try verify(slice: ArraySlice(text))
  }

  /// The batch path: lines arrive as slices and are not copied again.
  public func verify(slice bytes: ArraySlice<UInt8>) throws(TokenRejection) -> Verified {
    let segments = bytes.contains(Self.chainSeparator)
      ? bytes.split(separator: Self.chainSeparator, omittingEmptySubsequences: false) : [bytes]
    // Bound the work before any parsing: a chain deeper than allowed is
    // refused without verifying a single signature.
    guard segments.count - 1 <= policy.maxDepth else {
      throw TokenRejection(.chainTooDeep, "chain has \(segments.count - 1) delegations; at most \(policy.maxDepth) allowed")
    }
    var links: [TokenClaims] = []
    links.reserveCapacity(segments.count)
    var rootKid = ""
    for (index, segment) in segments.enumerated() {
      let claims: TokenClaims
      do throws(TokenRejection) {
        if index == 0 {
          (claims, rootKid) = try verifyRoot(segment)
        } else {
          claims = try verifyLink(segment, parentText: segments[index - 1], parent: links[index - 1])
        }
        try checkTimes(claims)
      } catch var rejection {
        rejection.link = index
        throw rejection
      }
      links.append(claims)
    }
    let verified = Verified(links: links, kid: rootKid)
    try checkPolicy(verified)
    return verified
  }

  private func verifyRoot(_ text: ArraySlice<UInt8>) throws(TokenRejection) -> (TokenClaims, String) {
    let jws = try TokenJWS.parse(text, limits: policy.limits, headerCache: headers)
    try checkTyp(jws)
    let key: TokenPublicKey
    if let kid = jws.kid {
      guard let found = byKid[kid] else {
        throw TokenRejection(.unknownKey, "no trusted key has kid \(String(kid.prefix(16)))")
      }
      try jws.verify(with: found)
      key = found
    } else {
      // Without a kid, the only candidates are keys of the header's alg;
      // each is tried (key sets are small) and the alg still comes from it.
      let candidates = keys.filter { $0.algorithm == jws.algorithm }
      guard let match = candidates.first(where: { $0.isValidSignature(jws.signature, for: Array(jws.signingInput)) }) else {
        throw TokenRejection(candidates.isEmpty ? .unknownKey : .badSignature,
          candidates.isEmpty ? "no trusted \(jws.algorithm.rawValue) key" : "signature does not verify with any trusted key")
      }
      key = match
    }
    let (claims, _) = try TokenClaims.parse(jws.payload, keyCache: holderKeys)
    if claims.par != nil {
      throw TokenRejection(.chainBrokenLink, "a root token must not name a parent (par)")
    }
    return (claims, key.kid)
  }

  /// A delegated link: signed by the parent's `cnf` key, bound to the exact
  /// parent text, and only narrower.
  private func verifyLink(
    _ text: ArraySlice<UInt8>, parentText: ArraySlice<UInt8>, parent: TokenClaims
  ) throws(TokenRejection) -> TokenClaims {
    let jws = try TokenJWS.parse(text, limits: policy.limits)
    try checkTyp(jws)
    guard let holder = parent.cnf else {
      throw TokenRejection(.chainBrokenLink, "the parent names no delegate key (cnf)")
    }
    try jws.verify(with: holder)
    let (claims, document) = try TokenClaims.parse(jws.payload, keyCache: holderKeys)
    guard let par = claims.par, TPCrypto.constantTimeEquals(Array(par.utf8), Self.parentHash(parentText)) else {
      throw TokenRejection(.chainBrokenLink, "par does not match the hash of the parent link")
    }
    for name in TokenClaims.rootOnly where document.member(name, of: 0) != nil {
      throw TokenRejection(.chainWidened, "a delegated link may not set \(name); it inherits the root's")
    }
    for scope in claims.scope where !TokenScope.grants(parent.scope, scope) {
      throw TokenRejection(.chainWidened, "scope \(String(scope.prefix(64))) is not within the parent's scope")
    }
    guard let exp = claims.exp, let parentExp = parent.exp, exp <= parentExp else {
      throw TokenRejection(.chainOutlivesParent, "a delegated link must expire no later than its parent")
    }
    if let nbf = parent.nbf, (claims.nbf ?? claims.iat ?? Int64.min) < nbf {
      throw TokenRejection(.chainOutlivesParent, "a delegated link may not start before its parent")
    }
    return claims
  }

  /// Revocation lists are signed with the same keys; a list must never
  /// pass as a token.
  private func checkTyp(_ jws: TokenJWS) throws(TokenRejection) {
    if jws.typ == TokenRevocationList.typ {
      throw TokenRejection(.malformed, "this is a revocation list, not a token")
    }
  }

  private func checkTimes(_ claims: TokenClaims) throws(TokenRejection) {
    let now = policy.now
    guard let exp = claims.exp else { throw TokenRejection(.missingClaim, "exp is required") }
    if now >= exp + policy.leeway { throw TokenRejection(.expired, "expired at \(exp), now \(now)") }
    if let nbf = claims.nbf, now + policy.leeway < nbf {
      throw TokenRejection(.notYetValid, "not valid before \(nbf), now \(now)")
    }
    if let iat = claims.iat, iat > now + policy.leeway {
      throw TokenRejection(.issuedInFuture, "issued at \(iat), after now \(now) plus leeway")
    }
  }

  private func checkPolicy(_ verified: Verified) throws(TokenRejection) {
    let root = verified.root
    if let issuer = policy.issuer, root.iss != issuer {
      throw TokenRejection(.wrongIssuer, "issuer \(String((root.iss ?? "(none)").prefix(64))) is not \(issuer)")
    }
    if let audience = policy.audience, !root.aud.contains(audience) {
      throw TokenRejection(.wrongAudience, "token is not for audience \(audience)")
    }
    for (index, link) in verified.links.enumerated() {
      if let jti = link.jti, policy.revoked.contains(jti) {
        throw TokenRejection(.revoked, index == verified.depth
          ? "token \(jti) is revoked" : "ancestor \(jti) (link \(index)) is revoked", link: index)
      }
    }
    for required in policy.requiredScopes where !TokenScope.grants(verified.leaf.scope, required) {
      throw TokenRejection(.scopeNotGranted, "scope \(String(required.prefix(64))) is not granted", link: verified.depth)
    }
  }

  /// The `par` value a child carries: base64url(SHA-256(parent link)).
  public static func parentHash(_ parentText: some Collection<UInt8>) -> [UInt8] {
    Base64URL.encodeBytes(TPCrypto.sha256(Array(parentText)))
  }
}
