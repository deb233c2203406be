import COpenSSL

extension TPCrypto.SHA256 {
  /// A reusable SHA-256 context for hot loops (appending and verifying
  /// millions of entries): the algorithm is fetched from the OpenSSL
  /// provider once and the context is re-initialised per message, which
  /// avoids the per-call fetch and allocation of the one-shot `hash(_:)`.
  ///
  /// Not thread-safe; one per loop.
  public final class Hasher {
    private let md: OpaquePointer
    private let context: OpaquePointer

    public init() {
      md = EVP_MD_fetch(nil, "SHA256", nil)
      context = EVP_MD_CTX_new()
    }

    deinit {
      EVP_MD_CTX_free(context)
      EVP_MD_free(md)
    }

    /// SHA-256 over the concatenation of `parts`, written into `digest`
    /// (32 bytes).
    public func hash(_ parts: UnsafeRawBufferPointer..., into digest: UnsafeMutableRawPointer) {
      EVP_DigestInit_ex2(context, md, nil)
      for part in parts where part.count > 0 {
        EVP_DigestUpdate(context, part.baseAddress, part.count)
      }
      var length: UInt32 = 0
      EVP_DigestFinal_ex(context, digest.assumingMemoryBound(to: UInt8.self), &length)
    }

    /// SHA-256 of one byte prefix followed by `data` (RFC 9162's leaf and node
    /// domain separation).
    public func hash(prefix: UInt8, _ data: UnsafeRawBufferPointer, _ more: UnsafeRawBufferPointer? = nil) -> Digest32 {
      var out = Digest32()
      withUnsafeBytes(of: prefix) { prefixBytes in
        withUnsafeMutableBytes(of: &out.storage) { raw in
          if let more {
            hash(prefixBytes, data, more, into: raw.baseAddress!)
          } else {
            hash(prefixBytes, data, into: raw.baseAddress!)
          }
        }
      }
      return out
    }
  }
}

/// A 32-byte digest held inline (no heap allocation), so chains and Merkle
/// frontiers of millions of hashes do not allocate per entry.
public struct Digest32: Hashable, Sendable, CustomStringConvertible {
  public var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  public init() {}

  public init?(_ bytes: some Collection<UInt8>) {
    guard bytes.count == 32 else { return nil }
    withUnsafeMutableBytes(of: &storage) { raw in
      for (offset, byte) in bytes.enumerated() { raw[offset] = byte }
    }
  }

  public static let zero = Digest32()

  public var bytes: [UInt8] { withUnsafeBytes(of: storage) { Array($0) } }
  public var hex: String { Hex.encode(bytes) }
  public var description: String { hex }

  public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try withUnsafeBytes(of: storage, body)
  }

  public static func == (lhs: Digest32, rhs: Digest32) -> Bool {
    lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
      && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
  }

  public func hash(into hasher: inout Swift.Hasher) {
    hasher.combine(storage.0)
    hasher.combine(storage.1)
  }
}
