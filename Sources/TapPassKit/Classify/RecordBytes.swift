import Glibc

/// Byte-level reading of the record fields classification and routing look
/// at, for the per-record path of `tp-classify` and `tp-route`: keys are
/// compared as bytes and values are slices of the record, so no String is
/// built per record.
///
/// Text equality follows Swift's `String ==` (canonical equivalence), which
/// the policy tables used before they were compiled: equal bytes are equal,
/// and only text with non-ASCII bytes falls back to a String comparison.
enum ByteString {
  @inline(__always)
  static func isASCII(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.allSatisfy { $0 < 0x80 }
  }

  /// `String(decoding: a) == String(decoding: b)`, bytes first.
  static func equal(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    if a.elementsEqual(b) { return true }
    if isASCII(a) && isASCII(b) { return false }
    return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
  }

  @inline(__always)
  static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    if a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) { return true }
    if isASCII(a) && isASCII(b) { return false }
    return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
  }

  static func text(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// A string classification or routing reads from a record: a range of the
/// record's bytes, or of `TextStore.decoded` when the string had escapes.
/// Plain offsets, so reasons and findings that hold them cost no
/// reference counting.
struct TextRef: Sendable {
  var start: Int32
  var end: Int32
  var decoded: Bool

  var isEmpty: Bool { start == end }
}

/// Collects the decoded bytes of the escaped strings a record's TextRefs
/// point to (and of texts that come from outside the record).
struct TextStore {
  var decoded: [UInt8] = []

  mutating func ref(_ document: JSONDocument, _ node: Int) -> TextRef {
    let string = document.nodes[node]
    if string.count == 0 { return TextRef(start: string.start, end: string.end, decoded: false) }
    let start = decoded.count
    decoded.append(contentsOf: JSONString.unescape(document.bytes[Int(string.start)..<Int(string.end)]))
    return TextRef(start: Int32(start), end: Int32(decoded.count), decoded: true)
  }

  /// The string value of `node`, or nil when it is not a string.
  mutating func string(_ document: JSONDocument, _ node: Int) -> TextRef? {
    node >= 0 && document.nodes[node].kind == .string ? ref(document, node) : nil
  }

  mutating func ref(_ text: String) -> TextRef {
    let start = decoded.count
    decoded.append(contentsOf: text.utf8)
    return TextRef(start: Int32(start), end: Int32(decoded.count), decoded: true)
  }

  /// Runs `body` with the record's bytes and these readable.
  func withTexts<R>(_ record: [UInt8], _ body: (RecordTexts) -> R) -> R {
    record.withUnsafeBufferPointer { record in
      decoded.withUnsafeBufferPointer { decoded in body(RecordTexts(record: record, decoded: decoded)) }
    }
  }
}

/// The buffers TextRefs point into, while they can be read.
struct RecordTexts {
  let record: UnsafeBufferPointer<UInt8>
  let decoded: UnsafeBufferPointer<UInt8>

  @inline(__always)
  subscript(_ text: TextRef) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: (text.decoded ? decoded : record)[Int(text.start)..<Int(text.end)])
  }

  func string(_ text: TextRef) -> String { String(decoding: self[text], as: UTF8.self) }
}

/// A read-only table from byte strings to their index, built once at
/// start-up: a look-up hashes the bytes (FNV-1a) and compares them, with
/// no String or allocation. Keys that are equal as Strings share an index.
struct ByteKeyTable: Sendable {
  private(set) var keys: [[UInt8]] = []
  private var slots: [Int32] = [-1]
  private var mask = 0
  /// For look-ups of non-ASCII text that is canonically equal to a key
  /// with other bytes (never on the ASCII path).
  private var byString: [String: Int] = [:]
  private var hasNonASCII = false

  init(_ names: some Sequence<String>) {
    for name in names where byString[name] == nil {
      byString[name] = keys.count
      keys.append(Array(name.utf8))
      if !ByteString.isASCII(name.utf8) { hasNonASCII = true }
    }
    var size = 4
    while size < keys.count * 2 { size <<= 1 }
    mask = size - 1
    slots = [Int32](repeating: -1, count: size)
    for (index, key) in keys.enumerated() {
      var slot = key.withUnsafeBufferPointer(Self.hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index)
    }
  }

