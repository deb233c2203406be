/// The bytes an audit entry's hashes cover: the RFC 8785 canonical form of
///
///     {"agent":…,"org":…,"record":<canonical record>,"seq":n,"time":ms}
///
/// (keys already in JCS order), so every stored column is covered, and any
/// JCS library can recompute the leaf hash from an exported entry.
///
///     leaf_hash  = SHA-256(0x00 || envelope)        (RFC 9162 leaf)
///     chain_hash = SHA-256(previous chain_hash || leaf_hash)
///
/// with previous = 32 zero bytes for the first entry of an org's log.
public enum EntryEnvelope {
  /// Writes the envelope into `buffer` (cleared first, capacity kept).
  /// `orgJSON` is the org's JCS string literal, precomputed per log. With
  /// `leafPrefix` the buffer starts with RFC 9162's 0x00 so the leaf hash
  /// is one digest of the whole buffer (`leafHash(ofPrefixed:)`).
  public static func build(
    into buffer: inout [UInt8], agent: some Collection<UInt8>, orgJSON: [UInt8],
    record: UnsafeBufferPointer<UInt8>, seq: Int, time: Int64, leafPrefix: Bool = false
  ) {
    buffer.removeAll(keepingCapacity: true)
    if leafPrefix { buffer.append(MerkleHasher.leafPrefix) }
    buffer.append(contentsOf: agentKey)
    Canonicalizer.appendString(agent, to: &buffer)
    buffer.append(contentsOf: orgKey)
    buffer.append(contentsOf: orgJSON)
    buffer.append(contentsOf: recordKey)
    buffer.append(contentsOf: record)
    buffer.append(contentsOf: seqKey)
    appendDecimal(Int64(seq), to: &buffer)
    buffer.append(contentsOf: timeKey)
    appendDecimal(time, to: &buffer)
    buffer.append(0x7D)
  }

  private static let agentKey = Array(#"{"agent":"#.utf8)
  private static let orgKey = Array(#","org":"#.utf8)
  private static let recordKey = Array(#","record":"#.utf8)
  private static let seqKey = Array(#","seq":"#.utf8)
  private static let timeKey = Array(#","time":"#.utf8)

  static func appendDecimal(_ value: Int64, to buffer: inout [UInt8]) {
    if value < 0 { buffer.append(0x2D) }
    var magnitude = value.magnitude
    // Digits are written backwards into a stack buffer, then appended with
    // one copy (this runs twice per entry in verify-chain's hot loop).
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var position = 20
      repeat {
        position -= 1
        digits[position] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
        magnitude /= 10
      } while magnitude > 0
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position..<20]))
    }
  }

  /// The leaf hash of an envelope built with `leafPrefix: true`.
  public static func leafHash(ofPrefixed buffer: [UInt8], hasher: TPCrypto.SHA256.Hasher) -> Digest32 {
    var out = Digest32()
    buffer.withUnsafeBytes { raw in
      withUnsafeMutableBytes(of: &out.storage) { digest in hasher.hash(raw, into: digest.baseAddress!) }
    }
    return out
  }

  /// The chain step: SHA-256(previous || leaf), as one 64-byte message.
  public static func chainHash(previous: Digest32, leaf: Digest32, hasher: TPCrypto.SHA256.Hasher) -> Digest32 {
    var message = (previous.storage, leaf.storage)
    var out = Digest32()
    withUnsafeBytes(of: &message) { raw in
      withUnsafeMutableBytes(of: &out.storage) { digest in hasher.hash(raw, into: digest.baseAddress!) }
    }
    return out
  }
}
