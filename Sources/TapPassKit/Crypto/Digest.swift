import COpenSSL

/// Namespaced front for the digests and MACs TapPass uses. All of it is
/// OpenSSL 3 libcrypto (EVP); there is no hand-written cryptography here.
public enum TPCrypto {
  public enum SHA256 {
    public static let byteCount = 32

    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
      var digest = [UInt8](repeating: 0, count: byteCount)
      let input = Array(data)
      input.withUnsafeBufferPointer { buffer in
        digest.withUnsafeMutableBufferPointer { out in
          var length: UInt32 = 0
          _ = EVP_Digest(buffer.baseAddress, buffer.count, out.baseAddress, &length, EVP_sha256(), nil)
        }
      }
      return digest
    }
  }

  public enum HMACSHA256 {
    /// HMAC-SHA256 of `data` under `key` (RFC 2104).
    public static func authenticationCode(for data: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
      var mac = [UInt8](repeating: 0, count: SHA256.byteCount)
      let input = Array(data)
      let keyBytes = Array(key)
      var length: UInt32 = 0
      input.withUnsafeBufferPointer { buffer in
        keyBytes.withUnsafeBufferPointer { keyBuffer in
          mac.withUnsafeMutableBufferPointer { out in
            _ = HMAC(EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count),
                     buffer.baseAddress, buffer.count, out.baseAddress, &length)
          }
        }
      }
      return mac
    }

    /// An HMAC-SHA256 key set up once and reused for many messages: the
    /// one-shot `HMAC()` fetches the algorithm and keys a context on every
    /// call (about 1 µs; a reused context costs 0.2). Not for concurrent
    /// use: each thread (each scan worker) keeps its own.
    public final class Keyed: @unchecked Sendable {
      private let mac: OpaquePointer
      private let context: OpaquePointer

      public init?(key: [UInt8]) {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { return nil }
        guard let context = EVP_MAC_CTX_new(mac) else {
          EVP_MAC_free(mac)
          return nil
        }
        self.mac = mac
        self.context = context
        let keyed: Int32 = "SHA256".withCString { digest in
          var parameters = [
            OSSL_PARAM_construct_utf8_string("digest", UnsafeMutablePointer(mutating: digest), 0),
            OSSL_PARAM_construct_end(),
          ]
          return key.withUnsafeBufferPointer { EVP_MAC_init(context, $0.baseAddress, $0.count, &parameters) }
        }
        guard keyed == 1 else { return nil }
      }

      deinit {
        EVP_MAC_CTX_free(context)
        EVP_MAC_free(mac)
      }

      /// The MAC of the concatenation of `parts`.
      public func authenticationCode(_ parts: UnsafeBufferPointer<UInt8>...) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: SHA256.byteCount)
        guard EVP_MAC_init(context, nil, 0, nil) == 1 else { return [] }
        for part in parts { update(part) }
        return code.withUnsafeMutableBufferPointer { finish(into: $0) } ? code : []
      }

      /// The MAC of `first ‖ second ‖ third` written into `code` (at least
      /// `SHA256.byteCount` bytes), for callers that format it in place
      /// without an array per MAC; false (and `code` unspecified) on failure.
      public func authenticationCode(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>,
                                     _ third: UnsafeBufferPointer<UInt8>, into code: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard code.count >= SHA256.byteCount, EVP_MAC_init(context, nil, 0, nil) == 1 else { return false }
        update(first)
        update(second)
        update(third)
        return finish(into: code)
      }

      private func update(_ part: UnsafeBufferPointer<UInt8>) {
        if part.count > 0 { _ = EVP_MAC_update(context, part.baseAddress, part.count) }
      }

      private func finish(into code: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        var length = 0
        return EVP_MAC_final(context, code.baseAddress, &length, code.count) == 1 && length == SHA256.byteCount
      }
    }

    /// Constant-time check of a MAC.
    public static func isValidAuthenticationCode(_ mac: some Collection<UInt8>, for data: some Collection<UInt8>, key: some Collection<UInt8>) -> Bool {
      TPCrypto.constantTimeEquals(authenticationCode(for: data, key: key), Array(mac))
    }
  }

  /// Compares two byte strings in time that depends only on their lengths
  /// (CRYPTO_memcmp), for MACs, signatures and token material.
  public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    if lhs.isEmpty { return true }
    return lhs.withUnsafeBytes { a in
      rhs.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
    }
  }

  /// Cryptographically secure random bytes from OpenSSL's DRBG.
  public static func randomBytes(_ count: Int) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    let status = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
    guard status == 1 else { throw ToolError("OpenSSL RAND_bytes failed") }
    return bytes
  }
}
