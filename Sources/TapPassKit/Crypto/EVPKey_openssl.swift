import COpenSSL

/// One libcrypto `EVP_PKEY` (a P-256 or Ed25519 key, public or private) and
/// the contexts that sign and verify with it.
///
/// Why cached contexts: OpenSSL 3 fetches the algorithm implementation from
/// its provider every time a context is initialised, which costs several
/// microseconds, a noticeable share of one verification. `openssl speed`
/// initialises once and reuses; so do we. Each context is guarded by a mutex
/// because a key may be shared between threads.
final class EVPKey: @unchecked Sendable {
  enum Kind: Sendable { case p256, ed25519 }

  let pkey: OpaquePointer
  let kind: Kind
  let isPrivate: Bool
  private let verifySlot = ContextSlot()
  private let signSlot = ContextSlot()

  /// A lazily created context behind a lock.
  final class ContextSlot: @unchecked Sendable {
    let lock = PosixLock()
    var context: Context?
  }

  /// A per-key context: an `EVP_PKEY_CTX` (P-256, over a digest) or an
  /// `EVP_MD_CTX` (Ed25519, one-shot over the message).
  final class Context: @unchecked Sendable {
    let pointer: OpaquePointer
    let isDigestContext: Bool
    init(pointer: OpaquePointer, isDigestContext: Bool) {
      self.pointer = pointer
      self.isDigestContext = isDigestContext
    }
    deinit {
      if isDigestContext { EVP_MD_CTX_free(pointer) } else { EVP_PKEY_CTX_free(pointer) }
    }
  }

