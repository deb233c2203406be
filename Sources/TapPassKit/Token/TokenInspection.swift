/// Decoding tokens *without* verifying them, for humans and for `revoke
/// --token`. Output is marked unverified and never carries a signature or
/// a key in full: signatures become a length and an 8-character preview,
/// `cnf` keys become their thumbprint, and key-carrying headers (which a
/// verifier refuses anyway) are listed by name only.
public enum TokenInspection {
  public static let warning = "UNVERIFIED: decoded without checking any signature; do not trust these values"

  /// A short correlation id for a token that does not reveal it.
  public static func fingerprint(_ token: some Collection<UInt8>) -> String {
    "sha256:" + String(decoding: Base64URL.encodeBytes(TPCrypto.sha256(Array(token))).prefix(12), as: UTF8.self)
  }

  public static func unverifiedJTI(_ link: ArraySlice<UInt8>) throws(TokenRejection) -> String? {
    let jws = try TokenJWS.parse(link)
    return try TokenClaims.parse(jws.payload).0.jti
  }

  /// One JSON object describing every link of a token or chain.
  public static func describe(_ text: [UInt8]) -> (json: [UInt8], ok: Bool) {
    var writer = JSONWriter(capacity: 1024)
    var ok = true
    writer.beginObject()
    writer.key("type"); writer.string("inspection")
    writer.key("verified"); writer.bool(false)
    writer.key("warning"); writer.string(warning)
    writer.key("token"); writer.string(fingerprint(text))
    writer.key("links")
    writer.beginArray()
    for link in text.split(separator: TokenVerifier.chainSeparator, omittingEmptySubsequences: false) {
      writer.beginObject()
      do throws(TokenRejection) {
        let jws = try TokenJWS.parse(link)
        writer.key("header")
        writeHeader(jws.header, to: &writer)
        writer.key("signature")
        writer.beginObject()
        writer.key("bytes"); writer.int(jws.signature.count)
        writer.key("preview"); writer.string(String(Base64URL.encode(jws.signature).prefix(8)) + "…")
        writer.endObject()
        writer.key("claims")
        let document = try TokenJSON.parseObject(jws.payload, depth: 4, what: "claims")
        writeClaims(document, to: &writer)
      } catch {
        ok = false
        writer.key("error"); writer.string(error.reason.rawValue)
        writer.key("message"); writer.string(error.message)
      }
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return (writer.bytes, ok)
  }

  private static func writeHeader(_ header: JSONDocument, to writer: inout JSONWriter) {
    writer.beginObject()
    var other: [String] = []
    for member in header.children(of: 0) {
      let name = header.key(member)
      if ["alg", "typ", "kid"].contains(name), let value = header.string(member) {
        writer.key(name); writer.string(value)
      } else {
        other.append(name)
      }
    }
    if !other.isEmpty {
      writer.key("other_parameters")
      writer.beginArray()
      for name in other { writer.string(name) }
      writer.endArray()
    }
    writer.endObject()
  }

  private static func writeClaims(_ claims: JSONDocument, to writer: inout JSONWriter) {
    writer.beginObject()
    for member in claims.children(of: 0) {
      let name = claims.key(member)
      writer.key(name)
      if name == "cnf" {
        writer.beginObject()
        if let jwk = claims.member("jwk", of: member), let key = try? TokenJWK.publicKey(in: claims, at: jwk) {
          writer.key("jwk_thumbprint"); writer.string(key.kid)
          writer.key("alg"); writer.string(key.algorithm.rawValue)
        } else {
          writer.key("error"); writer.string("unreadable cnf")
        }
        writer.endObject()
      } else {
        writer.raw(claims.bytes[claims.rawRange(member)])
      }
    }
    writer.endObject()
  }
}
