/// The partition key that keeps a session's records on one worker: a hash
/// of the record's top-level `session_id` string, found by skimming the raw
/// line (strings skipped, nesting counted) before it is parsed.
///
/// Why: steps with per-session state (insider threat's running total, tool
/// pins) must see a session's records in order and in one engine. The key
/// must equal what the parser will read, so escapes are decoded before
/// hashing and a `session_id` inside a nested object is not taken for it.
public enum SessionAffinity {
  static let key = Array("session_id".utf8)

  public static func key(_ line: [UInt8]) -> UInt64? {
    line.withUnsafeBufferPointer { key($0) }
  }

  /// The partition a parallel run takes: by session when some step keeps
  /// per-session state, else none (records spread evenly, and no line is
  /// searched for its session).
  public static func partition(keepingSessions: Bool) -> (([UInt8]) -> UInt64?)? {
    guard keepingSessions else { return nil }
    return { line in key(line) }
  }

  static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
    // The key runs on the reading thread, before the workers share the
    // batch out, and most lines of some streams have no session: walking
    // those byte by byte to their end took a sixth of a two-worker
    // tp-classify (glibc's memmem, a tenth). A `session_id` key is spelled
    // out or escaped with `\u` (no short escape stands for its letters),
    // so a line with neither has none.
    guard mayHoldKey(bytes) else { return nil }
    var depth = 0
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      switch byte {
      case 0x7B, 0x5B:  // { [
        depth += 1
        index += 1
      case 0x7D, 0x5D:  // } ]
        depth -= 1
        index += 1
      case 0x22:  // a string: a key when followed by ':'
        guard let close = stringEnd(bytes, from: index) else { return nil }
        if depth == 1, isKey(bytes, close), matches(bytes, index + 1, close) {
          var value = close + 1
          while value < count, bytes[value] != 0x22 {
            guard isSpace(bytes[value]) || bytes[value] == 0x3A else { return nil }
            value += 1
          }
          guard value < count, let valueEnd = stringEnd(bytes, from: value) else { return nil }
          return hash(bytes, value + 1, valueEnd)
        }
        index = close + 1
      default:
        index += 1
      }
    }
    return nil
  }

  /// Whether `bytes` holds `session_id` or `\u`, eight byte pairs at a
  /// time (SWAR): a word is looked at closely only when it holds `_i` or
  /// `\u`, a few times a line (`_` and `\` alone are dozens).
  static func mayHoldKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return false }
    var position = 0
    while position + 9 <= count {
      // Lane k of `first` is byte position+k, of `second` the byte after.
      let first = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
      let second = base.loadUnaligned(fromByteOffset: position + 1, as: UInt64.self)
      let pairs = (zeroLanes(first ^ 0x5F5F_5F5F_5F5F_5F5F) & zeroLanes(second ^ 0x6969_6969_6969_6969))
        | (zeroLanes(first ^ 0x5C5C_5C5C_5C5C_5C5C) & zeroLanes(second ^ 0x7575_7575_7575_7575))
      if pairs != 0 {
        for offset in 0..<8 where isKeyMark(bytes, position + offset) { return true }
      }
      position += 8
    }
    while position < count {
      if isKeyMark(bytes, position) { return true }
      position += 1
    }
    return false
  }

  /// The high bit of every zero byte of `word`. A borrow can also set it
  /// in a byte above a zero one, never clear it in a zero one: a pair is
  /// never missed, and a false lane is ruled out by `isKeyMark`.
  @inline(__always)
  static func zeroLanes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
  }

  /// Whether the `_` of `session_id`, or a `\u`, is at `index`.
  @inline(__always)
  static func isKeyMark(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    switch bytes[index] {
    case 0x5C: return index + 1 < bytes.count && bytes[index + 1] == 0x75
    case 0x5F:
      guard index >= 7, index + 3 <= bytes.count else { return false }
      for offset in 0..<key.count where bytes[index - 7 + offset] != key[offset] { return false }
      return true
    default: return false
    }
  }

  /// The index of the quote closing the string opened at `open`.
  static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from open: Int) -> Int? {
    var index = open + 1
    while index < bytes.count {
      switch bytes[index] {
      case 0x5C: index += 2
      case 0x22: return index
      default: index += 1
      }
    }
    return nil
  }

  static func isKey(_ bytes: UnsafeBufferPointer<UInt8>, _ close: Int) -> Bool {
    var index = close + 1
    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    return index < bytes.count && bytes[index] == 0x3A
  }

  static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
    if raw.contains(0x5C) { return JSONString.unescape(raw) == key }
    guard end - start == key.count else { return false }
    for offset in 0..<key.count where bytes[start + offset] != key[offset] { return false }
    return true
  }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

  /// FNV-1a of the decoded string (raw bytes when there is no escape).
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    func add(_ value: some Sequence<UInt8>) {
      for byte in value { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
    }
    // Copied and decoded only when escaped: the usual id is hashed in place.
    if raw.contains(0x5C) { add(JSONString.unescape(raw)) } else { add(raw) }
    return hash
  }
}
