import COpenSSL

/// ES256 on libcrypto: SHA-256 with a fetched `EVP_MD` (`TPCrypto.sha256`), ECDSA with the key's
/// cached `EVP_PKEY_CTX`, and the JWS `r‖s` form converted to and from the
/// DER that libcrypto speaks through `ECDSA_SIG`.
extension TPCrypto.ECDSAP256 {
  /// The group order n for range checks, created once. Immutable after
  /// creation.
  private final class Constants: @unchecked Sendable {
    let order: OpaquePointer
    init() {
      let group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)!
      order = BN_dup(EC_GROUP_get0_order(group))!
      EC_GROUP_free(group)
    }
  }
  private static let constants = Constants()

  static func sign(_ message: [UInt8], with key: EVPKey) throws(TPCrypto.CryptoError) -> [UInt8] {
    guard key.isPrivate else { throw .invalidKey("signing needs a private key") }
    let hash = TPCrypto.sha256(message)
    var der = [UInt8](repeating: 0, count: 80)
    var length = der.count
    try key.withContext(signing: true) { context throws(TPCrypto.CryptoError) in
      guard EVP_PKEY_sign(context.pointer, &der, &length, hash, 32) == 1 else { throw .openSSL("EVP_PKEY_sign") }
    }
    guard let raw = rawSignature(fromDER: Array(der.prefix(length)), strict: false) else {
      throw .invalidParameter("libcrypto produced an unexpected signature encoding")
    }
    return raw
  }

  static func verify(_ signature: [UInt8], _ message: [UInt8], with key: EVPKey) -> Bool {
    guard let der = derSignature(fromRaw: signature) else { return false }
    let hash = TPCrypto.sha256(message)
    let valid = try? key.withContext(signing: false) { context in
      EVP_PKEY_verify(context.pointer, der, der.count, hash, 32) == 1
    }
    if valid != true { ERR_clear_error() }
    return valid == true
  }

  /// Whether `number` is in [1, n-1], the only legal range for r and s.
  private static func inRange(_ number: OpaquePointer) -> Bool {
    BN_is_zero(number) == 0 && BN_is_negative(number) == 0 && BN_cmp(number, constants.order) < 0
  }

  /// JWS `r‖s` to DER, or nil when the length is not 64 or r or s is
  /// outside [1, n-1]: the zero signature of CVE-2022-21449 never reaches
  /// libcrypto.
  public static func derSignature(fromRaw raw: [UInt8]) -> [UInt8]? {
    guard raw.count == signatureByteCount else { return nil }
    guard let signature = ECDSA_SIG_new() else { return nil }
    defer { ECDSA_SIG_free(signature) }
    let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, 32, nil) }
    let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress! + 32, 32, nil) }
    guard let r, let s, inRange(r), inRange(s), ECDSA_SIG_set0(signature, r, s) == 1 else {
      BN_free(r)
      BN_free(s)
      return nil
    }
    var der = [UInt8](repeating: 0, count: 80)
    let length = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var cursor = buffer.baseAddress
      return i2d_ECDSA_SIG(signature, &cursor)
    }
    guard length > 0 else { return nil }
    return Array(der.prefix(Int(length)))
  }

  /// Strict DER to JWS `r‖s`: the input must be exactly one canonical DER
  /// SEQUENCE of two INTEGERs (re-encoding must give the same bytes, which
  /// refuses BER, missing or extra zero bytes and trailing data), with r
  /// and s in [1, n-1].
  /// `strict: false` skips the re-encoding comparison for DER that
  /// libcrypto itself just produced (the signing path).
  public static func rawSignature(fromDER der: [UInt8], strict: Bool = true) -> [UInt8]? {
    guard !der.isEmpty, der.count <= 80 else { return nil }
    let decoded = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
      var cursor = buffer.baseAddress
      guard let signature = d2i_ECDSA_SIG(nil, &cursor, buffer.count) else { return nil }
      guard cursor == buffer.baseAddress! + buffer.count else { ECDSA_SIG_free(signature); return nil }
      return signature
    }
    guard let decoded else { ERR_clear_error(); return nil }
    defer { ECDSA_SIG_free(decoded) }
    if strict {
      var reencoded = [UInt8](repeating: 0, count: 80)
      let length = reencoded.withUnsafeMutableBufferPointer { buffer -> Int32 in
        var cursor = buffer.baseAddress
        return i2d_ECDSA_SIG(decoded, &cursor)
      }
      guard length > 0, Array(reencoded.prefix(Int(length))) == der else { return nil }
    }
    guard let r = ECDSA_SIG_get0_r(decoded), let s = ECDSA_SIG_get0_s(decoded),
      inRange(r), inRange(s)
    else { return nil }
    var raw = [UInt8](repeating: 0, count: 64)
    let ok = raw.withUnsafeMutableBufferPointer { buffer in
      BN_bn2binpad(r, buffer.baseAddress, 32) == 32 && BN_bn2binpad(s, buffer.baseAddress! + 32, 32) == 32
    }
    return ok ? raw : nil
  }
}
