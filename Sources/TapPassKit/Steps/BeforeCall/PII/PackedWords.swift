/// A set of short words (one to eight bytes), each packed lower-case into
/// a `UInt64`, first byte lowest: one load and one mask instead of a hash
/// computed byte by byte. `NameSeeds` judges every capitalised word of a
/// field by the word itself and the word before it; packing both is what
/// keeps that cheap. The packed value is the word itself, so a lookup is
/// exact (no byte of a word is 0, so lengths never collide).
///
/// The table lives as long as the process (every set is a `static let`),
/// behind a plain pointer, so that a copy of a set costs no reference
/// counting.
struct PackedWords: @unchecked Sendable {
  private let keys: UnsafePointer<UInt64>
  private let shift: Int
  private let mask: Int
  /// For a large set, one bit per slot of a 65,536-bit map (8 KB, small
  /// enough to stay cached between fields) that is set for every word's
  /// hash: most absent words are rejected without touching the table.
  private let filter: UnsafePointer<UInt64>?

  /// `words` are byte strings of one to eight bytes; others are left out.
  init(_ words: some Sequence<[UInt8]>) {
    self.init(packed: words.filter { (1...8).contains($0.count) }.map { word in
      word.enumerated().reduce(UInt64(0)) { $0 | UInt64(PIIBytes.lower($1.element)) << (8 * $1.offset) }
    })
  }

  /// Words already packed (non-zero).
  init(packed: [UInt64]) {
    var bits = 4
    while 1 << bits < packed.count * 2 { bits += 1 }
    let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 1 << bits)
    keys.initialize(repeating: 0, count: 1 << bits)
    let shift = 64 - bits
    var filter: UnsafeMutablePointer<UInt64>?
    if packed.count >= 1024 {
      filter = UnsafeMutablePointer<UInt64>.allocate(capacity: 1024)
      filter?.initialize(repeating: 0, count: 1024)
    }
    for key in packed {
      var slot = Self.slot(key, shift)
      while keys[slot] != 0 && keys[slot] != key { slot = (slot &+ 1) & ((1 << bits) - 1) }
      keys[slot] = key
      let bit = Self.filterBit(key)
      filter?[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    self.keys = UnsafePointer(keys)
    self.shift = shift
    mask = (1 << bits) - 1
    self.filter = filter.map { UnsafePointer($0) }
  }

  /// The word's bit in `filter`: 16 bits of another multiplicative hash.
  @inline(__always) private static func filterBit(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> 48)
  }

  @inline(__always) private static func slot(_ key: UInt64, _ shift: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
  }

  @inline(__always) func contains(_ key: UInt64) -> Bool {
    if let filter {
      let bit = Self.filterBit(key)
      if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
    }
    var slot = Self.slot(key, shift)
    while true {
      let stored = keys[slot]
      if stored == key { return true }
      if stored == 0 { return false }
      slot = (slot &+ 1) & mask
    }
  }

  /// `bytes[start..<end]` (one to eight ASCII letters or digits) packed
  /// lower-case.
  @inline(__always) static func pack(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    var word: UInt64
    if start + 8 <= bytes.count {
      word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self))
    } else {
      word = 0
      for index in start..<end { word |= UInt64(bytes[index]) << (8 * (index - start)) }
    }
    // Setting bit 5 lower-cases ASCII letters and leaves digits as they
    // are; the mask keeps the word's `end - start` bytes.
    return (word | 0x2020_2020_2020_2020) & (~0 >> UInt64(64 - 8 * (end - start)))
  }
}
