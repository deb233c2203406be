import Testing
@testable import TapPassKit

/// Known-answer tests for the RFC 9162 tree. The expected values are
/// computed here independently, straight from the recursive definitions of
/// §2.1.1 (MTH), §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF) over arrays of
/// leaf data, with the one-shot `TPCrypto.SHA256.hash` — not through the
/// stored-node prover or the frontier under test.
@Suite struct AuditMerkleTests {
  // MARK: Reference implementation from the RFC text

  static func sha(_ bytes: [UInt8]) -> [UInt8] { TPCrypto.SHA256.hash(bytes) }

  static func mth(_ d: ArraySlice<[UInt8]>) -> [UInt8] {
    if d.isEmpty { return sha([]) }
    if d.count == 1 { return sha([0x00] + d.first!) }
    var k = 1
    while k * 2 < d.count { k *= 2 }
    let start = d.startIndex
    return sha([0x01] + mth(d[start..<start + k]) + mth(d[(start + k)...]))
  }

  static func path(_ m: Int, _ d: ArraySlice<[UInt8]>) -> [[UInt8]] {
    if d.count == 1 { return [] }
    var k = 1
    while k * 2 < d.count { k *= 2 }
    let start = d.startIndex
    if m < k { return path(m, d[start..<start + k]) + [mth(d[(start + k)...])] }
    return path(m - k, d[(start + k)...]) + [mth(d[start..<start + k])]
  }

  static func subproof(_ m: Int, _ d: ArraySlice<[UInt8]>, _ b: Bool) -> [[UInt8]] {
    if m == d.count { return b ? [] : [mth(d)] }
    var k = 1
    while k * 2 < d.count { k *= 2 }
    let start = d.startIndex
    if m <= k { return subproof(m, d[start..<start + k], b) + [mth(d[(start + k)...])] }
    return subproof(m - k, d[(start + k)...], false) + [mth(d[start..<start + k])]
  }

  /// Stored-node source built with the frontier (as the store does).
  final class MemorySource: MerkleNodeSource {
    var nodes: [Int: [Int: Digest32]] = [:]
    var frontier = MerkleFrontier()
    init(leaves: [[UInt8]]) {
      let hasher = MerkleHasher()
      for (index, leaf) in leaves.enumerated() {
        let hash = hasher.leafHash(leaf)
        nodes[0, default: [:]][index] = hash
        frontier.append(hash, hasher: hasher) { level, index, hash in nodes[level, default: [:]][index] = hash }
      }
    }
    func node(level: Int, index: Int) throws -> Digest32 { nodes[level]![index]! }
  }

  static let leaves: [[UInt8]] = (0..<64).map { i in Array("leaf \(i)".utf8) + (i % 3 == 0 ? [0x00, 0x01] : []) }

  // MARK: Tests

