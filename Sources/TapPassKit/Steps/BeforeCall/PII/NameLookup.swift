/// Lookups in the US Census first- and last-name frequency lists
/// (`Resources/data/names/*.tsv`, sorted bytewise, `NAME\tfreq`).
///
/// Why binary search over the file bytes: the lists hold ~94,000 names and
/// most runs never need them (no capitalised word, or a one-record
/// pre-commit scan). Each list is read on first use only, and the one-time
/// work is a single pass recording line starts; a lookup is then ~17
/// comparisons with no allocation. `static let` makes the load lazy and
/// thread-safe.
struct NameList: Sendable {
  private let bytes: [UInt8]
  private let lines: [Int32]

  init(resource: String) {
    let bytes = ResourceFiles.bytes(resource) ?? []
    var lines: [Int32] = []
    lines.reserveCapacity(bytes.count / 8)
    var start = 0
    for index in 0..<bytes.count where bytes[index] == 0x0A {
      if index > start { lines.append(Int32(start)) }
      start = index + 1
    }
    if start < bytes.count { lines.append(Int32(start)) }
    self.bytes = bytes
    self.lines = lines
  }

  static let first = NameList(resource: "names/first.tsv")
  static let last = NameList(resource: "names/last.tsv")

  var isEmpty: Bool { lines.isEmpty }

  /// Frequency per million of the name spelled by `field[start..<end]`
  /// (ASCII letters compared upper-cased), or 0 when absent. Names with
  /// non-ASCII letters are never in the Census lists.
  func frequency(_ field: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    guard end > start, end - start <= 24 else { return 0 }
    var low = 0
    var high = lines.count - 1
    while low <= high {
      let middle = (low + high) >> 1
      let order = compare(line: Int(lines[middle]), field, start, end)
      if order == 0 { return frequency(at: Int(lines[middle]) + (end - start) + 1) }
      if order < 0 { low = middle + 1 } else { high = middle - 1 }
    }
    return 0
  }

  /// Compares the line's name with the upper-cased key: <0, 0, >0.
  private func compare(line: Int, _ key: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    var position = line
    var index = start
    while true {
      let lineByte: UInt8 = position < bytes.count && bytes[position] != 0x09 ? bytes[position] : 0
      let keyByte: UInt8 = index < end ? PIIBytes.upper(key[index]) : 0
      if lineByte != keyByte { return Int(lineByte) - Int(keyByte) }
      if lineByte == 0 { return 0 }
      position += 1
      index += 1
    }
  }

  private func frequency(at position: Int) -> Int {
    var value = 0
    var index = position
    while index < bytes.count, PIIBytes.isDigit(bytes[index]) {
      value = value * 10 + PIIBytes.digitValue(bytes[index])
      index += 1
    }
    return max(value, 1)
  }
}