  var count: Int { keys.count }

  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }

  /// The index of `key`, or -1.
  func index(of key: UnsafeBufferPointer<UInt8>) -> Int {
    var slot = Self.hash(key) & mask
    while true {
      let candidate = Int(slots[slot])
      if candidate < 0 { break }
      let found = keys[candidate].withUnsafeBufferPointer {
        $0.count == key.count && (key.isEmpty || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0)
      }
      if found { return candidate }
      slot = (slot + 1) & mask
    }
    if !hasNonASCII && ByteString.isASCII(key) { return -1 }
    return byString[ByteString.text(key)] ?? -1
  }

  func index(of key: [UInt8]) -> Int {
    key.withUnsafeBufferPointer { index(of: $0) }
  }
}

extension JSONDocument {
  /// The decoded bytes of string node `index`: a slice of the record when
  /// the string has no escapes.
  @inline(__always)
  func stringSlice(_ index: Int) -> ArraySlice<UInt8> {
    let node = nodes[index]
    let raw = bytes[Int(node.start)..<Int(node.end)]
    return node.count == 0 ? raw : JSONString.unescape(raw)[...]
  }

  /// The decoded string of node `index`, or nil when it is not a string.
  @inline(__always)
  func stringValue(_ index: Int) -> ArraySlice<UInt8>? {
    nodes[index].kind == .string ? stringSlice(index) : nil
  }

  /// The decoded key of member `index` (a slice of the record when it has
  /// no escapes).
  @inline(__always)
  func keySlice(_ index: Int) -> ArraySlice<UInt8> {
    let node = nodes[index]
    guard node.keyStart >= 0 else { return [] }
    let raw = bytes[Int(node.keyStart)..<Int(node.keyEnd)]
    return node.keyHasEscapes ? JSONString.unescape(raw)[...] : raw
  }

  /// Calls `body` with each child of container `index` (none for other
  /// nodes), without the ChildSequence's copy of the node table.
  @inline(__always)
  func forEachChild(of index: Int, _ body: (Int) -> Void) {
    nodes.withUnsafeBufferPointer { nodes in
      let parent = nodes[index]
      guard parent.kind == .object || parent.kind == .array else { return }
      var child = index + 1
      let stop = Int(parent.next)
      while child < stop {
        body(child)
        let node = nodes[child]
        child = node.kind == .object || node.kind == .array ? Int(node.next) : child + 1
      }
    }
  }

  /// Which of `keys` is the key of member `index` (-1 for none): raw key
  /// bytes are compared in place, an escaped key is decoded first.
  @inline(__always)
  func keyIndex(_ index: Int, in keys: KeyList) -> Int {
    let node = nodes[index]
    guard node.keyStart >= 0 else { return -1 }
    if node.keyHasEscapes { return keys.index(of: keySlice(index)) }
    return bytes.withUnsafeBufferPointer { all in
      keys.index(of: UnsafeBufferPointer(rebasing: all[Int(node.keyStart)..<Int(node.keyEnd)]))
    }
  }

  /// For each of `keys` (at most 12), the first member of `object` with
  /// that key, as `member(_:of:)` finds it, in one pass over the members.
  func firstMembers(of object: Int, _ keys: KeyList) -> Members {
    var found = Members()
    guard nodes[object].kind == .object else { return found }
    var missing = keys.count
    nodes.withUnsafeBufferPointer { nodes in
      bytes.withUnsafeBufferPointer { all in
        var child = object + 1
        let stop = Int(nodes[object].next)
        while child < stop && missing > 0 {
          let node = nodes[child]
          let index = node.keyHasEscapes
            ? keys.index(of: keySlice(child))
            : keys.index(of: UnsafeBufferPointer(rebasing: all[Int(node.keyStart)..<Int(node.keyEnd)]))
          if index >= 0, found[index] < 0 {
            found[index] = child
            missing -= 1
          }
          child = node.kind == .object || node.kind == .array ? Int(node.next) : child + 1
        }
      }
    }
    return found
  }

