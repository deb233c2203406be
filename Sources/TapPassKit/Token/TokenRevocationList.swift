/// A signed revocation list: what `tp-token revocations export` writes and
/// `tp-token verify --revocations` loads, so verifiers never need the
/// database or the network.
///
/// It is a compact JWS with header `typ` `tp-revocations+jwt` (so it can
/// never be mistaken for a token, and a token never for a list) and payload
/// `{"iss":…,"iat":…,"revoked":["jti",…]}`, jtis sorted.
public enum TokenRevocationList {
  public static let typ = "tp-revocations+jwt"

  public static func export(jtis: [String], issuer: String?, now: Int64, key: TokenSigningKey) throws -> [UInt8] {
    var writer = JSONWriter(capacity: 64 + jtis.count * 26)
    writer.beginObject()
    if let issuer { writer.key("iss"); writer.string(issuer) }
    writer.key("iat"); writer.int(Int(now))
    writer.key("revoked")
    writer.beginArray()
    for jti in jtis.sorted() { writer.string(jti) }
    writer.endArray()
    writer.endObject()
    let header = TokenJWS.header(for: key, typ: typ, kid: key.publicKey.kid)
    return try TokenJWS.sign(header: header, payload: writer.bytes, key: key)
  }

  /// Verifies a list with the trusted keys and returns its jtis.
  public static func load(_ text: [UInt8], keys: [TokenPublicKey]) throws(TokenRejection) -> Set<String> {
    var limits = TokenJWS.Limits()
    limits.tokenBytes = 64 << 20
    limits.payloadBytes = 48 << 20
    let trimmed = text.prefix { $0 != 0x0A && $0 != 0x0D }
    let jws = try TokenJWS.parse(trimmed, limits: limits)
    guard jws.typ == typ else { throw TokenRejection(.malformed, "not a revocation list (typ \(typ) expected)") }
    guard let key = keys.first(where: { $0.kid == jws.kid }) else {
      throw TokenRejection(.unknownKey, "the revocation list is signed by an unknown key")
    }
    try jws.verify(with: key)
    let document: JSONDocument
    do { document = try JSONDocument(bytes: jws.payload, maxDepth: 3, rejectDuplicateKeys: true) } catch {
      throw TokenRejection(.badJSON, "revocation list: \(error.message)")
    }
    guard document.root.kind == .object, let list = document.member("revoked", of: 0),
      document.nodes[list].kind == .array
    else { throw TokenRejection(.badJSON, "revocation list has no revoked array") }
    var jtis = Set<String>()
    for node in document.children(of: list) {
      guard let jti = document.string(node) else { throw TokenRejection(.badJSON, "revoked entries must be strings") }
      jtis.insert(jti)
    }
    return jtis
  }
}
