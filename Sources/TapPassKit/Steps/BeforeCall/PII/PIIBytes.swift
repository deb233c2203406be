/// Byte-level character classes and small scanning helpers shared by the
/// detect_pii validators. Everything works on UTF-8 bytes of one field:
/// no Foundation strings and no allocation per byte on the hot path.
enum PIIBytes {
  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
  @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
  @inline(__always) static func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
  @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
  @inline(__always) static func isAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
  /// ASCII letters and digits, and any byte of a multibyte UTF-8 sequence
  /// (so that accented letters count as word characters).
  @inline(__always) static func isWord(_ byte: UInt8) -> Bool { isAlnum(byte) || byte >= 0x80 }
  @inline(__always) static func upper(_ byte: UInt8) -> UInt8 { isLower(byte) ? byte - 0x20 : byte }
  @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 0x20 : byte }
  @inline(__always) static func digitValue(_ byte: UInt8) -> Int { Int(byte &- 0x30) }

  /// Whether `bytes[start..<end]` is a whole word: no word byte touches it.
  static func isWholeWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    (start == 0 || !isWord(bytes[start - 1])) && (end >= bytes.count || !isWord(bytes[end]))
  }

  /// Whether the bytes at `position` equal `word` ignoring ASCII case.
  static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, _ word: [UInt8]) -> Bool {
    guard position >= 0, position + word.count <= bytes.count else { return false }
    for offset in 0..<word.count where lower(bytes[position + offset]) != word[offset] { return false }
    return true
  }

  /// The alphanumeric characters of `bytes[start..<end]`, upper-cased (the
  /// "compact" form national-id validators work on).
  static func compact(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(end - start)
    for index in start..<end where isAlnum(bytes[index]) { output.append(upper(bytes[index])) }
    return output
  }

  static func allDigits(_ value: ArraySlice<UInt8>) -> Bool { !value.isEmpty && value.allSatisfy(isDigit) }
  static func allDigits(_ value: [UInt8]) -> Bool { allDigits(value[...]) }

  /// The number formed by `value`'s digits (nil when any is not a digit).
  static func number(_ value: some Collection<UInt8>) -> Int? {
    var result = 0
    for byte in value {
      guard isDigit(byte) else { return nil }
      result = result * 10 + digitValue(byte)
    }
    return result
  }

  /// Whether `month`/`day` form a calendar date (year-independent, so 29
  /// February is accepted).
  static func isDate(month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }
}
