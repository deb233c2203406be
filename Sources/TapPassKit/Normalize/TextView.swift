/// Normalisation: one shared place that undoes the obfuscations attackers use
/// to slip text past pattern matching (fullwidth and compatibility forms,
/// look-alike letters, invisible characters, letter spacing, leetspeak,
/// base64/hex/percent-encoded blobs). It produces *views* of a field; each
/// view byte remembers the original bytes it came from, so a match in a view
/// is reported at the original offsets.

/// One view of a field's text.
public struct TextView: Sendable {
  public enum Kind: UInt8, Sendable {
    /// Compatibility, confusable, invisible, spacing and leetspeak folding.
    case folded = 1
    /// The decoded content of an embedded base64, hex or percent blob.
    case decoded = 2
  }

  public var kind: Kind
  public var bytes: [UInt8]
  /// For every view byte, the original range it stands for.
  var origins: [Int32]
  var originEnds: [Int32]
  /// How many decodings deep this view is (0 for folded).
  public var depth: Int

  /// The original byte range of the view range `start..<end`.
  public func originalRange(_ start: Int, _ end: Int) -> Range<Int> {
    guard !bytes.isEmpty else { return 0..<0 }
    let first = Int(origins[min(max(start, 0), bytes.count - 1)])
    let last = Int(originEnds[min(max(end - 1, start, 0), bytes.count - 1)])
    return first..<max(first, last)
  }
}

/// Builds a view byte by byte with its origin map.
struct TextViewBuilder {
  var bytes: [UInt8] = []
  var origins: [Int32] = []
  var originEnds: [Int32] = []

  init(capacity: Int) {
    bytes.reserveCapacity(capacity)
    origins.reserveCapacity(capacity)
    originEnds.reserveCapacity(capacity)
  }

  mutating func append(_ byte: UInt8, from start: Int, to end: Int) {
    bytes.append(byte)
    origins.append(Int32(truncatingIfNeeded: start))
    originEnds.append(Int32(truncatingIfNeeded: end))
  }

  mutating func append(scalar: UInt32, from start: Int, to end: Int) {
    switch scalar {
    case 0..<0x80:
      append(UInt8(scalar), from: start, to: end)
    case 0x80..<0x800:
      append(UInt8(0xC0 | scalar >> 6), from: start, to: end)
      append(UInt8(0x80 | scalar & 0x3F), from: start, to: end)
    case 0x800..<0x10000:
      append(UInt8(0xE0 | scalar >> 12), from: start, to: end)
      append(UInt8(0x80 | scalar >> 6 & 0x3F), from: start, to: end)
      append(UInt8(0x80 | scalar & 0x3F), from: start, to: end)
    default:
      append(UInt8(0xF0 | scalar >> 18 & 0x07), from: start, to: end)
      append(UInt8(0x80 | scalar >> 12 & 0x3F), from: start, to: end)
      append(UInt8(0x80 | scalar >> 6 & 0x3F), from: start, to: end)
      append(UInt8(0x80 | scalar & 0x3F), from: start, to: end)
    }
  }

  /// Appends `buffer[range]` unchanged, each byte its own origin: the
  /// mapping of a raw field, copied a run at a time.
  mutating func appendIdentity(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    Self.appendCounting(&origins, from: range.lowerBound, count: range.count)
    Self.appendCounting(&originEnds, from: range.lowerBound + 1, count: range.count)
  }

  /// Appends `first`, `first + 1`, … (`count` values), filled in a stack
  /// buffer and copied a block at a time: appending a `Range<Int32>` went
  /// through its iterator one element at a time (1.4% of tp-scan's
  /// instructions on the corpus workload, callgrind).
  static func appendCounting(_ array: inout [Int32], from first: Int, count: Int) {
    let block = 256
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: block) { buffer in
      var done = 0
      while done < count {
        let length = min(block, count - done)
        let base = Int32(truncatingIfNeeded: first + done)
        for index in 0..<length { buffer[index] = base &+ Int32(truncatingIfNeeded: index) }
        array.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<length]))
        done += length
      }
    }
  }

  /// Appends the bytes of `source` in `range` with their origins.
  mutating func append(_ source: TextViewBuilder, _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    bytes.append(contentsOf: source.bytes[range])
    origins.append(contentsOf: source.origins[range])
    originEnds.append(contentsOf: source.originEnds[range])
  }

  func view(_ kind: TextView.Kind, depth: Int) -> TextView {
    TextView(kind: kind, bytes: bytes, origins: origins, originEnds: originEnds, depth: depth)
  }
}
