/// A compact JWS (RFC 7515 §7.1) split and checked *before* any signature
/// work: exactly three segments, canonical base64url, bounded sizes, a
/// header that is one JSON object with unique keys, an `alg` we speak, no
/// key-carrying headers and no `crit`. Nothing here trusts the header: the
/// verifying key is chosen by the caller and its algorithm must equal `alg`.
public struct TokenJWS: Sendable {
  public struct Limits: Sendable {
    /// Longest compact token (one link of a chain).
    public var tokenBytes = 8192
    /// Longest decoded header: ours are under 100 bytes.
    public var headerBytes = 1024
    /// Longest decoded payload.
    public var payloadBytes = 6144
    /// Header nesting: the header object itself plus one level.
    public var headerDepth = 2
    public init() {}
  }

  /// Header parameters that carry or point at keys. A verifier that used
  /// them would let the token pick its own key, so their mere presence is
  /// a rejection (RFC 8725 §3.10).
  static let keyHeaders = ["jku", "x5u", "jwk", "x5c", "x5t", "x5t#S256"]

  /// `header.payload`, the exact bytes received: signatures cover the text,
  /// never a re-serialisation.
  public let signingInput: ArraySlice<UInt8>
  public let header: JSONDocument
  public let algorithm: TokenAlgorithm
  public let kid: String?
  public let typ: String?
  public let payload: [UInt8]
  public let signature: [UInt8]

  /// A checked header: its JSON and the three members tp-token reads.
  struct Header: Sendable {
    let document: JSONDocument
    let algorithm: TokenAlgorithm
    let kid: String?
    let typ: String?
  }

  /// `headerCache` (a verifier's) skips re-parsing a header whose text is
  /// byte-for-byte the last one accepted: every token of one issuer key
  /// has the same header.
  public static func parse(
    _ text: ArraySlice<UInt8>, limits: Limits = Limits(), headerCache: TokenHeaderCache? = nil
  ) throws(TokenRejection) -> TokenJWS {
    guard text.count <= limits.tokenBytes else {
      throw TokenRejection(.tooLarge, "token of \(text.count) bytes exceeds \(limits.tokenBytes)")
    }
    // The two dots, found without allocating; a third means too many
    // segments.
    var firstDot = -1, secondDot = -1, extra = false
    for index in text.indices where text[index] == 0x2E {
      if firstDot < 0 { firstDot = index } else if secondDot < 0 { secondDot = index } else { extra = true; break }
    }
    guard secondDot >= 0, !extra else {
      let found = extra ? "4 or more" : firstDot < 0 ? "1" : "2"
      throw TokenRejection(.malformed, "a compact JWS has 3 segments, found \(found)")
    }
    let headerText = text[text.startIndex..<firstDot]
    let payloadText = text[(firstDot + 1)..<secondDot]
    let signatureText = text[(secondDot + 1)...]
    guard !headerText.isEmpty, !payloadText.isEmpty else {
      throw TokenRejection(.malformed, "empty header or payload segment")
    }
    let header: Header
    if let headerCache {
      header = try headerCache.header(for: headerText, limits: limits)
    } else {
      header = try parseHeader(headerText, limits: limits)
    }
    let alg = header.algorithm.rawValue

    guard !signatureText.isEmpty else { throw TokenRejection(.missingSignature, "the signature segment is empty") }
    guard let signature = Base64URL.decode(bytes: signatureText) else {
      throw TokenRejection(.badEncoding, "signature is not canonical base64url")
    }
    guard signature.count == 64 else {
      throw TokenRejection(.signatureLength, "signature is \(signature.count) bytes; \(alg) needs 64 (raw, not DER)")
    }
    guard payloadText.count <= (limits.payloadBytes * 4 + 2) / 3 else {
      throw TokenRejection(.tooLarge, "payload exceeds \(limits.payloadBytes) bytes")
    }
    guard let payload = Base64URL.decode(bytes: payloadText) else {
      throw TokenRejection(.badEncoding, "payload is not canonical base64url")
    }
    return TokenJWS(
      signingInput: text[text.startIndex..<secondDot], header: header.document, algorithm: header.algorithm,
      kid: header.kid, typ: header.typ, payload: payload, signature: signature)
  }

