import Glibc

/// Lookups in the first- and last-name frequency lists
/// (`Resources/data/names/*.tsv`, `NAME\tfreq` per line: the US Census
/// lists, and for first names Faker's as well; names/SOURCE.md).
///
/// Why a lazily built hash table: the lists hold ~103,000 names and most
/// runs never need them (no capitalised word, or a one-record pre-commit
/// scan), so nothing is read at start-up. On first use each list becomes a
/// flat open-addressing table of 64-bit word hashes (the same
/// `WordLists.hash` the tokenizer computes for every token): a 32-bit key
/// and a 16-bit frequency per 64-bit slot, at most three quarters full. A
/// lookup is then one or two probes with no allocation and no byte
/// comparison. `static let` makes the load lazy and thread-safe.
///
/// Why the surname table ships prebuilt (`names/last.slots`): hashing and
/// placing ~89,000 names costs about 4 ms, more than a 16 MB scan spends
/// judging its capitalised words, while reading the finished table takes
/// about 0.5 ms. The image records the size of the list it was built from
/// and is ignored (the table built from the list instead) when that no
/// longer matches; `NameListImageTests` rebuilds it and fails when it is
/// stale (RECORD_SNAPSHOTS=1 rewrites it). The first-name list is small
/// and is built, with its short names packed (`PackedWords`).
///
/// The table lives as long as the process, behind plain pointers, so that
/// reading a list through the lazy global copies no reference-counted
/// storage.
struct NameList: @unchecked Sendable {
  /// Per slot the key in the low 32 bits and the frequency above it, so
  /// that a probe touches one cache line.
  private let slots: UnsafePointer<UInt64>
  private let mask: Int
  /// One bit per eight slots, set for the keys in the table (`filterBit`):
  /// a word in neither list, most capitalised words, is ruled out by a
  /// table that stays in cache (128 KB for the surnames) instead of a
  /// probe of the 1 MB slots.
  private let filter: UnsafePointer<UInt64>
  private let filterShift: UInt32
  /// The names of at most eight letters, packed (`PackedWords`), when asked
  /// for: a capitalised word is looked up there without hashing it.
  let short: PackedWords?

  private init(resource: String, image: String? = nil, packShort: Bool = false) {
    if let image, let (slots, capacity) = Self.readImage(image, of: resource) {
      self.slots = UnsafePointer(slots)
      mask = capacity - 1
      short = nil
      (filter, filterShift) = Self.filter(slots, capacity)
      return
    }
    let (slots, capacity, packed) = Self.withBytes(of: resource) { Self.build($0, packShort: packShort) }
    self.slots = UnsafePointer(slots)
    mask = capacity - 1
    short = packShort ? PackedWords(packed: packed) : nil
    (filter, filterShift) = Self.filter(slots, capacity)
  }

