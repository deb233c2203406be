/// Small byte-level helpers that validators share: character classes,
/// token expansion around a match, and case-insensitive comparisons, so that
/// no step needs Foundation string APIs on its hot path.
public enum ByteText {
  @inline(__always) public static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  @inline(__always) public static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
  @inline(__always) public static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
  @inline(__always) public static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }
  @inline(__always) public static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
  @inline(__always) public static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
  @inline(__always) public static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
  @inline(__always) public static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }

  /// Grows `range` left and right while `belongs` holds.
  public static func expand(_ bytes: [UInt8], _ range: Range<Int>, _ belongs: (UInt8) -> Bool) -> Range<Int> {
    var start = range.lowerBound
    var end = range.upperBound
    while start > 0 && belongs(bytes[start - 1]) { start -= 1 }
    while end < bytes.count && belongs(bytes[end]) { end += 1 }
    return start..<end
  }

  /// Whether the bytes at `offset` equal `literal`, ignoring ASCII case.
  public static func matches(_ bytes: [UInt8], at offset: Int, _ literal: String) -> Bool {
    var position = offset
    for byte in literal.utf8 {
      guard position < bytes.count, lower(bytes[position]) == lower(byte) else { return false }
      position += 1
    }
    return true
  }

  /// Whether `needle` occurs (case-insensitively) in `bytes[window]`.
  public static func contains(_ bytes: [UInt8], _ window: Range<Int>, _ needle: String) -> Bool {
    let length = needle.utf8.count
    guard window.count >= length else { return false }
    var offset = window.lowerBound
    while offset + length <= window.upperBound {
      if matches(bytes, at: offset, needle) { return true }
      offset += 1
    }
    return false
  }

  /// A sorted list of lower-case words loaded from a resource file, with
  /// binary search: no hashing or allocation at start-up beyond the read.
  public struct WordList: Sendable {
    let words: [[UInt8]]

    public init(resource: String) {
      let bytes = ResourceFiles.bytes(resource) ?? []
      words = bytes.split(separator: 0x0A).map { Array($0) }.filter { !$0.isEmpty && $0.first != 0x23 }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    public init(_ list: [String]) {
      words = list.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    public var isEmpty: Bool { words.isEmpty }

    /// Whether the lower-cased `bytes[range]` is in the list.
    public func contains(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
      var low = 0
      var high = words.count
      while low < high {
        let middle = (low + high) / 2
        let order = compare(words[middle], bytes, range)
        if order == 0 { return true }
        if order < 0 { low = middle + 1 } else { high = middle }
      }
      return false
    }

    public func contains(_ word: String) -> Bool {
      let bytes = Array(word.utf8)
      return contains(bytes, 0..<bytes.count)
    }

    private func compare(_ word: [UInt8], _ bytes: [UInt8], _ range: Range<Int>) -> Int {
      var index = 0
      var position = range.lowerBound
      while index < word.count && position < range.upperBound {
        let a = word[index]
        let b = ByteText.lower(bytes[position])
        if a != b { return a < b ? -1 : 1 }
        index += 1
        position += 1
      }
      if index == word.count && position == range.upperBound { return 0 }
      return index == word.count ? -1 : 1
    }
  }
}
