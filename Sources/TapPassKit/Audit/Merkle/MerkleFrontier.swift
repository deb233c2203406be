/// The right edge of a Merkle tree: the roots of the perfect subtrees in the
/// binary decomposition of its size, largest (leftmost) first. Appending a
/// leaf merges equal-height roots, which is exactly when a new interior node
/// becomes final and can be stored; the tree root at this size is the fold
/// of the frontier from the right (RFC 9162 MTH).
public struct MerkleFrontier: Sendable {
  public struct Node: Sendable, Equatable {
    public var level: Int
    public var hash: Digest32
  }

  public private(set) var nodes: [Node] = []
  public private(set) var size: Int = 0

  public init() {}

  /// Rebuilds from stored perfect-subtree roots: `lookup(level, index)`
  /// returns the node at that level and index (level 0 = leaf hashes).
  public init(size: Int, lookup: (_ level: Int, _ index: Int) throws -> Digest32) rethrows {
    self.size = size
    var start = 0
    for level in stride(from: Int.bitWidth - 2, through: 0, by: -1) where size & (1 << level) != 0 {
      nodes.append(Node(level: level, hash: try lookup(level, start >> level)))
      start += 1 << level
    }
  }

  /// Appends a leaf hash; `completed(level, index, hash)` is called for each
  /// interior node (level ≥ 1) that the append completes.
  public mutating func append(_ leaf: Digest32, hasher: MerkleHasher, completed: (Int, Int, Digest32) throws -> Void) rethrows {
    nodes.append(Node(level: 0, hash: leaf))
    size += 1
    while nodes.count >= 2, nodes[nodes.count - 1].level == nodes[nodes.count - 2].level {
      let right = nodes.removeLast()
      let left = nodes.removeLast()
      let level = left.level + 1
      let merged = Node(level: level, hash: hasher.nodeHash(left.hash, right.hash))
      nodes.append(merged)
      try completed(level, (size >> level) - 1, merged.hash)
    }
  }

  /// The tree head at the current size; the hash of the empty string for an
  /// empty tree (RFC 9162 §2.1.1).
  public func root(hasher: MerkleHasher) -> Digest32 {
    guard var result = nodes.last?.hash else {
      return Digest32(TPCrypto.SHA256.hash([UInt8]()))!
    }
    for node in nodes.dropLast().reversed() {
      result = hasher.nodeHash(node.hash, result)
    }
    return result
  }
}
