/// The claims of one token (docs/token-format.md, "Claims"). Registered JWT
/// claims (RFC 7519) plus TapPass's: `org`, `scope`, the governance claims
/// `tier`, `health`, `ceiling`, the holder key `cnf` (RFC 7800) and, in a
/// delegated link, `par` (the hash of the parent link).
public struct TokenClaims: Sendable, Equatable {
  public var iss: String?
  public var sub: String?
  public var aud: [String] = []
  public var org: String?
  public var scope: [String] = []
  public var iat: Int64?
  public var nbf: Int64?
  public var exp: Int64?
  public var jti: String?
  /// Trust tier of the agent (e.g. `trusted`, `standard`, `untrusted`).
  public var tier: String?
  /// Health score in [0, 1] at minting time.
  public var health: Double?
  /// Highest data classification the agent may touch.
  public var ceiling: String?
  /// The holder key a delegate must sign with (`cnf.jwk`).
  public var cnf: TokenPublicKey?
  /// base64url(SHA-256(parent link text)) in a delegated link.
  public var par: String?

  public static let classifications = ["public", "internal", "confidential", "restricted"]

  /// Claims only the root may set: a delegated link inherits them.
  static let rootOnly = ["iss", "aud", "org", "tier", "health", "ceiling"]

  public init() {}

  public static func == (lhs: TokenClaims, rhs: TokenClaims) -> Bool {
    lhs.iss == rhs.iss && lhs.sub == rhs.sub && lhs.aud == rhs.aud && lhs.org == rhs.org
      && lhs.scope == rhs.scope && lhs.iat == rhs.iat && lhs.nbf == rhs.nbf && lhs.exp == rhs.exp
      && lhs.jti == rhs.jti && lhs.tier == rhs.tier && lhs.health == rhs.health
      && lhs.ceiling == rhs.ceiling && lhs.par == rhs.par
      && (try? lhs.cnf.map { try TokenPublicKey.thumbprint($0.material) }) == (try? rhs.cnf.map { try TokenPublicKey.thumbprint($0.material) })
  }

  // MARK: Parsing

  /// Parses a payload. `document` is also returned so callers can look for
  /// claims this type does not model (e.g. root-only claims in a child).
  public static func parse(
    _ payload: [UInt8], keyCache: TokenKeyCache? = nil
  ) throws(TokenRejection) -> (TokenClaims, JSONDocument) {
    let document = try TokenJSON.parseObject(payload, depth: 4, what: "claims")
    var claims = TokenClaims()
    // One pass over the members (a lookup per claim would rescan them all).
    for member in document.children(of: 0) {
      let name = TokenJSON.name(document, member)
      switch name {
      case "iss": claims.iss = try TokenJSON.string(document, member, name)
      case "sub": claims.sub = try TokenJSON.string(document, member, name)
      case "org": claims.org = try TokenJSON.string(document, member, name)
      case "jti": claims.jti = try TokenJSON.string(document, member, name)
      case "tier": claims.tier = try TokenJSON.string(document, member, name)
      case "ceiling": claims.ceiling = try TokenJSON.string(document, member, name)
      case "par": claims.par = try TokenJSON.string(document, member, name)
      case "aud": claims.aud = try stringList(document, member, name)
      case "scope": claims.scope = try stringList(document, member, name)
      case "iat": claims.iat = try numericDate(document, member, name)
      case "nbf": claims.nbf = try numericDate(document, member, name)
      case "exp": claims.exp = try numericDate(document, member, name)
      case "health":
        guard let value = document.number(member), (0...1).contains(value) else {
          throw TokenRejection(.invalidClaim, "health must be a number in [0, 1]")
        }
        claims.health = value
      case "cnf":
        guard let jwk = document.member("jwk", of: member) else {
          throw TokenRejection(.invalidClaim, "cnf must hold a jwk (RFC 7800)")
        }
        do { claims.cnf = try TokenJWK.publicKey(in: document, at: jwk, cache: keyCache) } catch {
          throw TokenRejection(.invalidClaim, "cnf.jwk: \(error.description)")
        }
      default:
        break
      }
    }
    return (claims, document)
  }

  /// A string or an array of strings (`aud`; `scope` also accepts the
  /// space-separated OAuth form).
  static func stringList(_ document: JSONDocument, _ node: Int, _ name: String) throws(TokenRejection) -> [String] {
    if document.nodes[node].kind == .string {
      let value = try TokenJSON.string(document, node, name)
      return name == "scope" ? value.split(separator: " ").map(String.init) : [value]
    }
    guard document.nodes[node].kind == .array else {
      throw TokenRejection(.invalidClaim, "\(name) must be a string or an array of strings")
    }
    var result: [String] = []
    result.reserveCapacity(Int(document.nodes[node].count))
    for child in document.children(of: node) {
      guard document.nodes[child].kind == .string else {
        throw TokenRejection(.invalidClaim, "\(name) entries must be strings")
      }
      result.append(try TokenJSON.string(document, child, name))
    }
    return result
  }

  /// NumericDate (RFC 7519 §2): whole seconds; fractions, exponents and
  /// values beyond year 10000 are refused rather than rounded.
  static func numericDate(_ document: JSONDocument, _ node: Int, _ name: String) throws(TokenRejection) -> Int64 {
    let range = document.rawRange(node)
    guard document.nodes[node].kind == .number, range.count <= 12 else {
      throw TokenRejection(.invalidClaim, "\(name) must be a whole number of seconds")
    }
    var value: Int64 = 0
    for byte in document.bytes[range] {
      guard byte >= 0x30 && byte <= 0x39 else {
        throw TokenRejection(.invalidClaim, "\(name) must be a whole number of seconds")
      }
      value = value * 10 + Int64(byte - 0x30)
    }
    guard value <= 253_402_300_799 else { throw TokenRejection(.invalidClaim, "\(name) is beyond year 9999") }
    return value
  }

  // MARK: Writing

  /// The payload JSON, members in a fixed order so minting is reproducible.
  public func json() throws(TPCrypto.CryptoError) -> [UInt8] {
    var out = TokenJSONOutput()
    out.begin()
    out.string("iss", iss)
    out.string("sub", sub)
    if aud.count == 1 { out.string("aud", aud[0]) } else if !aud.isEmpty { out.strings("aud", aud) }
    out.string("org", org)
    if !scope.isEmpty || par == nil { out.strings("scope", scope) }
    out.int("iat", iat)
    out.int("nbf", nbf)
    out.int("exp", exp)
    out.string("jti", jti)
    out.string("tier", tier)
    out.double("health", health)
    out.string("ceiling", ceiling)
    if let cnf {
      let members = try TokenPublicKey.requiredMembers(cnf.material)
      out.key("cnf")
      out.begin()
      out.key("jwk")
      out.begin()
      // RFC 7638 order: crv, kty, x[, y].
      out.string("crv", members[0].1)
      out.string("kty", members[1].1)
      out.string("x", members[2].1)
      if members.count > 3 { out.string("y", members[3].1) }
      out.end()
      out.end()
    }
    out.string("par", par)
    out.end()
    return out.bytes
  }
}
