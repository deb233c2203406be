import Glibc

/// The fingerprints already made for the record being scanned, so that a
/// value a record holds several times (a name through a conversation, a
/// key repeated in a tool call) is MACed once: a third of the findings on
/// the corpora repeat a (type, value) of the same record, and a fingerprint
/// costs about 8,000 instructions (two SHA-256 blocks and OpenSSL's context
/// copies) against a few dozen for a comparison.
///
/// A fingerprint depends only on the type and the value (and the engine's
/// key), so a remembered one is the one the MAC would make. Entries refer
/// to the record's own field bytes (no copy of any value) and are dropped
/// when the record is done (`clear`), so nothing outlives the record.
final class FingerprintMemo {
  private struct Entry {
    let type: String
    let bytes: [UInt8]
    let range: Range<Int>
    let fingerprint: String
  }

  private var entries: [Entry] = []
  /// The entries' value lengths, apart: most entries differ from a value
  /// in length, and this rejects them without touching an entry (each
  /// would be retains of its strings and bytes).
  private var lengths: [Int] = []
  /// The latest entries a lookup compares: a record with many findings
  /// stays linear, and near repeats are the common ones.
  static let reach = 32

  /// The fingerprint of `bytes[range]` under `type`: a remembered one, or
  /// `make()`'s, then remembered.
  func fingerprint(type: String, _ bytes: [UInt8], _ range: Range<Int>, make: () -> String) -> String {
    let count = range.count
    let found: Int? = lengths.withUnsafeBufferPointer { lengths in
      var index = lengths.count
      let stop = max(0, index - Self.reach)
      while index > stop {
        index -= 1
        if lengths[index] == count { return index }
      }
      return nil
    }
    if var index = found {
      // Same length: compare type and bytes, from there back.
      let stop = max(0, lengths.count - Self.reach)
      while index >= stop {
        if lengths[index] == count {
          let entry = entries[index]
          if entry.type == type, Self.equal(entry.bytes, entry.range, bytes, range) { return entry.fingerprint }
        }
        index -= 1
      }
    }
    let made = make()
    entries.append(Entry(type: type, bytes: bytes, range: range, fingerprint: made))
    lengths.append(count)
    return made
  }

  /// Forgets the record's values (releasing its field bytes).
  func clear() {
    // Most records of a large run have no finding; removeAll(keepingCapacity:)
    // costs a few hundred instructions even on an empty array.
    guard !lengths.isEmpty else { return }
    entries.removeAll(keepingCapacity: true)
    lengths.removeAll(keepingCapacity: true)
  }

  private static func equal(_ a: [UInt8], _ aRange: Range<Int>, _ b: [UInt8], _ bRange: Range<Int>) -> Bool {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        guard aRange.count > 0 else { return true }
        return memcmp(a.baseAddress! + aRange.lowerBound, b.baseAddress! + bRange.lowerBound, aRange.count) == 0
      }
    }
  }
}
