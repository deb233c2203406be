/// Strict JWK and JWK Set loading for verification keys (RFC 7517, 7518
/// §6.2, 8037 §2). Only public `EC`/P-256 and `OKP`/Ed25519 signing keys are
/// accepted; everything else is refused when the key is *loaded*, so a bad
/// key can never be used to verify:
/// - a wrong `kty`/`crv` pair, coordinates that are not exactly 32 bytes of
///   canonical base64url, or a point off the curve;
/// - `use` other than `sig`, `key_ops` without `verify`, an `alg` that does
///   not match the key type;
/// - private members (`d`): a verifier's key set must be public;
/// - duplicate `kid`s in a set.
public enum TokenJWK {
  public struct LoadError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
  }

  /// Parses one JWK object node of `document`. `cache` (for `cnf` holder
  /// keys) skips re-importing a point seen before; such keys carry no kid
  /// unless the JWK names one (hashing a thumbprint per link is waste).
  public static func publicKey(
    in document: JSONDocument, at node: Int, cache: TokenKeyCache? = nil
  ) throws(LoadError) -> TokenPublicKey {
    guard document.nodes[node].kind == .object else { throw LoadError("a JWK must be a JSON object") }
    func text(_ name: String) throws(LoadError) -> String? {
      guard let member = document.member(name, of: node) else { return nil }
      guard let value = document.string(member) else { throw LoadError("JWK member \(name) must be a string") }
      return value
    }
    func coordinate(_ name: String) throws(LoadError) -> [UInt8] {
      guard let value = try text(name), let bytes = Base64URL.decode(value), bytes.count == 32 else {
        throw LoadError("JWK member \(name) must be 32 bytes of canonical base64url")
      }
      return bytes
    }
    if document.member("d", of: node) != nil { throw LoadError("a verification key set must not hold private keys") }
    if let use = try text("use"), use != "sig" { throw LoadError("JWK use is \(use), not sig") }
    if let ops = document.member("key_ops", of: node) {
      let values = document.children(of: ops).compactMap { document.string($0) }
      guard values.contains("verify") else { throw LoadError("JWK key_ops does not allow verify") }
    }
    let kty = try text("kty")
    let crv = try text("crv")
    let algorithm: TokenAlgorithm
    let point: [UInt8]
    switch (kty, crv) {
    case ("EC", "P-256"):
      point = [0x04] + (try coordinate("x")) + (try coordinate("y"))
      algorithm = .es256
    case ("OKP", "Ed25519"):
      if document.member("y", of: node) != nil { throw LoadError("an OKP JWK has no y") }
      point = try coordinate("x")
      algorithm = .eddsa
    default:
      throw LoadError("unsupported JWK kty/crv \(kty ?? "-")/\(crv ?? "-") (need EC/P-256 or OKP/Ed25519)")
    }
    if let alg = try text("alg"), alg != algorithm.rawValue {
      throw LoadError("JWK alg \(alg) does not match its \(algorithm.rawValue) key")
    }
    let kid = try text("kid")
    let load = { () throws(LoadError) -> TokenPublicKey in
      try crypto { () throws(TPCrypto.CryptoError) in
        let material: TokenPublicKey.Material = algorithm == .es256
          ? .p256(try .init(x963Representation: point)) : .ed25519(try .init(rawRepresentation: point))
        return try TokenPublicKey(material: material, kid: kid ?? (cache == nil ? nil : ""))
      }
    }
    guard let cache else { return try load() }
    return try cache.key(for: point, load: load)
  }

  /// Runs a crypto-layer call, reporting its failure as a load error.
  private static func crypto<T>(_ body: () throws(TPCrypto.CryptoError) -> T) throws(LoadError) -> T {
    do { return try body() } catch { throw LoadError("JWK rejected: \(error)") }
  }

  /// Parses a JWK Set (`{"keys":[…]}`) or a single JWK.
  public static func keySet(json: [UInt8]) throws(LoadError) -> [TokenPublicKey] {
    let document: JSONDocument
    do { document = try JSONDocument(bytes: json, maxDepth: 8, rejectDuplicateKeys: true) } catch {
      throw LoadError("not a JSON key set: \(error.message)")
    }
    guard document.root.kind == .object else { throw LoadError("a key set must be a JSON object") }
    guard let keys = document.member("keys", of: 0) else { return [try publicKey(in: document, at: 0)] }
    guard document.nodes[keys].kind == .array else { throw LoadError("keys must be an array") }
    var result: [TokenPublicKey] = []
    var seen = Set<String>()
    for node in document.children(of: keys) {
      let key = try publicKey(in: document, at: node)
      guard seen.insert(key.kid).inserted else { throw LoadError("duplicate kid \(key.kid) in key set") }
      result.append(key)
    }
    return result
  }
}
