import COpenSSL

/// EdDSA on libcrypto: one-shot `EVP_DigestSign`/`EVP_DigestVerify` on the
/// key's cached `EVP_MD_CTX` (the reuse `openssl speed` relies on). libcrypto
/// refuses S ≥ L and non-canonical points itself (RFC 8032 §5.1.7).
extension TPCrypto.Ed25519 {
  static func sign(_ message: [UInt8], with key: EVPKey) throws(TPCrypto.CryptoError) -> [UInt8] {
    guard key.isPrivate else { throw .invalidKey("signing needs a private key") }
    var signature = [UInt8](repeating: 0, count: signatureByteCount)
    var length = signature.count
    try key.withContext(signing: true) { context throws(TPCrypto.CryptoError) in
      guard EVP_DigestSign(context.pointer, &signature, &length, message, message.count) == 1 else {
        throw .openSSL("EVP_DigestSign")
      }
    }
    guard length == signatureByteCount else { throw .invalidParameter("unexpected Ed25519 signature size") }
    return signature
  }

  static func verify(_ signature: [UInt8], _ message: [UInt8], with key: EVPKey) -> Bool {
    guard signature.count == signatureByteCount else { return false }
    let valid = try? key.withContext(signing: false) { context in
      EVP_DigestVerify(context.pointer, signature, signature.count, message, message.count) == 1
    }
    if valid != true { ERR_clear_error() }
    return valid == true
  }
}
