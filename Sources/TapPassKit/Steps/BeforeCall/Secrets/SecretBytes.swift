/// Byte-level helpers shared by the secret rules. Everything here works on
/// UTF-8 bytes of one field: no `String`, no Foundation, no allocation, so
/// a rule can look around a match at memory speed.
enum SecretBytes {
  /// A set of byte values, as a 256-entry table (one load per test).
  struct Set: Sendable {
    private let table: [Bool]

    /// `spec` lists single characters and `a-z` style ranges.
    init(_ spec: String) {
      var table = [Bool](repeating: false, count: 256)
      let bytes = Array(spec.utf8)
      var index = 0
      while index < bytes.count {
        if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
          for byte in bytes[index]...bytes[index + 2] { table[Int(byte)] = true }
          index += 3
        } else {
          table[Int(bytes[index])] = true
          index += 1
        }
      }
      self.table = table
    }

    /// The bytes for which `predicate` holds.
    init(_ predicate: (UInt8) -> Bool) {
      table = (0..<256).map { predicate(UInt8($0)) }
    }

    @inline(__always) func contains(_ byte: UInt8) -> Bool { table[Int(byte)] }
  }

  static let alphanumeric = Set("A-Za-z0-9")
  /// Characters of an identifier-like key name (`aws_secret_access_key`,
  /// `db.password`, `X-Api-Key`).
  static let keyName = Set("A-Za-z0-9_.-")
  /// Characters a token value may hold: base64, base64url and the
  /// separators vendors put inside tokens.
  static let token = Set("A-Za-z0-9_+/=.~-")
  static let base64url = Set("A-Za-z0-9_-")
  static let hex = Set("0-9a-fA-F")

  @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09
  }

  @inline(__always) static func isQuote(_ byte: UInt8) -> Bool {
    byte == 0x22 || byte == 0x27 || byte == 0x60
  }

  /// Whether `bytes[range]` contains `needle` (ASCII, lower-case needle),
  /// ignoring ASCII case. Needles are short words; a naive scan is fastest.
  static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, range.count >= needle.count else { return false }
    var position = range.lowerBound
    let last = range.upperBound - needle.count
    outer: while position <= last {
      for offset in 0..<needle.count where lower(bytes[position + offset]) != needle[offset] {
        position += 1
        continue outer
      }
      return true
    }
    return false
  }

  /// Whether `bytes[range]` starts with `prefix` (ASCII, lower-case), ignoring case.
  static func hasPrefix(_ bytes: [UInt8], _ range: Range<Int>, _ prefix: [UInt8]) -> Bool {
    guard range.count >= prefix.count else { return false }
    for offset in 0..<prefix.count where lower(bytes[range.lowerBound + offset]) != prefix[offset] { return false }
    return true
  }

  /// End of the run of `set` bytes starting at `start`, stopping at `limit`.
  static func runEnd(_ bytes: [UInt8], from start: Int, in set: Set, limit: Int) -> Int {
    var end = start
    let stop = min(limit, bytes.count)
    while end < stop && set.contains(bytes[end]) { end += 1 }
    return end
  }

  /// First index of `needle` (exact bytes) in `bytes[from..<limit]`.
  static func find(_ bytes: [UInt8], _ needle: [UInt8], from: Int, limit: Int) -> Int? {
    guard limit - from >= needle.count else { return nil }
    var position = from
    outer: while position <= limit - needle.count {
      for offset in 0..<needle.count where bytes[position + offset] != needle[offset] {
        position += 1
        continue outer
      }
      return position
    }
    return nil
  }
}
