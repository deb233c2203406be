import COpenSSL

extension TPCrypto {
  /// SHA-256 through an `EVP_MD` fetched once. `EVP_sha256()` makes
  /// OpenSSL 3 look the implementation up again on every digest, which
  /// costs more than hashing a token; the token hot path (ES256 digests,
  /// chain links, fingerprints) uses this instead. Immutable after creation.
  private final class FetchedSHA256: @unchecked Sendable {
    let md: OpaquePointer = EVP_MD_fetch(nil, "SHA256", nil)!
  }
  private static let fetchedSHA256 = FetchedSHA256()

  static func sha256(_ message: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    message.withUnsafeBytes { input in
      _ = EVP_Digest(input.baseAddress, input.count, &digest, &length, fetchedSHA256.md, nil)
    }
    return digest
  }
}
