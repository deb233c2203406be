/// The two signature algorithms tokens may use. The algorithm always comes
/// from the verifying key; a token's `alg` header is only compared with it.
public enum TokenAlgorithm: String, Sendable, CaseIterable {
  case es256 = "ES256"
  case eddsa = "EdDSA"
}

/// A key that verifies tokens: a P-256 or Ed25519 public key, its algorithm
/// and its `kid` (the RFC 7638 thumbprint unless a JWK named another).
public struct TokenPublicKey: Sendable {
  enum Material: Sendable {
    case p256(TPCrypto.ECDSAP256.PublicKey)
    case ed25519(TPCrypto.Ed25519.PublicKey)
  }

  let material: Material
  public let kid: String

  public var algorithm: TokenAlgorithm {
    switch material {
    case .p256: return .es256
    case .ed25519: return .eddsa
    }
  }

  init(material: Material, kid: String? = nil) throws(TPCrypto.CryptoError) {
    self.material = material
    if let kid { self.kid = kid } else { self.kid = try Self.thumbprint(material) }
  }

  /// From an SPKI PEM of either kind.
  public init(pem: [UInt8], kid: String? = nil) throws(TPCrypto.CryptoError) {
    let backend = try EVPKey.publicKey(pem: pem)
    switch backend.kind {
    case .p256: try self.init(material: .p256(.init(backend: backend)), kid: kid)
    case .ed25519: try self.init(material: .ed25519(.init(backend: backend)), kid: kid)
    }
  }

  public func isValidSignature(_ signature: [UInt8], for signingInput: [UInt8]) -> Bool {
    switch material {
    case .p256(let key): return key.isValidSignature(signature, for: signingInput)
    case .ed25519(let key): return key.isValidSignature(signature, for: signingInput)
    }
  }

  public var pem: String {
    get throws(TPCrypto.CryptoError) {
      switch material {
      case .p256(let key): return try key.pemRepresentation
      case .ed25519(let key): return try key.pemRepresentation
      }
    }
  }

  /// The public JWK members that RFC 7638 hashes, in its required
  /// lexicographic order: `crv, kty, x, y` (EC) or `crv, kty, x` (OKP).
  static func requiredMembers(_ material: Material) throws(TPCrypto.CryptoError) -> [(String, String)] {
    switch material {
    case .p256(let key):
      let point = try key.x963Representation
      return [("crv", "P-256"), ("kty", "EC"),
              ("x", Base64URL.encode(point[1..<33])), ("y", Base64URL.encode(point[33..<65]))]
    case .ed25519(let key):
      return [("crv", "Ed25519"), ("kty", "OKP"), ("x", Base64URL.encode(try key.rawRepresentation))]
    }
  }

  /// RFC 7638 JWK thumbprint: base64url(SHA-256(canonical required members)).
  static func thumbprint(_ material: Material) throws(TPCrypto.CryptoError) -> String {
    var writer = JSONWriter()
    writer.beginObject()
    for (name, value) in try requiredMembers(material) {
      writer.key(name)
      writer.string(value)
    }
    writer.endObject()
    return Base64URL.encode(TPCrypto.sha256(writer.bytes))
  }

  /// Writes this key as a public JWK with `kid`, `alg` and `use: sig`.
  public func writeJWK(to writer: inout JSONWriter) throws(TPCrypto.CryptoError) {
    writer.beginObject()
    for (name, value) in try Self.requiredMembers(material) {
      writer.key(name)
      writer.string(value)
    }
    writer.key("kid"); writer.string(kid)
    writer.key("alg"); writer.string(algorithm.rawValue)
    writer.key("use"); writer.string("sig")
    writer.endObject()
  }

  /// `{"keys":[…]}` for these keys.
  public static func jwks(_ keys: [TokenPublicKey]) throws(TPCrypto.CryptoError) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("keys")
    writer.beginArray()
    for key in keys { try key.writeJWK(to: &writer) }
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }

  /// A short, non-secret identifier for messages: the first 8 characters
  /// of the kid.
  public var fingerprint: String { kid.isEmpty ? "(holder key)" : String(kid.prefix(8)) }
}

/// A key that signs tokens. Its private bytes live inside libcrypto, which
/// clears them when the key is freed; PEM copies are `SecureBytes`.
public struct TokenSigningKey: Sendable {
  enum Material: Sendable {
    case p256(TPCrypto.ECDSAP256.PrivateKey)
    case ed25519(TPCrypto.Ed25519.PrivateKey)
  }

  let material: Material
  public let publicKey: TokenPublicKey

  init(material: Material) throws(TPCrypto.CryptoError) {
    self.material = material
    switch material {
    case .p256(let key): publicKey = try TokenPublicKey(material: .p256(key.publicKey))
    case .ed25519(let key): publicKey = try TokenPublicKey(material: .ed25519(key.publicKey))
    }
  }

  public static func generate(_ algorithm: TokenAlgorithm) throws(TPCrypto.CryptoError) -> TokenSigningKey {
    switch algorithm {
    case .es256: return try TokenSigningKey(material: .p256(.init()))
    case .eddsa: return try TokenSigningKey(material: .ed25519(.init()))
    }
  }

  /// From a PKCS#8 PEM of either kind.
  public init(pem: TPCrypto.SecureBytes) throws(TPCrypto.CryptoError) {
    let backend = try EVPKey.privateKey(pem: pem)
    switch backend.kind {
    case .p256: try self.init(material: .p256(.init(backend: backend)))
    case .ed25519: try self.init(material: .ed25519(.init(backend: backend)))
    }
  }

  public var algorithm: TokenAlgorithm { publicKey.algorithm }

  public var pkcs8PEM: TPCrypto.SecureBytes {
    get throws(TPCrypto.CryptoError) {
      switch material {
      case .p256(let key): return try key.pkcs8PEM
      case .ed25519(let key): return try key.pkcs8PEM
      }
    }
  }

  public func signature(for signingInput: [UInt8]) throws(TPCrypto.CryptoError) -> [UInt8] {
    switch material {
    case .p256(let key): return try key.signature(for: signingInput)
    case .ed25519(let key): return try key.signature(for: signingInput)
    }
  }
}
