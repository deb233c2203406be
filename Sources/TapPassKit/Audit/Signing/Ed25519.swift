import COpenSSL
import Glibc

// Ed25519 keys for checkpoints and evidence manifests, as thin adapters over
// the shared `TPCrypto.Ed25519` (OpenSSL EVP, the same keys tp-token uses):
// PKCS#8 private keys and SubjectPublicKeyInfo public keys in PEM, so keys
// made by `tp-token keygen --alg EdDSA` or `openssl genpkey -algorithm
// ed25519` work unchanged.

/// Errors from key handling; messages carry paths and OpenSSL codes, never
/// key material.
public struct SigningError: Error, Sendable, CustomStringConvertible {
  public var message: String
  init(_ message: String) { self.message = message }
  init(_ error: TPCrypto.CryptoError) { message = error.description }
  public var description: String { message }
}

public struct Ed25519PublicKey: Sendable {
  let key: TPCrypto.Ed25519.PublicKey
  /// The 32-byte raw public key.
  public let rawRepresentation: [UInt8]

  public init(pem: [UInt8]) throws {
    do {
      key = try TPCrypto.Ed25519.PublicKey(pemRepresentation: pem)
      rawRepresentation = try key.rawRepresentation
    } catch { throw SigningError(error) }
  }

  init(key: TPCrypto.Ed25519.PublicKey) throws {
    self.key = key
    do { rawRepresentation = try key.rawRepresentation } catch { throw SigningError(error) }
  }

  /// First 16 bytes of SHA-256 of the raw key, in hex: names the key in
  /// checkpoints and exports without revealing anything.
  public var keyID: String { Hex.encode(TPCrypto.SHA256.hash(rawRepresentation).prefix(16)) }

  public func pem() throws -> String {
    do { return try key.pemRepresentation } catch { throw SigningError(error) }
  }

  public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    signature.count == TPCrypto.Ed25519.signatureByteCount && key.isValidSignature(signature, for: message)
  }
}

public struct Ed25519PrivateKey: Sendable {
  let key: TPCrypto.Ed25519.PrivateKey

  public init(pem: [UInt8]) throws {
    do { key = try TPCrypto.Ed25519.PrivateKey(pemRepresentation: TPCrypto.SecureBytes(copying: pem)) } catch { throw SigningError(error) }
  }

  public static func generate() throws -> Ed25519PrivateKey {
    do { return Ed25519PrivateKey(key: try TPCrypto.Ed25519.PrivateKey()) } catch { throw SigningError(error) }
  }

  init(key: TPCrypto.Ed25519.PrivateKey) { self.key = key }

  public var publicKey: Ed25519PublicKey {
    get throws {
      do { return try Ed25519PublicKey(key: try key.publicKey) } catch let error as SigningError { throw error } catch { throw SigningError("cannot derive the public key") }
    }
  }

  public func pem() throws -> [UInt8] {
    do { return try key.pkcs8PEM.withUnsafeBytes { Array($0) } } catch { throw SigningError(error) }
  }

  public func signature(for message: [UInt8]) throws -> [UInt8] {
    do { return try key.signature(for: message) } catch { throw SigningError(error) }
  }
}

/// Key files: private keys are created with mode 0600 and never overwritten.
public enum KeyFile {
  /// Reads a whole file of at most `limit` bytes (keys, checkpoints,
  /// proofs; evidence bundles pass a larger limit).
  public static func read(_ path: String, limit: Int = 1 << 26) throws -> [UInt8] {
    try FileBytes.read(path: path, limit: limit)
  }

  /// Writes `bytes` to a new file with `mode` (0600 for private keys);
  /// refuses to replace an existing file.
  public static func create(_ path: String, bytes: [UInt8], mode: mode_t) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    if fd < 0 { throw ToolError("cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    _ = fchmod(fd, mode)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 { if errno == EINTR { continue }; throw ToolError("cannot write \(path): \(String(cString: strerror(errno)))") }
      offset += written
    }
    guard fsync(fd) == 0 else { throw ToolError("cannot sync \(path): \(String(cString: strerror(errno)))") }
  }
}