  /// Takes ownership of `pkey` after checking it is one of our two kinds.
  init(taking pkey: OpaquePointer, isPrivate: Bool) throws(TPCrypto.CryptoError) {
    switch EVP_PKEY_get_base_id(pkey) {
    case EVP_PKEY_ED25519:
      kind = .ed25519
    case EVP_PKEY_EC:
      var name = [CChar](repeating: 0, count: 64)
      var length = 0
      let ok = EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, &name, name.count, &length)
      let group = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      guard ok == 1, group == "prime256v1" || group == "P-256" else {
        EVP_PKEY_free(pkey)
        throw .invalidKey("EC key is not on P-256")
      }
      kind = .p256
    default:
      EVP_PKEY_free(pkey)
      throw .invalidKey("only P-256 (ES256) and Ed25519 (EdDSA) keys are supported")
    }
    self.pkey = pkey
    self.isPrivate = isPrivate
  }

  deinit { EVP_PKEY_free(pkey) }

  // MARK: Generation and import

  static func generate(_ kind: Kind) throws(TPCrypto.CryptoError) -> EVPKey {
    guard let context = EVP_PKEY_CTX_new_from_name(nil, kind == .p256 ? "EC" : "ED25519", nil) else {
      throw .openSSL("EVP_PKEY_CTX_new_from_name")
    }
    defer { EVP_PKEY_CTX_free(context) }
    guard EVP_PKEY_keygen_init(context) == 1 else { throw .openSSL("EVP_PKEY_keygen_init") }
    if kind == .p256, EVP_PKEY_CTX_set_group_name(context, "P-256") != 1 {
      throw .openSSL("EVP_PKEY_CTX_set_group_name")
    }
    var pkey: OpaquePointer?
    guard EVP_PKEY_generate(context, &pkey) == 1, let pkey else { throw .openSSL("EVP_PKEY_generate") }
    return try EVPKey(taking: pkey, isPrivate: true)
  }

  /// An Ed25519 key from its 32 raw bytes (RFC 8032 encoding).
  static func ed25519(raw: some Collection<UInt8>, isPrivate: Bool) throws(TPCrypto.CryptoError) -> EVPKey {
    var bytes = Array(raw)
    defer { TPCrypto.wipe(&bytes) }
    guard bytes.count == 32 else { throw .invalidKey("an Ed25519 key is 32 bytes, not \(bytes.count)") }
    let pkey = isPrivate
      ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, bytes, 32)
      : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, bytes, 32)
    guard let pkey else { throw .invalidKey("libcrypto refused the Ed25519 key") }
    return try EVPKey(taking: pkey, isPrivate: isPrivate)
  }

  /// A P-256 key from its uncompressed point `04‖X‖Y` and, for a private
  /// key, the 32-byte scalar. libcrypto checks that the point is on the
  /// curve (EC_POINT_oct2point); `EVP_PKEY_public_check_quick` checks it
  /// again, including that it is not the point at infinity. The full check
  /// (n·P = O) would cost a scalar multiplication per key, as much as a
  /// verification, and proves nothing more on P-256, whose cofactor is 1:
  /// every point on the curve is in the prime-order group. Chains load a
  /// `cnf` key per link, so this matters.
  static func p256(point: [UInt8], scalar: TPCrypto.SecureBytes? = nil) throws(TPCrypto.CryptoError) -> EVPKey {
    guard point.count == 65, point[0] == 0x04 else {
      throw .invalidKey("a P-256 public key is an uncompressed 65-byte point")
    }
    guard let builder = OSSL_PARAM_BLD_new() else { throw .openSSL("OSSL_PARAM_BLD_new") }
    defer { OSSL_PARAM_BLD_free(builder) }
    var privateNumber: OpaquePointer?
    defer { if let privateNumber { BN_clear_free(privateNumber) } }
    // The builder keeps the key names and buffers by pointer until
    // OSSL_PARAM_BLD_to_param (and the names for as long as the params
    // live), so they must outlive this scope's temporaries: static strings
    // and a buffer freed on exit.
    let pointBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65, alignment: 1)
    defer { pointBuffer.deallocate() }
    pointBuffer.copyBytes(from: point)
    var ok = OSSL_PARAM_BLD_push_utf8_string(
      builder, cString("group"), cString("prime256v1"), 0) == 1
    ok = ok && OSSL_PARAM_BLD_push_octet_string(builder, cString("pub"), pointBuffer.baseAddress, 65) == 1
    if let scalar {
      guard scalar.count == 32 else { throw .invalidKey("a P-256 private scalar is 32 bytes") }
      privateNumber = scalar.withUnsafeBytes {
        // A secure-heap BIGNUM: the parameter builder then keeps its copy
        // in secure memory too, and both are cleared when freed.
        BN_bin2bn($0.bindMemory(to: UInt8.self).baseAddress, 32, BN_secure_new())
      }
      ok = ok && privateNumber != nil
        && OSSL_PARAM_BLD_push_BN(builder, cString("priv"), privateNumber) == 1
    }
    guard ok, let params = OSSL_PARAM_BLD_to_param(builder) else { throw .openSSL("OSSL_PARAM_BLD") }
    defer { OSSL_PARAM_free(params) }
    guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
      throw .openSSL("EVP_PKEY_CTX_new_from_name")
    }
    defer { EVP_PKEY_CTX_free(context) }
    var pkey: OpaquePointer?
    guard EVP_PKEY_fromdata_init(context) == 1,
      EVP_PKEY_fromdata(context, &pkey, scalar == nil ? tp_evp_pkey_public_key() : tp_evp_pkey_keypair(), params) == 1,
      let pkey
    else {
      ERR_clear_error()
      throw .invalidKey("the point is not on P-256")
    }
    let key = try EVPKey(taking: pkey, isPrivate: scalar != nil)
    guard let check = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { throw .openSSL("EVP_PKEY_CTX_new") }
    defer { EVP_PKEY_CTX_free(check) }
    guard EVP_PKEY_public_check_quick(check) == 1 else {
      ERR_clear_error()
      throw .invalidKey("the point is not a valid P-256 public key")
    }
    return key
  }

  /// A C string that lives for the whole process (OSSL_PARAM names must).
  private static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
  }

  // MARK: PEM

  /// Reads a PKCS#8 (or traditional) private key PEM.
  static func privateKey(pem: TPCrypto.SecureBytes) throws(TPCrypto.CryptoError) -> EVPKey {
    let pkey = try pem.withUnsafeBytes { buffer throws(TPCrypto.CryptoError) in
      try readPEM(buffer, what: "private key") { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
    }
    return try EVPKey(taking: pkey, isPrivate: true)
  }

  /// Reads a PEM through a memory BIO with one of libcrypto's PEM readers.
  private static func readPEM(
    _ buffer: UnsafeRawBufferPointer, what: String, _ read: (OpaquePointer) -> OpaquePointer?
  ) throws(TPCrypto.CryptoError) -> OpaquePointer {
    guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { throw .openSSL("BIO_new_mem_buf") }
    defer { BIO_free(bio) }
    guard let pkey = read(bio) else {
      ERR_clear_error()
      throw .invalidKey("not a PEM \(what)")
    }
    return pkey
  }

  static func publicKey(pem: [UInt8]) throws(TPCrypto.CryptoError) -> EVPKey {
    // SecureBytes for its typed-throws accessor, not for secrecy.
    let pkey = try TPCrypto.SecureBytes(copying: pem).withUnsafeBytes { buffer throws(TPCrypto.CryptoError) in
      try readPEM(buffer, what: "public key") { PEM_read_bio_PUBKEY($0, nil, nil, nil) }
    }
    let key = try EVPKey(taking: pkey, isPrivate: false)
    if key.kind == .p256 {
      // Re-import through the checked path: PEM decoding alone does not run
      // the full public-key check.
      return try p256(point: key.publicBytes())
    }
    return key
  }

  /// PKCS#8 PEM of the private key, in a buffer wiped when freed. The
  /// memory BIO clears its own buffer on free (BUF_MEM_free).
  func pkcs8PEM() throws(TPCrypto.CryptoError) -> TPCrypto.SecureBytes {
    guard isPrivate else { throw .invalidKey("not a private key") }
    return try writePEM { bio in PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil) }
  }

  func publicPEM() throws(TPCrypto.CryptoError) -> String {
    let pem = try writePEM { bio in PEM_write_bio_PUBKEY(bio, pkey) }
    return pem.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
  }

  private func writePEM(_ write: (OpaquePointer) -> Int32) throws(TPCrypto.CryptoError) -> TPCrypto.SecureBytes {
    guard let bio = BIO_new(BIO_s_mem()) else { throw .openSSL("BIO_new") }
    defer { BIO_free(bio) }
    guard write(bio) == 1 else { throw .openSSL("PEM_write_bio") }
    var data: UnsafeMutablePointer<CChar>?
    let length = tp_bio_get_mem_data(bio, &data)
    guard length > 0, let data else { throw .openSSL("BIO_get_mem_data") }
    return TPCrypto.SecureBytes(count: Int(length)) { buffer in
      buffer.copyMemory(from: UnsafeRawBufferPointer(start: data, count: Int(length)))
    }
  }

  /// The public key bytes: `04‖X‖Y` for P-256, the 32 raw bytes for Ed25519.
  func publicBytes() throws(TPCrypto.CryptoError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: 65)
    var length = 0
    switch kind {
    case .p256:
      guard EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, &buffer, 65, &length) == 1,
        length == 65, buffer[0] == 0x04
      else { throw .openSSL("EVP_PKEY_get_octet_string_param") }
    case .ed25519:
      length = 32
      guard EVP_PKEY_get_raw_public_key(pkey, &buffer, &length) == 1, length == 32 else {
        throw .openSSL("EVP_PKEY_get_raw_public_key")
      }
    }
    return Array(buffer.prefix(length))
  }

  // MARK: Contexts

  /// Runs `body` with this key's cached verify (or sign) context, creating
  /// and initialising it on first use.
  func withContext<Result>(
    signing: Bool, _ body: (Context) throws(TPCrypto.CryptoError) -> Result
  ) throws(TPCrypto.CryptoError) -> Result {
    let slot = signing ? signSlot : verifySlot
    return try slot.lock.withLock { () throws(TPCrypto.CryptoError) in
      if slot.context == nil { slot.context = try makeContext(signing: signing) }
      return try body(slot.context!)
    }
  }

  private func makeContext(signing: Bool) throws(TPCrypto.CryptoError) -> Context {
    switch kind {
    case .p256:
      guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { throw .openSSL("EVP_PKEY_CTX_new") }
      let status = signing ? EVP_PKEY_sign_init(context) : EVP_PKEY_verify_init(context)
      guard status == 1 else {
        EVP_PKEY_CTX_free(context)
        throw .openSSL(signing ? "EVP_PKEY_sign_init" : "EVP_PKEY_verify_init")
      }
      return Context(pointer: context, isDigestContext: false)
    case .ed25519:
      guard let context = EVP_MD_CTX_new() else { throw .openSSL("EVP_MD_CTX_new") }
      let status = signing
        ? EVP_DigestSignInit(context, nil, nil, nil, pkey)
        : EVP_DigestVerifyInit(context, nil, nil, nil, pkey)
      guard status == 1 else {
        EVP_MD_CTX_free(context)
        throw .openSSL(signing ? "EVP_DigestSignInit" : "EVP_DigestVerifyInit")
      }
      return Context(pointer: context, isDigestContext: true)
    }
  }
}
