/// RFC 9162 §2.1.1 hashing: leaves are `SHA-256(0x00 || data)`, interior
/// nodes `SHA-256(0x01 || left || right)`. The distinct prefixes keep a
/// leaf from being passed off as an interior node (second-preimage attack).
public struct MerkleHasher {
  public static let leafPrefix: UInt8 = 0x00
  public static let nodePrefix: UInt8 = 0x01

  let hasher = TPCrypto.SHA256.Hasher()

  public init() {}

  public func leafHash(_ data: UnsafeRawBufferPointer) -> Digest32 {
    hasher.hash(prefix: Self.leafPrefix, data)
  }

  public func leafHash(_ data: [UInt8]) -> Digest32 {
    data.withUnsafeBytes { leafHash($0) }
  }

  /// Hashes `0x01 || left || right` as one 65-byte message (one digest
  /// update instead of three: this runs once per entry when verifying).
  public func nodeHash(_ left: Digest32, _ right: Digest32) -> Digest32 {
    var out = Digest32()
    withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
      buffer[0] = Self.nodePrefix
      left.withBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
      right.withBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
      withUnsafeMutableBytes(of: &out.storage) { digest in
        hasher.hash(UnsafeRawBufferPointer(buffer), into: digest.baseAddress!)
      }
    }
    return out
  }

  /// The largest power of two strictly less than `n` (n ≥ 2), the split
  /// point `k` of RFC 9162's recursive definitions.
  public static func splitPoint(_ n: Int) -> Int {
    precondition(n >= 2)
    return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
  }
}
