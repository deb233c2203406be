/// Lookups in the US Census first- and last-name frequency lists
/// (`Resources/data/names/*.tsv`, `NAME\tfreq` per line).
///
/// Why a lazily built hash table: the lists hold ~94,000 names and most
/// runs never need them (no capitalised word, or a one-record pre-commit
/// scan), so nothing is read at start-up. On first use each list is read
/// once into a flat open-addressing table of 64-bit word hashes (the same
/// `WordLists.hash` the tokenizer computes for every token), which takes a
/// few milliseconds (a 32-bit key and a 16-bit frequency per slot); a lookup is then one or two probes with no
/// allocation and no byte comparison. `static let` makes the load lazy and
/// thread-safe.
struct NameList: Sendable {
  private let keys: [UInt32]
  private let values: [UInt16]
  private let mask: Int

  init(resource: String) {
    let file = ResourceFiles.bytes(resource) ?? []
    var lines = 0
    for byte in file where byte == 0x0A { lines += 1 }
    var capacity = 16
    while capacity * 2 < lines * 3 + 2 { capacity <<= 1 }
    var keys = [UInt32](repeating: 0, count: capacity)
    var values = [UInt16](repeating: 0, count: capacity)
    let mask = capacity - 1
    file.withUnsafeBufferPointer { bytes in
      keys.withUnsafeMutableBufferPointer { keys in
        values.withUnsafeMutableBufferPointer { values in
          var position = 0
          let count = bytes.count
          while position < count {
            // NAME, tab, frequency, newline; the name is hashed as it is read.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            let start = position
            while position < count, bytes[position] != 0x09, bytes[position] != 0x0A {
              hash = (hash ^ UInt64(PIIBytes.lower(bytes[position]))) &* 0x100_0000_01b3
              position += 1
            }
            let named = position > start
            var frequency: Int32 = 0
            if position < count, bytes[position] == 0x09 {
              position += 1
              while position < count, PIIBytes.isDigit(bytes[position]) {
                frequency = frequency &* 10 &+ Int32(bytes[position] &- 0x30)
                position += 1
              }
            }
            while position < count, bytes[position] != 0x0A { position += 1 }
            position += 1
            guard named else { continue }
            let key = Self.key(hash)
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = UInt16(min(max(frequency, 1), 65535))
          }
        }
      }
    }
    self.keys = keys
    self.values = values
    self.mask = mask
  }

  static let first = NameList(resource: "names/first.tsv")
  static let last = NameList(resource: "names/last.tsv")

  /// The stored key: the hash folded to 32 bits (a false match needs a
  /// 32-bit collision among ~90,000 names), with 0 marking an empty slot.
  @inline(__always) private static func key(_ hash: UInt64) -> UInt32 {
    let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    return folded == 0 ? 1 : folded
  }

  /// Frequency per million of the name whose `WordLists.hash` is `hash`,
  /// or 0 when absent.
  func frequency(hash: UInt64) -> Int {
    let key = Self.key(hash)
    var slot = Int(truncatingIfNeeded: key) & mask
    while true {
      let stored = keys[slot]
      if stored == key { return Int(values[slot]) }
      if stored == 0 { return 0 }
      slot = (slot + 1) & mask
    }
  }

  /// Frequency of the name spelled by `field[start..<end]` (case-insensitive).
  func frequency(_ field: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    guard end > start, end - start <= 24 else { return 0 }
    return frequency(hash: WordLists.hash(UnsafeBufferPointer(rebasing: field[start..<end])))
  }
}
