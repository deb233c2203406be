/// Proof generation and verification exactly as RFC 9162 §2.1.3 and
/// §2.1.4 define them.
///
/// Generation needs only perfect-subtree roots (`MerkleNodeSource`): any
/// subtree MTH(D[a:b]) in the recursive definitions has a perfect, aligned
/// left part, so it decomposes into at most log₂(n) stored nodes. With
/// interior nodes stored (see `AuditStore`), an inclusion proof on a
/// 10-million-entry log costs a few dozen B-tree lookups, never a
/// recomputation of the tree.
public protocol MerkleNodeSource {
  /// The root of the perfect subtree at `level` (0 = leaf hash) and `index`
  /// (leaves index·2^level ..< (index+1)·2^level).
  func node(level: Int, index: Int) throws -> Digest32
}

public enum MerkleProofError: Error, Sendable, CustomStringConvertible {
  case indexOutOfRange(index: Int, size: Int)
  case badSizes(old: Int, new: Int)
  public var description: String {
    switch self {
    case .indexOutOfRange(let index, let size): "entry \(index) is not in a tree of size \(size)"
    case .badSizes(let old, let new): "consistency needs 0 < old ≤ new, got \(old) and \(new)"
    }
  }
}

public struct MerkleProver<Source: MerkleNodeSource> {
  public let source: Source
  let hasher = MerkleHasher()

  public init(source: Source) { self.source = source }

  /// MTH(D[start:end]).
  public func subtreeHash(_ start: Int, _ end: Int) throws -> Digest32 {
    let size = end - start
    precondition(size >= 1)
    if size & (size - 1) == 0 && start % size == 0 {
      let level = size.trailingZeroBitCount
      return try source.node(level: level, index: start >> level)
    }
    let k = MerkleHasher.splitPoint(size)
    return hasher.nodeHash(try subtreeHash(start, start + k), try subtreeHash(start + k, end))
  }

  public func rootHash(size: Int) throws -> Digest32 {
    if size == 0 { return Digest32(TPCrypto.SHA256.hash([UInt8]()))! }
    return try subtreeHash(0, size)
  }

  /// PATH(m, D[0:n]) (RFC 9162 §2.1.3.1), leaf-to-root order.
  public func inclusionPath(index m: Int, size n: Int) throws -> [Digest32] {
    guard m >= 0, m < n else { throw MerkleProofError.indexOutOfRange(index: m, size: n) }
    var path: [Digest32] = []
    try inclusion(m, 0, n, into: &path)
    return path
  }

  private func inclusion(_ m: Int, _ start: Int, _ end: Int, into path: inout [Digest32]) throws {
    let n = end - start
    if n == 1 { return }
    let k = MerkleHasher.splitPoint(n)
    if m < k {
      try inclusion(m, start, start + k, into: &path)
      path.append(try subtreeHash(start + k, end))
    } else {
      try inclusion(m - k, start + k, end, into: &path)
      path.append(try subtreeHash(start, start + k))
    }
  }

  /// PROOF(m, D[0:n]) (RFC 9162 §2.1.4.1).
  public func consistencyPath(old m: Int, new n: Int) throws -> [Digest32] {
    guard m > 0, m <= n else { throw MerkleProofError.badSizes(old: m, new: n) }
    var path: [Digest32] = []
    try subproof(m, 0, n, true, into: &path)
    return path
  }

  private func subproof(_ m: Int, _ start: Int, _ end: Int, _ b: Bool, into path: inout [Digest32]) throws {
    let n = end - start
    if m == n {
      if !b { path.append(try subtreeHash(start, end)) }
      return
    }
    let k = MerkleHasher.splitPoint(n)
    if m <= k {
      try subproof(m, start, start + k, b, into: &path)
      path.append(try subtreeHash(start + k, end))
    } else {
      try subproof(m - k, start + k, end, false, into: &path)
      path.append(try subtreeHash(start, start + k))
    }
  }
}

/// Offline verification (RFC 9162 §2.1.3.2 and §2.1.4.2), needing only the
/// proof, the sizes and the tree heads.
public enum MerkleVerifier {
  /// Step b.ii of both algorithms: "if LSB(fn) is not set, right-shift fn
  /// and sn equally until either LSB(fn) is set or fn is 0".
  @inline(__always)
  static func skipRightEdge(_ fn: inout Int, _ sn: inout Int) {
    while fn & 1 == 0 && fn != 0 {
      fn >>= 1
      sn >>= 1
    }
  }

  public static func verifyInclusion(
    leafHash: Digest32, index: Int, size: Int, path: [Digest32], root: Digest32
  ) -> Bool {
    guard index >= 0, index < size else { return false }
    let hasher = MerkleHasher()
    var fn = index
    var sn = size - 1
    var r = leafHash
    for p in path {
      if sn == 0 { return false }
      if fn & 1 == 1 || fn == sn {
        r = hasher.nodeHash(p, r)
        skipRightEdge(&fn, &sn)
      } else {
        r = hasher.nodeHash(r, p)
      }
      fn >>= 1
      sn >>= 1
    }
    return sn == 0 && r == root
  }

  public static func verifyConsistency(
    oldSize first: Int, newSize second: Int, oldRoot: Digest32, newRoot: Digest32, path: [Digest32]
  ) -> Bool {
    guard first > 0, first <= second else { return false }
    if first == second { return path.isEmpty && oldRoot == newRoot }
    if path.isEmpty { return false }
    let hasher = MerkleHasher()
    var proof = path
    if first & (first - 1) == 0 { proof.insert(oldRoot, at: 0) }
    var fn = first - 1
    var sn = second - 1
    while fn & 1 == 1 {
      fn >>= 1
      sn >>= 1
    }
    var fr = proof[0]
    var sr = proof[0]
    for c in proof.dropFirst() {
      if sn == 0 { return false }
      if fn & 1 == 1 || fn == sn {
        fr = hasher.nodeHash(c, fr)
        sr = hasher.nodeHash(c, sr)
        skipRightEdge(&fn, &sn)
      } else {
        sr = hasher.nodeHash(sr, c)
      }
      fn >>= 1
      sn >>= 1
    }
    return fr == oldRoot && sr == newRoot && sn == 0
  }
}
