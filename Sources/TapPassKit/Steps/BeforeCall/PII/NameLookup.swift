/// Lookups in the US Census first- and last-name frequency lists
/// (`Resources/data/names/*.tsv`, `NAME\tfreq` per line).
///
/// Why a lazily built hash table: the lists hold ~94,000 names and most
/// runs never need them (no capitalised word, or a one-record pre-commit
/// scan), so nothing is read at start-up. On first use each list is read
/// once into a flat open-addressing table of 64-bit word hashes (the same
/// `WordLists.hash` the tokenizer computes for every token), which takes a
/// couple of milliseconds; a lookup is then one or two probes with no
/// allocation and no byte comparison. `static let` makes the load lazy and
/// thread-safe.
struct NameList: Sendable {
  private let keys: [UInt64]
  private let values: [Int32]
  private let mask: Int

  init(resource: String) {
    let bytes = ResourceFiles.bytes(resource) ?? []
    var lines = 0
    for byte in bytes where byte == 0x0A { lines += 1 }
    var capacity = 16
    while capacity < lines * 2 + 2 { capacity <<= 1 }
    var keys = [UInt64](repeating: 0, count: capacity)
    var values = [Int32](repeating: 0, count: capacity)
    let mask = capacity - 1
    var start = 0
    while start < bytes.count {
      var tab = start
      while tab < bytes.count, bytes[tab] != 0x09, bytes[tab] != 0x0A { tab += 1 }
      var end = tab
      var frequency: Int32 = 0
      if end < bytes.count, bytes[end] == 0x09 {
        end += 1
        while end < bytes.count, PIIBytes.isDigit(bytes[end]) {
          frequency = frequency &* 10 &+ Int32(PIIBytes.digitValue(bytes[end]))
          end += 1
        }
      }
      while end < bytes.count, bytes[end] != 0x0A { end += 1 }
      if tab > start {
        let key = Self.key(WordLists.hash(bytes[start..<tab]))
        var slot = Int(truncatingIfNeeded: key) & mask
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = max(frequency, 1)
      }
      start = end + 1
    }
    self.keys = keys
    self.values = values
    self.mask = mask
  }

  static let first = NameList(resource: "names/first.tsv")
  static let last = NameList(resource: "names/last.tsv")

  /// 0 marks an empty slot, so a hash of 0 is stored as 1.
  @inline(__always) private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

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