  /// The leaf inputs and roots of the Certificate Transparency reference
  /// tests (RFC 6962 / RFC 9162 implementations share them).
  @Test func certificateTransparencyReferenceRoots() throws {
    let data: [[UInt8]] = [
      [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
      [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
      [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F],
    ]
    let roots = [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
    let source = MemorySource(leaves: data)
    let prover = MerkleProver(source: source)
    for size in 1...8 {
      #expect(Hex.encode(Self.mth(data[0..<size])) == roots[size - 1])
      #expect(try prover.rootHash(size: size).hex == roots[size - 1])
    }
    #expect(source.frontier.root(hasher: MerkleHasher()).hex == roots[7])
    #expect(try prover.rootHash(size: 0).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func rootsMatchTheDefinitionForSizes1To64() throws {
    let prover = MerkleProver(source: MemorySource(leaves: Self.leaves))
    var frontier = MerkleFrontier()
    let hasher = MerkleHasher()
    for size in 1...64 {
      frontier.append(hasher.leafHash(Self.leaves[size - 1]), hasher: hasher) { _, _, _ in }
      let expected = Self.mth(Self.leaves[0..<size])
      #expect(try prover.rootHash(size: size).bytes == expected)
      #expect(frontier.root(hasher: hasher).bytes == expected)
    }
  }

  @Test func everyInclusionProofForSizes1To64() throws {
    let prover = MerkleProver(source: MemorySource(leaves: Self.leaves))
    let hasher = MerkleHasher()
    for size in 1...64 {
      let root = Digest32(Self.mth(Self.leaves[0..<size]))!
      for index in 0..<size {
        let path = try prover.inclusionPath(index: index, size: size)
        #expect(path.map(\.bytes) == Self.path(index, Self.leaves[0..<size]), "size \(size) index \(index)")
        let leaf = hasher.leafHash(Self.leaves[index])
        #expect(MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, path: path, root: root))
        // Wrong index, wrong leaf, altered or truncated path: rejected.
        if size > 1 {
          #expect(!MerkleVerifier.verifyInclusion(leafHash: leaf, index: (index + 1) % size, size: size, path: path, root: root))
          #expect(!MerkleVerifier.verifyInclusion(leafHash: hasher.leafHash([0xFF]), index: index, size: size, path: path, root: root))
          var altered = path
          altered[altered.count / 2].storage.0 ^= 1
          #expect(!MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, path: altered, root: root))
          #expect(!MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, path: Array(path.dropLast()), root: root))
        }
        #expect(!MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, path: path + [root], root: root))
      }
    }
  }

  @Test func everyConsistencyProofForSizes1To64() throws {
    let prover = MerkleProver(source: MemorySource(leaves: Self.leaves))
    let roots = (0...64).map { Digest32(Self.mth(Self.leaves[0..<$0]))! }
    for new in 1...64 {
      for old in 1...new {
        let path = try prover.consistencyPath(old: old, new: new)
        #expect(path.map(\.bytes) == Self.subproof(old, Self.leaves[0..<new], true), "old \(old) new \(new)")
        #expect(MerkleVerifier.verifyConsistency(oldSize: old, newSize: new, oldRoot: roots[old], newRoot: roots[new], path: path))
        if old < new {
          #expect(!MerkleVerifier.verifyConsistency(oldSize: old, newSize: new, oldRoot: roots[old], newRoot: roots[new - 1], path: path))
          if old > 1 {
            #expect(!MerkleVerifier.verifyConsistency(oldSize: old, newSize: new, oldRoot: roots[old - 1], newRoot: roots[new], path: path))
          }
          var altered = path
          altered[0].storage.3 ^= 1 << 60
          #expect(!MerkleVerifier.verifyConsistency(oldSize: old, newSize: new, oldRoot: roots[old], newRoot: roots[new], path: altered))
        }
      }
    }
  }

  @Test func entryHashesFollowTheDocumentedDefinitions() {
    let hasher = TPCrypto.SHA256.Hasher()
    var envelope: [UInt8] = []
    let record = Array(#"{"a":1}"#.utf8)
    record.withUnsafeBufferPointer { pointer in
      EntryEnvelope.build(into: &envelope, agent: Array("bot\n".utf8), orgJSON: Array(#""acme""#.utf8), record: pointer, seq: 12, time: 1_700_000_000_123)
    }
    #expect(String(decoding: envelope, as: UTF8.self) == #"{"agent":"bot\n","org":"acme","record":{"a":1},"seq":12,"time":1700000000123}"#)
    var prefixed: [UInt8] = []
    record.withUnsafeBufferPointer { pointer in
      EntryEnvelope.build(into: &prefixed, agent: Array("bot\n".utf8), orgJSON: Array(#""acme""#.utf8), record: pointer, seq: 12, time: 1_700_000_000_123, leafPrefix: true)
    }
    let leaf = EntryEnvelope.leafHash(ofPrefixed: prefixed, hasher: hasher)
    #expect(leaf.bytes == TPCrypto.SHA256.hash([0x00] + envelope))
    #expect(leaf == MerkleHasher().leafHash(envelope))
    let previous = Digest32(Array(repeating: 7, count: 32))!
    #expect(EntryEnvelope.chainHash(previous: previous, leaf: leaf, hasher: hasher).bytes == TPCrypto.SHA256.hash(previous.bytes + leaf.bytes))
  }

  @Test func leafAndNodeHashesAreDomainSeparated() {
    let hasher = MerkleHasher()
    let a = hasher.leafHash([0x61])
    let b = hasher.leafHash([0x62])
    let node = hasher.nodeHash(a, b)
    #expect(hasher.leafHash(a.bytes + b.bytes) != node)
    #expect(node.bytes == TPCrypto.SHA256.hash([0x01] + a.bytes + b.bytes))
  }
}
