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
  static func raw(_ literal: StaticString, to out: inout [UInt8]) {
    out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  @inline(__always)
  static func string(_ value: String, to out: inout [UInt8]) {
    JSONString.appendQuoted(value.utf8, to: &out)
  }

  static func int(_ value: Int, to out: inout [UInt8]) {
    if value < 0 { out.append(0x2D) }
    unsigned(value.magnitude, to: &out)
  }

  static func unsigned(_ value: UInt, to out: inout [UInt8]) {
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
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
    }
  }

  /// A number with at most `digits` fractional digits, no exponent,
  /// trailing zeros trimmed: 0.00561, 0.07, 12. Exact for prices and
  /// scores (`String(Double)` would write 1e-05).
  static func fixed(_ value: Double, digits: Int, to out: inout [UInt8]) {
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