  /// The filter of a table of `capacity` slots (a power of two): `capacity
  /// * 8` bits, and the shift that `filterBit` takes its bit number with.
  private static func filter(_ slots: UnsafePointer<UInt64>, _ capacity: Int) -> (UnsafePointer<UInt64>, UInt32) {
    let bits = capacity * 8
    let filter = UnsafeMutablePointer<UInt64>.allocate(capacity: bits / 64)
    filter.initialize(repeating: 0, count: bits / 64)
    let shift = UInt32(32 - bits.trailingZeroBitCount)
    for slot in 0..<capacity where slots[slot] != 0 {
      let bit = filterBit(UInt32(truncatingIfNeeded: slots[slot]), shift)
      filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    return (UnsafePointer(filter), shift)
  }

  /// The filter bit of a key: its top bits after a multiplicative mix, so
  /// that it does not follow the slot (the key's low bits).
  @inline(__always) private static func filterBit(_ key: UInt32, _ shift: UInt32) -> Int {
    Int((key &* 0x9E37_79B1) >> shift)
  }

  static let first = NameList(resource: "names/first.tsv", packShort: true)
  static let last = NameList(resource: "names/last.tsv", image: "names/last.slots")

  /// The table of a list: its slots, their number, and the names of up to
  /// eight bytes packed when `packShort`.
  private static func build(_ bytes: UnsafeBufferPointer<UInt8>, packShort: Bool) -> (UnsafeMutablePointer<UInt64>, Int, [UInt64]) {
    var capacity = 16
    while capacity * 3 < (lines(bytes) + 1) * 4 { capacity <<= 1 }
    let slots = allocate(capacity)
    let mask = capacity - 1
    var packed: [UInt64] = []
    // Entries are inserted 32 at a time: first each home slot is read, so
    // that the cache misses of a batch overlap, then each entry is put in
    // its slot (in file order: a name listed twice keeps the last
    // frequency).
    var batch = [UInt64](repeating: 0, count: 32)
    var home = [UInt64](repeating: 0, count: 32)
    var filled = 0
    func insert() {
      for index in 0..<filled { home[index] = slots[Int(truncatingIfNeeded: batch[index]) & mask] }
      for index in 0..<filled {
        let entry = batch[index]
        let key = UInt32(truncatingIfNeeded: entry)
        var slot = Int(key) & mask
        // (The home slot, read above, may have been taken since.)
        if home[index] != 0 || slots[slot] != 0 {
          while slots[slot] != 0 && UInt32(truncatingIfNeeded: slots[slot]) != key { slot = (slot + 1) & mask }
        }
        slots[slot] = entry
      }
      filled = 0
    }
    var position = 0
    let count = bytes.count
    while position < count {
      // NAME, tab, frequency, newline; the name is hashed as it is read.
      var hash = WordLists.hashSeed
      let start = position
      while position < count {
        let byte = bytes[position]
        if byte == 0x09 || byte == 0x0A { break }
        hash = WordLists.hash(hash, byte)
        position += 1
      }
      let end = position
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
      guard end > start else { continue }
      batch[filled] = UInt64(key(hash)) | UInt64(min(max(frequency, 1), 65535)) << 32
      filled += 1
      if filled == batch.count { insert() }
      if packShort, end - start <= 8 {
        var word: UInt64 = 0
        for index in start..<end { word |= UInt64(PIIBytes.lower(bytes[index])) << (8 * (index - start)) }
        packed.append(word)
      }
    }
    insert()
    return (slots, capacity, packed)
  }

  /// Zeroed slots for the life of the process, their pages mapped at once
  /// (one system call instead of a page fault per 4 KB); nil when mapping
  /// fails.
  private static func mapped(_ capacity: Int) -> UnsafeMutablePointer<UInt64>? {
    guard let pages = mmap(nil, capacity * 8, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0),
      pages != MAP_FAILED
    else { return nil }
    return pages.bindMemory(to: UInt64.self, capacity: capacity)
  }

  private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt64> {
    if let slots = mapped(capacity) { return slots }
    let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    return slots
  }

  /// The image file of a list: `TPNAMES1`, the size of the list it was
  /// built from, the number of slots, then the slots, all little-endian.
  static func image(ofList bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let (slots, capacity, _) = build(bytes, packShort: false)
    var image = Array("TPNAMES1".utf8)
    for value in [UInt64(bytes.count), UInt64(capacity)] + UnsafeBufferPointer(start: slots, count: capacity) {
      withUnsafeBytes(of: value.littleEndian) { image += $0 }
    }
    return image
  }

  /// The slots of `image` when it exists, was built from `list` as it is
  /// now, and is whole; nil otherwise.
  private static func readImage(_ image: String, of list: String) -> (UnsafeMutablePointer<UInt64>, Int)? {
    guard 1.littleEndian == 1, let directory = ResourceFiles.directory else { return nil }
    var listStatus = stat()
    guard stat(directory + "/" + list, &listStatus) == 0 else { return nil }
    let fd = open(directory + "/" + image, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var header = [UInt64](repeating: 0, count: 3)
    guard readAll(fd, header.withUnsafeMutableBytes { $0.baseAddress! }, 24),
      header[0] == UInt64(littleEndian: Array("TPNAMES1".utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }),
      header[1] == UInt64(listStatus.st_size), header[2] >= 16, header[2] <= 1 << 24, header[2] & (header[2] - 1) == 0
    else { return nil }
    let capacity = Int(header[2])
    var imageStatus = stat()
    guard fstat(fd, &imageStatus) == 0, Int(imageStatus.st_size) == 24 + capacity * 8 else { return nil }
    guard let slots = mapped(capacity) else { return nil }
    guard readAll(fd, UnsafeMutableRawPointer(slots), capacity * 8) else {
      munmap(slots, capacity * 8)
      return nil
    }
    return (slots, capacity)
  }

  /// Reads exactly `count` bytes.
  private static func readAll(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Bool {
    var filled = 0
    while filled < count {
      let read = Glibc.read(fd, buffer + filled, count - filled)
      if read < 0 && errno == EINTR { continue }
      guard read > 0 else { return false }
      filled += read
    }
    return true
  }

  /// The number of newlines, eight bytes at a time (a byte of `word ^
  /// 0x0A…` is zero exactly at a newline).
  private static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var lines = 0
    var index = 0
    while index + 8 <= bytes.count {
      let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) ^ 0x0A0A_0A0A_0A0A_0A0A
      let nonZero = (((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word) & 0x8080_8080_8080_8080
      lines += 8 - nonZero.nonzeroBitCount
      index += 8
    }
    while index < bytes.count {
      if bytes[index] == 0x0A { lines += 1 }
      index += 1
    }
    return lines
  }

  /// Calls `body` with the bytes of a data file (none when it is missing),
  /// read at once into a buffer of the file's size (`ResourceFiles.bytes`
  /// reads in chunks into a growing array).
  private static func withBytes<Result>(of resource: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    guard let directory = ResourceFiles.directory else { return body(none) }
    let fd = open(directory + "/" + resource, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return body(none) }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0, status.st_size > 0 else { return body(none) }
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(status.st_size))
    defer { buffer.deallocate() }
    var filled = 0
    while filled < Int(status.st_size) {
      let count = read(fd, buffer + filled, Int(status.st_size) - filled)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    return body(UnsafeBufferPointer(start: buffer, count: filled))
  }

  /// The stored key: the hash folded to 32 bits (a false match needs a
  /// 32-bit collision among ~90,000 names), with 0 marking an empty slot.
  @inline(__always) private static func key(_ hash: UInt64) -> UInt32 {
    let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    return folded == 0 ? 1 : folded
  }

  /// Frequency per million of the name whose `WordLists.hash` is `hash`,
  /// or 0 when absent.
  @inline(__always) func frequency(hash: UInt64) -> Int {
    let key = Self.key(hash)
    let bit = Self.filterBit(key, filterShift)
    guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return 0 }
    var slot = Int(truncatingIfNeeded: key) & mask
    while true {
      let stored = slots[slot]
      if UInt32(truncatingIfNeeded: stored) == key { return Int(stored >> 32) }
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
