/// Context flooding: one short unit (`) ] } `, `ö `, `artisanlib`)
/// repeated dozens of times, to push the model's instructions out of its
/// attention or to make it derail before the attacker's request. No n-gram
/// names it (the unit is arbitrary), so, like `AdversarialSuffix`, this is a
/// byte-level feature:
///
/// - a run of at least `repeats` copies of a unit of 1 to `maxPeriod`
///   bytes, at least `minRun` bytes long;
/// - the unit is not a separator (`-----`, `=====`, `| --- |`, digits,
///   spaces): it holds two distinct bytes outside those;
/// - not an upper-case placeholder (`XXXX`, `EXAMPLEEXAMPLE`), not one
///   character repeated without spaces (`═════`, box drawing), and not a
///   value that data repeats (`null, null, …`, a column of `NaN`).
///
/// Cost: a window of `probe` bytes is tested every `stride` bytes, and a
/// test stops at the first byte that breaks each period (at once, in
/// prose), so a kilobyte costs a few hundred comparisons. A run of
/// `probe + stride` bytes always contains a tested window.
enum RepetitionFlood {
  static let score = 0.6
  static let maxPeriod = 12
  static let repeats = 32
  static let minRun = 96
  /// Bytes tested at each probe, and the distance between probes.
  static let probe = 64, stride = 64

  /// The byte range of the first qualifying run, or nil.
  static func find(_ bytes: [UInt8]) -> Range<Int>? {
    guard bytes.count >= minRun + stride else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> Range<Int>? in
      var at = 0
      while at + probe + maxPeriod <= buffer.count {
        var next = at + stride
        // The smallest period of the window decides: a window of one
        // repeated byte has every period, and its unit never qualifies.
        if let period = (1...maxPeriod).first(where: { periodic(buffer, at, $0) }) {
          let run = extend(buffer, at, period)
          if run.count >= max(minRun, repeats * period), qualifies(buffer[run.lowerBound..<run.lowerBound + period]) {
            return trimmed(buffer, run)
          }
          // Skip the rest of a run that does not qualify (each byte of a
          // long separator line is extended over once, not once a stride).
          next = max(next, run.upperBound - probe)
        }
        at = next
      }
      return nil
    }
  }

  /// Whether `probe` bytes from `at` repeat with `period`.
  private static func periodic(_ buffer: UnsafeBufferPointer<UInt8>, _ at: Int, _ period: Int) -> Bool {
    var i = at
    while i < at + probe {
      if buffer[i] != buffer[i + period] { return false }
      i += 1
    }
    return true
  }

  /// The whole run around a periodic window.
  private static func extend(_ buffer: UnsafeBufferPointer<UInt8>, _ at: Int, _ period: Int) -> Range<Int> {
    var start = at
    while start > 0 && buffer[start - 1] == buffer[start - 1 + period] { start -= 1 }
    var end = at + probe + period
    while end < buffer.count && buffer[end] == buffer[end - period] { end += 1 }
    return start..<end
  }

  /// The run without the spaces at its ends.
  private static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Range<Int> {
    var (start, end) = (run.lowerBound, run.upperBound)
    while start < end && (buffer[start] == 0x20 || buffer[start] == 0x09) { start += 1 }
    while end > start && (buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09) { end -= 1 }
    return start..<end
  }

  private static func qualifies(_ unit: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    var first: UInt8? = nil
    var distinct = false
    var lowerOrOther = false
    var spaced = false
    var characters = 0
    for byte in unit {
      if byte == 0x20 || byte == 0x09 { spaced = true }
      if byte & 0xC0 != 0x80 { characters += 1 }
      if byte < 0x41 || byte > 0x5A { if !separators[Int(byte)] { lowerOrOther = true } }
      guard !separators[Int(byte)] else { continue }
      if let first, first != byte { distinct = true }
      if first == nil { first = byte }
    }
    return distinct && lowerOrOther && (spaced || characters >= 2) && !isDataLiteral(unit)
  }

  /// Values that data repeats on its own: `[null, null, …]` in a tool
  /// result, a column of `NaN`, `true,true,…`: every word of the unit is
  /// such a value. The unit is read in every rotation (a run can start
  /// inside a word), letters lower-cased, separators between words.
  static func isDataLiteral(_ unit: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    let bytes = Array(unit)
    rotations: for rotation in bytes.indices {
      var word: [UInt8] = []
      var words = 0
      for offset in 0...bytes.count {
        let byte = offset < bytes.count ? bytes[(rotation + offset) % bytes.count] : 0x20
        if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
          word.append(byte | 0x20)
        } else if separators[Int(byte)] {
          if !word.isEmpty {
            guard dataLiterals.contains(word) else { continue rotations }
            words += 1
            word.removeAll(keepingCapacity: true)
          }
        } else {
          continue rotations
        }
      }
      if words > 0 { return true }
    }
    return false
  }

  static let dataLiterals: Set<[UInt8]> = Set(
    ["null", "none", "nil", "true", "false", "nan", "na", "undefined", "inf", "infinity", "yes", "no", "ok", "empty", "void", "unknown", "tbd", "todo"]
      .map { Array($0.utf8) })

  /// Spaces, digits and the punctuation that rules, tables and numbers
  /// repeat.
  private static let separators: [Bool] = (0..<256).map { byte in
    " \t\r\n0123456789-=_*.#~|+,:;/\\'\"`".utf8.contains(UInt8(byte))
  }
}
