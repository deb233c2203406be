import COpenSSL
import Glibc

// Minimal Ed25519 signing for checkpoints, through OpenSSL EVP_PKEY and PEM
// files (PKCS#8 private keys, SubjectPublicKeyInfo public keys), so keys made
// by `openssl genpkey -algorithm ed25519` work unchanged.
//
// TODO(unify): a full key/token module (tp-token) is being written on
// another branch; once it lands, checkpoints should sign with its key type
// (which also brings ES256) and this file should go.

/// Errors from key handling; messages carry paths and OpenSSL codes, never
/// key material.
public struct SigningError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var openSSLCode: UInt
  init(_ message: String) {
    self.message = message
    self.openSSLCode = ERR_get_error()
    ERR_clear_error()
  }
  public var description: String {
    openSSLCode == 0 ? message : "\(message) (OpenSSL error \(String(openSSLCode, radix: 16)))"
  }
}

final class EVPKey: @unchecked Sendable {
  let pointer: OpaquePointer
  init(_ pointer: OpaquePointer) { self.pointer = pointer }
  deinit { EVP_PKEY_free(pointer) }

  static func fromPEM(_ pem: [UInt8], isPrivate: Bool) throws -> EVPKey {
    let key: OpaquePointer? = pem.withUnsafeBytes { raw in
      guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
      defer { BIO_free(bio) }
      return isPrivate ? PEM_read_bio_PrivateKey(bio, nil, nil, nil) : PEM_read_bio_PUBKEY(bio, nil, nil, nil)
    }
    guard let key else { throw SigningError("not a PEM \(isPrivate ? "private" : "public") key") }
    guard EVP_PKEY_get_id(key) == EVP_PKEY_ED25519 else {
      EVP_PKEY_free(key)
      throw SigningError("key is not an Ed25519 key")
    }
    return EVPKey(key)
  }

  func pem(isPrivate: Bool) throws -> [UInt8] {
    guard let bio = BIO_new(BIO_s_mem()) else { throw SigningError("cannot allocate a BIO") }
    defer { BIO_free(bio) }
    let status = isPrivate
      ? PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil)
      : PEM_write_bio_PUBKEY(bio, pointer)
    guard status == 1 else { throw SigningError("cannot write PEM") }
    var data: UnsafeMutablePointer<CChar>?
    let length = tp_bio_get_mem_data(bio, &data)
    guard let data, length > 0 else { throw SigningError("cannot read PEM") }
    return data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
  }

  var rawPublicKey: [UInt8] {
    var length = 32
    var bytes = [UInt8](repeating: 0, count: 32)
    _ = EVP_PKEY_get_raw_public_key(pointer, &bytes, &length)
    return Array(bytes.prefix(length))
  }
}

public struct Ed25519PublicKey: Sendable {
  let key: EVPKey
  /// The 32-byte raw public key.
  public let rawRepresentation: [UInt8]

  public init(pem: [UInt8]) throws {
    key = try EVPKey.fromPEM(pem, isPrivate: false)
    rawRepresentation = key.rawPublicKey
  }

  init(key: EVPKey) {
    self.key = key
    rawRepresentation = key.rawPublicKey
  }

  /// First 16 bytes of SHA-256 of the raw key, in hex: names the key in
  /// checkpoints and exports without revealing anything.
  public var keyID: String { Hex.encode(TPCrypto.SHA256.hash(rawRepresentation).prefix(16)) }

  public func pem() throws -> String { String(decoding: try key.pem(isPrivate: false), as: UTF8.self) }

  public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    guard signature.count == 64, let context = EVP_MD_CTX_new() else { return false }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1 else { ERR_clear_error(); return false }
    let status = EVP_DigestVerify(context, signature, signature.count, message, message.count)
    ERR_clear_error()
    return status == 1
  }
}

public struct Ed25519PrivateKey: Sendable {
  let key: EVPKey

  public init(pem: [UInt8]) throws {
    key = try EVPKey.fromPEM(pem, isPrivate: true)
  }

  public static func generate() throws -> Ed25519PrivateKey {
    guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else { throw SigningError("cannot create key context") }
    defer { EVP_PKEY_CTX_free(context) }
    var key: OpaquePointer?
    guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_keygen(context, &key) == 1, let key else {
      throw SigningError("Ed25519 key generation failed")
    }
    return Ed25519PrivateKey(key: EVPKey(key))
  }

  init(key: EVPKey) { self.key = key }

  public var publicKey: Ed25519PublicKey { Ed25519PublicKey(key: key) }

  public func pem() throws -> [UInt8] { try key.pem(isPrivate: true) }

  public func signature(for message: [UInt8]) throws -> [UInt8] {
    guard let context = EVP_MD_CTX_new() else { throw SigningError("cannot allocate a digest context") }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestSignInit(context, nil, nil, nil, key.pointer) == 1 else { throw SigningError("cannot initialise signing") }
    var length = 64
    var signature = [UInt8](repeating: 0, count: 64)
    guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else { throw SigningError("signing failed") }
    return Array(signature.prefix(length))
  }
}

/// Key files: private keys are created with mode 0600 and never overwritten.
public enum KeyFile {
  /// Reads a whole file of at most `limit` bytes (keys, checkpoints,
  /// proofs; evidence bundles pass a larger limit).
  public static func read(_ path: String, limit: Int = 1 << 26) throws -> [UInt8] {
    let fd = try LineReader.open(path: path)
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count < 0 { if errno == EINTR { continue }; throw ToolError("cannot read \(path): \(String(cString: strerror(errno)))") }
      if count == 0 { break }
      bytes.append(contentsOf: chunk.prefix(count))
      if bytes.count > limit { throw ToolError("\(path) is larger than \(limit) bytes") }
    }
    return bytes
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
