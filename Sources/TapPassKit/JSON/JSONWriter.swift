/// Builds JSON text directly into a byte buffer. Used for every section a
/// tool adds: no intermediate dictionaries, no Foundation.
///
/// Callers write members in order; the writer inserts commas.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []
  /// Whether the innermost open container (or the top level) already
  /// holds a value; the flags of the containers around it wait in
  /// `enclosing`, so the per-member checks touch no array.
  private var needsComma = false
  private var enclosing: [Bool] = []

  public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

  private mutating func separate() {
    if needsComma { bytes.append(0x2C) }
    needsComma = true
  }

  public mutating func beginObject() { open(0x7B) }
  public mutating func endObject() { close(0x7D) }
  public mutating func beginArray() { open(0x5B) }
  public mutating func endArray() { close(0x5D) }

  private mutating func open(_ bracket: UInt8) {
    separate()
    bytes.append(bracket)
    enclosing.append(needsComma)
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    needsComma = enclosing.removeLast()
    bytes.append(bracket)
  }

  /// Writes `"name":` inside an object; the value call that follows must not
  /// add another comma.
  public mutating func key(_ name: String) {
    separate()
    appendQuoted(name)
    endKey()
  }

  /// `key(_:)` for a name fixed in the source that needs no escaping (a
  /// plain identifier): copied straight from the binary, so the dozen
  /// members of every finding skip the quoting pass.
  public mutating func key(literal name: StaticString) {
    separate()
    bytes.append(0x22)
    name.withUTF8Buffer { name in
      assert(name.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }, "key(literal:) takes plain names")
      bytes.append(contentsOf: name)
    }
    bytes.append(0x22)
    endKey()
  }

  /// The colon after a key; the value that follows adds no comma.
  private mutating func endKey() {
    bytes.append(0x3A)
    needsComma = false
    pendingValueAfterKey = true
  }

  private var pendingValueAfterKey = false

  private mutating func valuePrefix() {
    if pendingValueAfterKey {
      pendingValueAfterKey = false
      needsComma = true
    } else {
      separate()
    }
  }

  public mutating func string(_ value: String) { valuePrefix(); appendQuoted(value) }

  /// Quotes a String through its UTF-8 buffer (small strings are copied to
  /// the stack): the generic collection path costs more than the escaping
  /// for the short keys and values of a finding.
  private mutating func appendQuoted(_ text: String) {
    var text = text
    text.withUTF8 { JSONString.appendQuoted(buffer: $0, to: &bytes) }
  }
  public mutating func string(bytes value: some Collection<UInt8>) { valuePrefix(); JSONString.appendQuoted(value, to: &bytes) }
  public mutating func int(_ value: Int) { valuePrefix(); Self.appendInteger(value, to: &bytes) }
  public mutating func bool(_ value: Bool) { valuePrefix(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
  public mutating func null() { valuePrefix(); bytes.append(contentsOf: "null".utf8) }

  /// Writes a number with at most `digits` fractional digits, without
  /// exponent, trimming trailing zeros, so output is stable across runs.
  public mutating func double(_ value: Double, digits: Int = 4) {
    valuePrefix()
    Self.appendDecimal(value, digits: digits, to: &bytes)
  }

  /// Splices already-serialised JSON (for example a section copied from the
  /// input record).
  public mutating func raw(_ json: some Collection<UInt8>) { valuePrefix(); bytes.append(contentsOf: json) }

  public static func format(_ value: Double, digits: Int) -> String {
    var text: [UInt8] = []
    appendDecimal(value, digits: digits, to: &text)
    return String(decoding: text, as: UTF8.self)
  }

  /// The digits of `value` rounded to `digits` fractional digits, written
  /// from the scaled integer: every finding has a score, and going through
  /// `String(Double)` and Foundation's `contains` cost more than the rest
  /// of writing the finding. Magnitudes where the scaled integer could
  /// exceed a double's exact range take the general path; both give the
  /// same text wherever the general path prints no exponent (a test
  /// compares them). Below that, the general path printed 0.000048 as "0";
  /// this prints its digits.
  static func appendDecimal<Sink: ByteSink>(_ value: Double, digits: Int, to output: inout Sink) {
    guard value.isFinite else { return output.append(0x30) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value * scale).rounded()
    guard digits <= 15, abs(scaled) < 1e15 else {
      return Array(generalFormat(value, digits: digits).utf8).withUnsafeBytes { output.append(bytes: $0) }
    }
    var units = Int(scaled)
    if units < 0 {
      output.append(UInt8(ascii: "-"))
      units = -units
    }
    let divisor = Int(scale)
    appendInteger(units / divisor, to: &output)
    var fraction = units % divisor
    guard fraction != 0 else { return }
    var width = digits
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    output.append(UInt8(ascii: "."))
    var place = 1
    for _ in 1..<width { place *= 10 }
    while place > 0 {
      output.append(UInt8(ascii: "0") + UInt8(fraction / place % 10))
      place /= 10
    }
  }

  /// `value` in decimal, as `String(value)` spells it, without making the
  /// String (an allocation for every offset of every finding).
  static func appendInteger<Sink: ByteSink>(_ value: Int, to output: inout Sink) {
    if value < 0 { output.append(0x2D) }
    let magnitude = value.magnitude
    var divisor: UInt = 1
    while magnitude / divisor >= 10 { divisor *= 10 }
    repeat {
      output.append(UInt8(magnitude / divisor % 10) + 0x30)
      divisor /= 10
    } while divisor > 0
  }

  /// The definition `appendDecimal` follows: round, print the shortest
  /// representation, trim; no exponent below 9e18.
  static func generalFormat(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    var text = String(rounded)
    if text.contains("e") {
      // Beyond Int's range the exponent form stays (valid JSON, and
      // converting would trap).
      return abs(rounded) < 9e18 ? String(Int(rounded)) : text
    }
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
