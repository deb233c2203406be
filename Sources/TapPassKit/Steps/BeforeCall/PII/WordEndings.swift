/// A list of word endings (`WordLists.streetEndings`, `surnameEndings`,
/// the English derivations of `PersonNames`), looked up by the last byte
/// of the word: only the endings that share it are compared.
///
/// Why: the lists were walked whole for every word asked about (up to 39
/// endings, each a byte comparison), and the name and address rules ask
/// about most capitalised words of a field. Grouped by last byte, a word
/// meets one to five endings, most often none. Comparison ignores ASCII
/// case, as `PIIBytes.matches` does, so the answers are the lists' own.
///
/// The groups live as long as the process (each list is a `static let`),
/// behind plain pointers, so that a copy costs no reference counting.
struct WordEndings: @unchecked Sendable {
  /// The endings' bytes, one after another, grouped by their last byte.
  private let text: UnsafePointer<UInt8>
  /// Per ending, where it starts in `text` and how long it is.
  private let starts: UnsafePointer<Int32>
  private let lengths: UnsafePointer<Int32>
  /// Per byte value, the first ending of its group; the group ends where
  /// the next value's begins (257 entries).
  private let groups: UnsafePointer<Int32>

  /// `endings` are lower-case byte strings.
  init(_ endings: [[UInt8]]) {
    let sorted = endings.filter { !$0.isEmpty }.sorted { $0.last! < $1.last! }
    let text = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, sorted.reduce(0) { $0 + $1.count }))
    let starts = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, sorted.count))
    let lengths = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, sorted.count))
    let groups = UnsafeMutablePointer<Int32>.allocate(capacity: 257)
    var offset = 0
    for (index, ending) in sorted.enumerated() {
      starts[index] = Int32(offset)
      lengths[index] = Int32(ending.count)
      for byte in ending {
        text[offset] = byte
        offset += 1
      }
    }
    var index = 0
    for value in 0...256 {
      while index < sorted.count, Int(sorted[index].last!) < value { index += 1 }
      groups[value] = Int32(index)
    }
    self.text = UnsafePointer(text)
    self.starts = UnsafePointer(starts)
    self.lengths = UnsafePointer(lengths)
    self.groups = UnsafePointer(groups)
  }

  /// Whether `bytes[start..<end]` ends in one of the endings with at least
  /// three bytes before it.
  func ends(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard end - start >= 4 else { return false }
    let last = Int(PIIBytes.lower(bytes[end - 1]))
    for ending in Int(groups[last])..<Int(groups[last + 1]) {
      let length = Int(lengths[ending])
      if end - start >= length + 3, equal(bytes, end - length, ending, length) { return true }
    }
    return false
  }

  /// Whether `bytes[start..<end]` is one of the endings, as a whole word.
  func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard end > start else { return false }
    let last = Int(PIIBytes.lower(bytes[end - 1]))
    for ending in Int(groups[last])..<Int(groups[last + 1]) {
      let length = Int(lengths[ending])
      if end - start == length, equal(bytes, start, ending, length) { return true }
    }
    return false
  }

  @inline(__always) private func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int, _ ending: Int, _ length: Int) -> Bool {
    let from = text + Int(starts[ending])
    for offset in 0..<length where PIIBytes.lower(bytes[position + offset]) != from[offset] { return false }
    return true
  }
}
