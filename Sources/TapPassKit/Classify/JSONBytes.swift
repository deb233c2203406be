/// Appending JSON pieces straight into a byte buffer, for the
/// classification and route sections written on every record: static keys
/// are copied as they are, numbers are formatted without going through
/// `String`.
///
/// `JSONWriter` tracks commas for callers that build arbitrary documents;
/// these sections have a fixed shape, so they write their own commas and
/// save that bookkeeping on the hot path.
enum JSONBytes {
  @inline(__always)
  static func raw<Sink: ByteSink>(_ literal: StaticString, to out: inout Sink) {
    out.append(bytes: UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  @inline(__always)
  static func string(_ value: String, to out: inout [UInt8]) {
    JSONString.appendQuoted(value.utf8, to: &out)
  }

  static func int<Sink: ByteSink>(_ value: Int, to out: inout Sink) {
    if value < 0 { out.append(0x2D) }
    unsigned(value.magnitude, to: &out)
  }

  static func unsigned<Sink: ByteSink>(_ value: UInt, to out: inout Sink) {
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[19 - count] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
        rest /= 10
        count += 1
      } while rest > 0
      out.append(bytes: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
    }
  }

  /// A number with at most `digits` fractional digits, no exponent,
  /// trailing zeros trimmed: 0.00561, 0.07, 12. Exact for prices and
  /// scores (`String(Double)` would write 1e-05).
  static func fixed<Sink: ByteSink>(_ value: Double, digits: Int, to out: inout Sink) {
    guard value.isFinite else { out.append(0x30); return }
    var scale: UInt = 1
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value.magnitude * Double(scale)).rounded()
    guard scaled < 9e15 else { int(Int(value.rounded()), to: &out); return }
    let units = UInt(scaled)
    if value < 0 && units > 0 { out.append(0x2D) }
    unsigned(units / scale, to: &out)
    var fraction = units % scale
    guard fraction > 0 else { return }
    out.append(0x2E)
    var width = digits
    while fraction % 10 == 0 { fraction /= 10; width -= 1 }
    var padding = scale / 10
    for _ in 0..<(digits - width) { padding /= 10 }
    while padding > fraction && padding > 1 { out.append(0x30); padding /= 10 }
    unsigned(fraction, to: &out)
  }

  /// `fixed` as a String, for explanations.
  static func fixedText(_ value: Double, digits: Int) -> String {
    var out: [UInt8] = []
    fixed(value, digits: digits, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}

/// Where JSONBytes writes: a byte array, or a `ByteWriter`.
protocol ByteSink {
  mutating func append(_ byte: UInt8)
  mutating func append(bytes: UnsafeRawBufferPointer)
}

extension Array: ByteSink where Element == UInt8 {
  @inline(__always)
  mutating func append(bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}

/// A byte buffer for the sections written on every record: pieces are
/// copied with memcpy behind one capacity check (an array's generic append
/// cost more than the copying), and its memory is kept for the next
/// record (`RecordScratch`). Owns its memory: use it through `write`.
struct ByteWriter: ByteSink {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private(set) var capacity: Int

  init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
    self.base = base
    self.capacity = capacity
  }

  /// Runs `body` with a writer on this thread's kept memory and returns
  /// what it wrote.
  static func write(_ body: (inout ByteWriter) -> Void) -> [UInt8] {
    let scratch = RecordScratch.current
    // A write inside another's body (a finding written through JSONWriter
    // there) gets memory of its own: the two would share the kept memory.
    guard !scratch.writerBusy else {
      var writer = ByteWriter(base: .allocate(capacity: 256), capacity: 256)
      body(&writer)
      defer { writer.base.deallocate() }
      return Array(UnsafeBufferPointer(start: writer.base, count: writer.count))
    }
    scratch.writerBusy = true
    var writer = ByteWriter(base: scratch.writerBase, capacity: scratch.writerCapacity)
    body(&writer)
    scratch.writerBase = writer.base
    scratch.writerCapacity = writer.capacity
    scratch.writerBusy = false
    return Array(UnsafeBufferPointer(start: writer.base, count: writer.count))
  }

  @inline(__always)
  mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(count + extra) }
  }

  private mutating func grow(_ needed: Int) {
    let larger = Swift.max(needed, capacity * 2)
    let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    memory.update(from: base, count: count)
    base.deallocate()
    base = memory
    capacity = larger
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  @inline(__always)
  mutating func append(bytes: UnsafeRawBufferPointer) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
    count += bytes.count
  }

  @inline(__always)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(bytes: UnsafeRawBufferPointer(bytes)) }

  @inline(__always)
  mutating func append(_ literal: StaticString) {
    append(bytes: UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  mutating func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append(bytes: $0) } }

  /// `appendQuoted` for a String, through its UTF-8 buffer (a small
  /// string is copied to the stack).
  mutating func appendQuoted(_ text: String) {
    var text = text
    text.withUTF8 { appendQuoted($0) }
  }

  /// `JSONString.appendQuoted`: printable ASCII without quotes or
  /// backslashes is copied as it is, anything else is quoted by it.
  mutating func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) {
    // Eight bytes at a time (JSONString.plainRun), then byte by byte from
    // where that stopped: paths, fingerprints and previews are mostly
    // longer than a word, and the byte loop was most of a finding's cost.
    // UTF-8 that is copied as it is stays on this path: every preview holds
    // an ellipsis, and quoting it into an array of its own was a third of
    // writing a finding (callgrind).
    var position = JSONString.plainRun(text, from: 0)
    while position < text.count {
      let byte = text[position]
      if byte >= 0x80, case let length = JSONString.verbatimLength(text, position), length > 0 {
        position = JSONString.plainRun(text, from: position + length)
        continue
      }
      if byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C {
        var quoted: [UInt8] = []
        JSONString.appendQuoted(text, to: &quoted)
        append(quoted)
        return
      }
      position += 1
    }
    reserve(text.count + 2)
    base[count] = 0x22
    if let source = text.baseAddress { (base + count + 1).update(from: source, count: text.count) }
    base[count + text.count + 1] = 0x22
    count += text.count + 2
  }
}