  static func parseHeader(_ headerText: ArraySlice<UInt8>, limits: Limits) throws(TokenRejection) -> Header {
    guard headerText.count <= (limits.headerBytes * 4 + 2) / 3 else {
      throw TokenRejection(.tooLarge, "header exceeds \(limits.headerBytes) bytes")
    }
    guard let headerBytes = Base64URL.decode(bytes: headerText) else {
      throw TokenRejection(.badEncoding, "header is not canonical base64url")
    }
    let document = try TokenJSON.parseObject(headerBytes, depth: limits.headerDepth, what: "header")
    var alg: String?, kid: String?, typ: String?
    for member in document.children(of: 0) {
      let name = TokenJSON.name(document, member)
      switch name {
      case "alg": alg = try TokenJSON.string(document, member, "alg")
      case "kid": kid = try TokenJSON.string(document, member, "kid")
      case "typ": typ = try TokenJSON.string(document, member, "typ")
      case "crit": throw TokenRejection(.unknownCrit, "crit lists extensions this verifier does not implement")
      default:
        if keyHeaders.contains(name) {
          throw TokenRejection(.embeddedKey, "header \(name) names a key; keys come only from the verifier")
        }
      }
    }
    guard let alg else { throw TokenRejection(.badJSON, "header has no alg") }
    if alg.lowercased() == "none" { throw TokenRejection(.algNone, "unsigned tokens (alg none) are never accepted") }
    guard let algorithm = TokenAlgorithm(rawValue: alg) else {
      throw TokenRejection(.algNotAllowed, "alg \(String(alg.prefix(16))) is not allowed (only ES256, EdDSA)")
    }
    return Header(document: document, algorithm: algorithm, kid: kid, typ: typ)
  }

  /// Verifies the signature with `key`, whose algorithm must be the header's.
  public func verify(with key: TokenPublicKey, link: Int = 0) throws(TokenRejection) {
    guard key.algorithm == algorithm else {
      throw TokenRejection(.algMismatch, "header alg \(algorithm.rawValue) but key \(key.fingerprint) is \(key.algorithm.rawValue)", link: link)
    }
    guard key.isValidSignature(signature, for: Array(signingInput)) else {
      throw TokenRejection(.badSignature, "signature does not verify with key \(key.fingerprint)", link: link)
    }
  }

  /// Builds and signs a compact JWS from a header and payload JSON.
  public static func sign(header: [UInt8], payload: [UInt8], key: TokenSigningKey) throws(TPCrypto.CryptoError) -> [UInt8] {
    try sign(encodedHeader: Base64URL.encodeBytes(header), payload: payload, key: key)
  }

  /// The same with the header already encoded (a minter's is constant).
  static func sign(encodedHeader: [UInt8], payload: [UInt8], key: TokenSigningKey) throws(TPCrypto.CryptoError) -> [UInt8] {
    var text = encodedHeader
    text.reserveCapacity(encodedHeader.count + payload.count * 4 / 3 + 92)
    text.append(0x2E)
    text.append(contentsOf: Base64URL.encodeBytes(payload))
    let signature = try key.signature(for: text)
    text.append(0x2E)
    text.append(contentsOf: Base64URL.encodeBytes(signature))
    return text
  }

  /// The header tp-token writes: `alg`, `typ`, and `kid` when given.
  public static func header(for key: TokenSigningKey, typ: String = "JWT", kid: String?) -> [UInt8] {
    var writer = JSONWriter(capacity: 96)
    writer.beginObject()
    writer.key("alg"); writer.string(key.algorithm.rawValue)
    writer.key("typ"); writer.string(typ)
    if let kid { writer.key("kid"); writer.string(kid) }
    writer.endObject()
    return writer.bytes
  }
}
