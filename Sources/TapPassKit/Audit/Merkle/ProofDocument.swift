/// The JSON forms of proofs (docs/audit-format.md, "Proof formats").
public enum ProofDocument {
  public static func inclusion(
    org: String, index: Int, size: Int, leafHash: Digest32, path: [Digest32], envelope: [UInt8]?
  ) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("inclusion_proof")
    writer.key("version"); writer.int(1)
    writer.key("org"); writer.string(org)
    writer.key("index"); writer.int(index)
    writer.key("size"); writer.int(size)
    writer.key("leaf_hash"); writer.string(leafHash.hex)
    writer.key("path"); hashes(path, &writer)
    if let envelope { writer.key("entry"); writer.raw(envelope) }
    writer.endObject()
    return writer.bytes
  }

  public static func consistency(
    org: String, oldSize: Int, newSize: Int, oldRoot: Digest32, newRoot: Digest32, path: [Digest32]
  ) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("consistency_proof")
    writer.key("version"); writer.int(1)
    writer.key("org"); writer.string(org)
    writer.key("old_size"); writer.int(oldSize)
    writer.key("new_size"); writer.int(newSize)
    writer.key("old_root"); writer.string(oldRoot.hex)
    writer.key("new_root"); writer.string(newRoot.hex)
    writer.key("path"); hashes(path, &writer)
    writer.endObject()
    return writer.bytes
  }

  static func hashes(_ path: [Digest32], _ writer: inout JSONWriter) {
    writer.beginArray()
    for hash in path { writer.string(hash.hex) }
    writer.endArray()
  }

  /// The outcome of checking a proof document against a checkpoint.
  public struct Verdict: Sendable {
    public var valid: Bool
    public var reason: String
  }

  /// Verifies a parsed proof (`node` is its object) against a checkpoint
  /// whose signature the caller has already checked. For consistency proofs
  /// `oldCheckpoint` anchors the old root; without it the proof's own
  /// `old_root` is used (and the verdict says so).
  public static func verify(_ document: JSONDocument, node: Int = 0, checkpoint: Checkpoint, oldCheckpoint: Checkpoint? = nil) throws -> Verdict {
    let fields = JSONFields(document: document, node: node, what: "proof")
    guard try fields.string("org") == checkpoint.org else { return Verdict(valid: false, reason: "proof and checkpoint are for different orgs") }
    switch try fields.string("type") {
    case "inclusion_proof":
      let index = try fields.int("index")
      let size = try fields.int("size")
      var leaf = try fields.digest("leaf_hash")
      guard size == checkpoint.size else {
        return Verdict(valid: false, reason: "proof is for tree size \(size), checkpoint for \(checkpoint.size)")
      }
      if let entry = document.member("entry", of: node) {
        var canonical: [UInt8] = []
        try Canonicalizer.append(document, node: entry, to: &canonical)
        let recomputed = MerkleHasher().leafHash(canonical)
        guard recomputed == leaf else { return Verdict(valid: false, reason: "entry does not hash to leaf_hash") }
        leaf = recomputed
      }
      let ok = MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, path: try fields.digests("path"), root: checkpoint.root)
      return Verdict(valid: ok, reason: ok ? "entry \(index) is included in the signed tree of size \(size)" : "inclusion proof does not lead to the signed root")
    case "consistency_proof":
      let oldSize = try fields.int("old_size")
      let newSize = try fields.int("new_size")
      guard newSize == checkpoint.size, try fields.digest("new_root") == checkpoint.root else {
        return Verdict(valid: false, reason: "proof's new tree is not the signed checkpoint")
      }
      var oldRoot = try fields.digest("old_root")
      var anchored = false
      if let oldCheckpoint {
        guard oldCheckpoint.size == oldSize, oldCheckpoint.org == checkpoint.org else {
          return Verdict(valid: false, reason: "old checkpoint is for size \(oldCheckpoint.size), proof for \(oldSize)")
        }
        oldRoot = oldCheckpoint.root
        anchored = true
      }
      let ok = MerkleVerifier.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: checkpoint.root, path: try fields.digests("path"))
      let note = anchored ? "" : " (old root taken from the proof; pass --old-checkpoint to anchor it)"
      return Verdict(valid: ok, reason: ok ? "tree of size \(newSize) extends tree of size \(oldSize)\(note)" : "consistency proof does not hold")
    default:
      throw ToolError("proof: unknown type")
    }
  }
}
