/// Which 32-bit token hashes have been seen, for the first occurrence of
/// each word in an explanation: open addressing in a table sized to the
/// tokens. A Set<UInt32> seeded and SipHashed each of them, about a third
/// of an explanation's cost on a long field; the FNV hashes need no mixing
/// beyond one multiply.
struct SeenHashes {
  private var slots: [UInt32]
  private let mask: Int
  /// 0 marks an empty slot, so the hash 0 is kept apart.
  private var sawZero = false

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [UInt32](repeating: 0, count: size)
    mask = size - 1
  }

  /// Whether `hash` is new; it is seen from then on.
  mutating func insert(_ hash: UInt32) -> Bool {
    guard hash != 0 else {
      defer { sawZero = true }
      return !sawZero
    }
    var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B1) >> 8) & mask
    while slots[slot] != 0 {
      if slots[slot] == hash { return false }
      slot = (slot + 1) & mask
    }
    slots[slot] = hash
    return true
  }
}