  /// The single member of `object` with `key`, as `member(_:of:)`.
  @inline(__always)
  func member(_ key: [UInt8], of object: Int) -> Int? {
    guard nodes[object].kind == .object else { return nil }
    for child in children(of: object) where keySlice(child).elementsEqual(key) { return child }
    return nil
  }

  /// A whole number in [0, limit) written as plain digits is read without
  /// going through String and Double; anything else as `number(_:)` does.
  func wholeNumber(_ index: Int) -> Double? {
    let node = nodes[index]
    guard node.kind == .number else { return nil }
    let start = Int(node.start), end = Int(node.end)
    if end - start <= 15 {
      var value = 0
      var plain = true
      for position in start..<end {
        let byte = bytes[position]
        guard byte >= 0x30 && byte <= 0x39 else { plain = false; break }
        value = value * 10 + Int(byte - 0x30)
      }
      if plain { return Double(value) }
    }
    return number(index)
  }

  @inline(__always)
  static func isPathIdentifier(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
      || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D
  }
}

/// A short list of member names, matched by length (a bit mask rejects
/// most keys at once), then by their first eight bytes loaded as one word,
/// then by the rest. A record's top level has a dozen members; hashing
/// them would cost more.
struct KeyList: Sendable {
  private let storage: [UInt8]
  private let starts: [Int]
  private let heads: [UInt64]
  /// Bit n set when a name has n bytes (names of 64 bytes and more are
  /// compared the slow way).
  private let lengths: UInt64
  private let hasLong: Bool

  init(_ names: [String]) {
    var storage: [UInt8] = [], starts: [Int] = [0], lengths: UInt64 = 0, hasLong = false
    for name in names {
      storage += Array(name.utf8)
      starts.append(storage.count)
      if name.utf8.count < 64 { lengths |= 1 << name.utf8.count } else { hasLong = true }
    }
    self.storage = storage
    self.starts = starts
    self.lengths = lengths
    self.hasLong = hasLong
    heads = names.map { name in Array(name.utf8).withUnsafeBufferPointer(Self.head) }
  }

  var count: Int { starts.count - 1 }

  /// The first (up to) eight bytes as a little-endian word.
  @inline(__always)
  static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    if bytes.count >= 8 { return UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt64.self) }
    var head: UInt64 = 0
    for (index, byte) in bytes.enumerated() { head |= UInt64(byte) << (8 * index) }
    return head
  }

  @inline(__always)
  func index(of key: UnsafeBufferPointer<UInt8>) -> Int {
    if key.count < 64 {
      guard lengths & (1 << key.count) != 0 else { return -1 }
    } else if !hasLong {
      return -1
    }
    let head = Self.head(key)
    return storage.withUnsafeBufferPointer { storage in
      starts.withUnsafeBufferPointer { starts in
        heads.withUnsafeBufferPointer { heads in
          for index in 0..<heads.count where heads[index] == head && starts[index + 1] - starts[index] == key.count {
            if key.count <= 8 || memcmp(storage.baseAddress! + starts[index] + 8, key.baseAddress! + 8, key.count - 8) == 0 {
              return index
            }
          }
          return -1
        }
      }
    }
  }

  func index(of key: ArraySlice<UInt8>) -> Int {
    key.withUnsafeBufferPointer { index(of: $0) }
  }
}

/// Byte strings encoded at start-up, stored end to end in one buffer, so
/// that copying one into an output costs no reference counting.
struct ByteChunks: Sendable {
  private var storage: [UInt8] = []
  private var bounds: [Int] = [0]

  /// Adds `bytes` and returns its index.
  @discardableResult
  mutating func add(_ bytes: [UInt8]) -> Int {
    storage += bytes
    bounds.append(storage.count)
    return bounds.count - 2
  }

  var count: Int { bounds.count - 1 }

  func withReader<R>(_ body: (Reader) -> R) -> R {
    storage.withUnsafeBufferPointer { storage in bounds.withUnsafeBufferPointer { body(Reader(storage: storage, bounds: $0)) } }
  }

  struct Reader {
    let storage: UnsafeBufferPointer<UInt8>
    let bounds: UnsafeBufferPointer<Int>

