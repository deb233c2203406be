/// A self-contained evidence bundle for auditors: the selected entries
/// (canonical envelopes), an inclusion proof for each, the signed
/// checkpoint they lead to, the public key, and a signed manifest stating
/// what was selected. `verify` needs nothing else: no database, no network.
///
/// What it proves: every entry in the bundle is, byte for byte, the entry
/// at that position of the org's log as of the signed checkpoint. What the
/// signed manifest attests (and verification checks for consistency): the
/// selection (time range, agent) and the number of entries. Without an
/// agent filter the entries must form one contiguous run of positions.
public enum EvidenceBundle {
  public static let manifestDomain = Array("tappass-audit-evidence/v1\n".utf8)

  public struct Selection: Sendable {
    public var from: Int64
    public var to: Int64
    public var agent: String?
    public init(from: Int64, to: Int64, agent: String?) {
      self.from = from
      self.to = to
      self.agent = agent
    }
  }

  public static func build(store: AuditStore, log: AuditStore.Log, selection: Selection, key: Ed25519PrivateKey, now: Int64) throws -> [UInt8] {
    let checkpoint = try CheckpointStore(store: store).create(log: log, key: key, time: now)
    let prover = try store.prover(log: log)
    var entries = JSONWriter()
    entries.beginArray()
    var leaves: [UInt8] = []
    var count = 0
    // Times are monotonic within a log, so the range is found by binary
    // search and only the entries inside it are read.
    let first = try store.firstSeq(log: log, size: checkpoint.size) { $0 >= selection.from }
    try store.forEachEntry(log: log, fromSeq: first) { entry in
      guard entry.seq < checkpoint.size, entry.time <= selection.to else { return false }
      guard entry.time >= selection.from, entry.time <= selection.to,
            selection.agent.map({ $0 == entry.agent }) ?? true else { return true }
      let path = try prover.inclusionPath(index: entry.seq, size: checkpoint.size)
      entries.beginObject()
      entries.key("index"); entries.int(entry.seq)
      entries.key("leaf_hash"); entries.string(Hex.encode(entry.leafHash))
      entries.key("path"); entries.beginArray(); for hash in path { entries.string(hash.hex) }; entries.endArray()
      entries.key("entry"); entries.raw(AuditStore.envelope(of: entry, org: log.org))
      entries.endObject()
      leaves += entry.leafHash
      count += 1
      return true
    }
    entries.endArray()
    let manifest = manifestBytes(org: log.org, selection: selection, created: now, count: count,
                                 entriesHash: TPCrypto.SHA256.hash(leaves), checkpointSize: checkpoint.size)
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("evidence_bundle")
    writer.key("version"); writer.int(1)
    writer.key("manifest"); writer.raw(manifest)
    writer.key("manifest_signature"); writer.string(Hex.encode(try key.signature(for: manifestDomain + manifest)))
    writer.key("checkpoint"); writer.raw(checkpoint.json)
    writer.key("public_key"); writer.string(try key.publicKey.pem())
    writer.key("entries"); writer.raw(entries.bytes)
    writer.endObject()
    return writer.bytes
  }

  /// The manifest in RFC 8785 form (keys written in sorted order).
  static func manifestBytes(org: String, selection: Selection, created: Int64, count: Int, entriesHash: [UInt8], checkpointSize: Int) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("agent"); if let agent = selection.agent { writer.string(agent) } else { writer.null() }
    writer.key("checkpoint_size"); writer.int(checkpointSize)
    writer.key("created"); writer.int(Int(created))
    writer.key("entries_sha256"); writer.string(Hex.encode(entriesHash))
    writer.key("entry_count"); writer.int(count)
    writer.key("from"); writer.int(Int(selection.from))
    writer.key("org"); writer.string(org)
    writer.key("to"); writer.int(Int(selection.to))
    writer.key("tool"); writer.string("tp-audit/\(TapPassVersion.string)")
    writer.endObject()
    return (try? Canonicalizer.canonicalize(try JSONDocument(bytes: writer.bytes))) ?? writer.bytes
  }

  public struct Verdict: Sendable {
    public var valid: Bool
    public var entries: Int
    public var reason: String
  }

  public static func verify(_ document: JSONDocument, pinnedKey: Ed25519PublicKey?) throws -> Verdict {
    func fail(_ reason: String, _ entries: Int = 0) -> Verdict { Verdict(valid: false, entries: entries, reason: reason) }
    let bundle = JSONFields(document: document, node: 0, what: "bundle")
    guard try bundle.string("type") == "evidence_bundle" else { throw ToolError("not an evidence bundle") }
    let checkpoint = try Checkpoint(json: document, node: try bundle.member("checkpoint"))
    let key = try pinnedKey ?? Ed25519PublicKey(pem: Array(try bundle.string("public_key").utf8))
    guard key.keyID == checkpoint.keyID, checkpoint.hasValidSignature(pinnedKey: key) else {
      return fail("checkpoint signature is invalid or not made with the bundle's key")
    }
    let manifestNode = try bundle.member("manifest")
    var manifestBytes: [UInt8] = []
    try Canonicalizer.append(document, node: manifestNode, to: &manifestBytes)
    guard key.isValidSignature(try bundle.hex("manifest_signature"), for: manifestDomain + manifestBytes) else {
      return fail("manifest signature is invalid")
    }
    let manifest = try bundle.object("manifest")
    let org = try manifest.string("org")
    let from = Int64(try manifest.int("from"))
    let to = Int64(try manifest.int("to"))
    let agentNode = try manifest.member("agent")
    let agent = document.string(agentNode)
    guard org == checkpoint.org, try manifest.int("checkpoint_size") == checkpoint.size else {
      return fail("manifest and checkpoint disagree")
    }
    let list = try bundle.member("entries")
    guard document.nodes[list].kind == .array else { throw ToolError("bundle: \"entries\" must be an array") }
    let hasher = MerkleHasher()
    var leaves: [UInt8] = []
    var previous: Int?
    var count = 0
    for item in document.children(of: list) {
      let fields = JSONFields(document: document, node: item, what: "bundle entry")
      let index = try fields.int("index")
      let entryNode = try fields.member("entry")
      var canonical: [UInt8] = []
      try Canonicalizer.append(document, node: entryNode, to: &canonical)
      let leaf = hasher.leafHash(canonical)
      guard leaf == (try fields.digest("leaf_hash")) else { return fail("entry \(index) does not hash to its leaf_hash", count) }
      guard MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: checkpoint.size, path: try fields.digests("path"), root: checkpoint.root) else {
        return fail("entry \(index) is not included in the signed tree", count)
      }
      let entry = try fields.object("entry")
      guard try entry.string("org") == org, try entry.int("seq") == index else { return fail("entry \(index) belongs elsewhere", count) }
      let time = Int64(try entry.int("time"))
      guard time >= from, time <= to else { return fail("entry \(index) lies outside the manifest's time range", count) }
      if let agent, try entry.string("agent") != agent { return fail("entry \(index) is from another agent", count) }
      if let previous {
        guard index > previous else { return fail("entries are not in log order", count) }
        if agent == nil && index != previous + 1 { return fail("entries \(previous + 1)…\(index - 1) are missing from the bundle", count) }
      }
      previous = index
      leaves += leaf.bytes
      count += 1
    }
    guard count == (try manifest.int("entry_count")), Hex.encode(TPCrypto.SHA256.hash(leaves)) == (try manifest.string("entries_sha256")) else {
      return fail("entries do not match the signed manifest", count)
    }
    return Verdict(valid: true, entries: count, reason: "\(count) entries of \(org) proven against the signed checkpoint of size \(checkpoint.size)")
  }
}
