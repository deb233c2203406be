/// Public-key signatures for tokens: ECDSA P-256 with SHA-256 (JWS `ES256`)
/// and Ed25519 (JWS `EdDSA`), in swift-crypto's shape: one namespace per
/// algorithm, a `PrivateKey` and a `PublicKey` type each, verb-named methods.
/// Everything is libcrypto underneath (the `*_openssl.swift` files).
///
/// Signatures are always the JWS wire form: 64 bytes, raw `r‖s` for P-256
/// (IEEE P1363, RFC 7518 §3.4) and the RFC 8032 encoding for Ed25519.
extension TPCrypto {
  public enum ECDSAP256 {
    public static let signatureByteCount = 64

    public struct PrivateKey: Sendable {
      let backend: EVPKey

      /// A fresh key from libcrypto's DRBG.
      public init() throws(CryptoError) { backend = try .generate(.p256) }

      init(backend: EVPKey) { self.backend = backend }

      /// From PKCS#8 (or SEC 1) PEM.
      public init(pemRepresentation pem: SecureBytes) throws(CryptoError) {
        backend = try .privateKey(pem: pem)
        guard backend.kind == .p256 else { throw .invalidKey("not a P-256 key") }
      }

      /// From the 32-byte scalar and its public point (as in a JWK).
      public init(rawScalar: SecureBytes, publicPoint: [UInt8]) throws(CryptoError) {
        backend = try .p256(point: publicPoint, scalar: rawScalar)
      }

      public var publicKey: PublicKey { get throws(CryptoError) { try PublicKey(x963Representation: backend.publicBytes()) } }
      public var pkcs8PEM: SecureBytes { get throws(CryptoError) { try backend.pkcs8PEM() } }

      /// A raw `r‖s` signature (64 bytes) of SHA-256(`message`).
      public func signature(for message: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        try ECDSAP256.sign(Array(message), with: backend)
      }
    }

    public struct PublicKey: Sendable {
      let backend: EVPKey

      /// From the uncompressed point `04‖X‖Y`; refuses points off the curve.
      public init(x963Representation point: [UInt8]) throws(CryptoError) { backend = try .p256(point: point) }

      /// From an SPKI PEM (`BEGIN PUBLIC KEY`).
      public init(pemRepresentation pem: [UInt8]) throws(CryptoError) {
        backend = try .publicKey(pem: pem)
        guard backend.kind == .p256 else { throw .invalidKey("not a P-256 key") }
      }

      init(backend: EVPKey) { self.backend = backend }

      public var x963Representation: [UInt8] { get throws(CryptoError) { try backend.publicBytes() } }
      public var pemRepresentation: String { get throws(CryptoError) { try backend.publicPEM() } }

      /// Whether `signature` is a valid 64-byte `r‖s` signature of
      /// `message`. Wrong lengths, r or s equal to 0 or ≥ n are refused
      /// before libcrypto is asked (CVE-2022-21449).
      public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        ECDSAP256.verify(Array(signature), Array(message), with: backend)
      }
    }
  }

  public enum Ed25519 {
    public static let signatureByteCount = 64

    public struct PrivateKey: Sendable {
      let backend: EVPKey

      public init() throws(CryptoError) { backend = try .generate(.ed25519) }

      init(backend: EVPKey) { self.backend = backend }

      public init(pemRepresentation pem: SecureBytes) throws(CryptoError) {
        backend = try .privateKey(pem: pem)
        guard backend.kind == .ed25519 else { throw .invalidKey("not an Ed25519 key") }
      }

      /// From the 32-byte RFC 8032 private key (a JWK's `d`).
      public init(rawRepresentation: SecureBytes) throws(CryptoError) {
        backend = try rawRepresentation.withUnsafeBytes { raw throws(CryptoError) in
          try EVPKey.ed25519(raw: raw, isPrivate: true)
        }
      }

      public var publicKey: PublicKey { get throws(CryptoError) { try PublicKey(rawRepresentation: backend.publicBytes()) } }
      public var pkcs8PEM: SecureBytes { get throws(CryptoError) { try backend.pkcs8PEM() } }

      /// The deterministic 64-byte RFC 8032 signature of `message`.
      public func signature(for message: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        try Ed25519.sign(Array(message), with: backend)
      }
    }

    public struct PublicKey: Sendable {
      let backend: EVPKey

      public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        backend = try .ed25519(raw: rawRepresentation, isPrivate: false)
      }

      public init(pemRepresentation pem: [UInt8]) throws(CryptoError) {
        backend = try .publicKey(pem: pem)
        guard backend.kind == .ed25519 else { throw .invalidKey("not an Ed25519 key") }
      }

      init(backend: EVPKey) { self.backend = backend }

      public var rawRepresentation: [UInt8] { get throws(CryptoError) { try backend.publicBytes() } }
      public var pemRepresentation: String { get throws(CryptoError) { try backend.publicPEM() } }

      public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        Ed25519.verify(Array(signature), Array(message), with: backend)
      }
    }
  }
}