    @inline(__always)
    func append(_ index: Int, to out: inout ByteWriter) {
      out.append(UnsafeBufferPointer(rebasing: storage[bounds[index]..<bounds[index + 1]]))
    }
  }
}

/// Member node indices by key position (-1: absent), held inline.
struct Members {
  private var storage: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)

  subscript(_ index: Int) -> Int {
    get {
      precondition(index >= 0 && index < 12)
      return withUnsafeBytes(of: storage) { $0.load(fromByteOffset: index * MemoryLayout<Int>.stride, as: Int.self) }
    }
    set {
      precondition(index >= 0 && index < 12)
      withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: newValue, toByteOffset: index * MemoryLayout<Int>.stride, as: Int.self) }
    }
  }
}

/// The sections a classifying or routing tool reads from a record, found
/// in one pass over its top level and its `tappass` object.
struct RecordSections {
  static let rootKeys = KeyList(["tappass", "org_id", "agent_id", "trust_tier", "data_categories", "metadata"])
  static let tappassKeys = KeyList(["error", "findings", "classification"])

  var tappass = -1
  var org = -1, agent = -1, trustTier = -1, categories = -1, metadata = -1
  var error = -1, findings = -1, classification = -1

  init(_ document: JSONDocument) {
    let root = document.firstMembers(of: 0, Self.rootKeys)
    (tappass, org, agent, trustTier, categories, metadata) = (root[0], root[1], root[2], root[3], root[4], root[5])
    guard tappass >= 0 else { return }
    let sections = document.firstMembers(of: tappass, Self.tappassKeys)
    (error, findings, classification) = (sections[0], sections[1], sections[2])
  }

  /// An error record from an earlier tool (`RecordClassifier.isErrorRecord`).
  var isError: Bool { error >= 0 }

  /// `tappass.classification.level`, as `Classification.level(in:)` reads it.
  func level(in document: JSONDocument) -> ClassificationLevel? {
    guard classification >= 0, let node = document.member(Self.levelKey, of: classification),
      let name = document.stringValue(node)
    else { return nil }
    return ClassificationLevel.allCases.first { ByteString.equal($0.nameBytes, name) }
  }

  static let levelKey = Array("level".utf8)
}

extension ClassificationLevel {
  static let names: [[UInt8]] = allCases.map { Array($0.name.utf8) }
  var nameBytes: [UInt8] { Self.names[rawValue] }

}

/// Buffers the per-record path of tp-classify and tp-route reuses from one
/// record to the next instead of allocating them each time: one set per
/// thread, so records may be handled on several threads at once. A buffer
/// is taken out (swapped with an empty one) while in use and put back
/// cleared; a nested user finds it empty and allocates its own, and one
/// kept past the record is copied on the next write, so reuse can only
/// save allocations, never share bytes.
final class RecordScratch {
  var text: [UInt8] = []
  var nodes: [Int] = []
  var starts: [Int] = []
  var fields: [RequestFields.Field] = []
  var hits: [CompiledPolicy.Hit] = []
  var found: [CompiledPolicy.Hit] = []
  var hitFields: [Int] = []
  var order: [Int] = []
  var reasons: [CompiledPolicy.Reason] = []
  var findings: [CompiledPolicy.Finding] = []
  var decoded: [UInt8] = []
  /// The memory of this thread's `ByteWriter`.
  var writerBase = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
  var writerCapacity = 4096
  /// Whether a `ByteWriter.write` is running on this memory.
  var writerBusy = false

  deinit { writerBase.deallocate() }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in
      if let pointer { Unmanaged<RecordScratch>.fromOpaque(pointer).release() }
    }
    return key
  }()

  /// This thread's buffers.
  static var current: RecordScratch {
    if let pointer = pthread_getspecific(key) { return Unmanaged<RecordScratch>.fromOpaque(pointer).takeUnretainedValue() }
    let scratch = RecordScratch()
    pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
    return scratch
  }

  /// Takes a buffer out (leaving an empty one), cleared; assign it back
  /// when done.
  @inline(__always)
  static func take<T>(_ buffer: inout [T]) -> [T] {
    var taken: [T] = []
    swap(&taken, &buffer)
    taken.removeAll(keepingCapacity: true)
    return taken
  }
}
