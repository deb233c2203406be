/// Builds JSON text directly into a byte buffer. Used for every section a
/// tool adds: no intermediate dictionaries, no Foundation.
///
/// Callers write members in order; the writer inserts commas.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]

  public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

  private mutating func separate() {
    if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
    needsComma[needsComma.count - 1] = true
  }

  public mutating func beginObject() { separate(); bytes.append(0x7B); needsComma.append(false) }
  public mutating func endObject() { needsComma.removeLast(); bytes.append(0x7D) }
  public mutating func beginArray() { separate(); bytes.append(0x5B); needsComma.append(false) }
  public mutating func endArray() { needsComma.removeLast(); bytes.append(0x5D) }

  /// Writes `"name":` inside an object; the value call that follows must not
  /// add another comma.
  public mutating func key(_ name: String) {
    separate()
    JSONString.appendQuoted(name.utf8, to: &bytes)
    bytes.append(0x3A)
    needsComma[needsComma.count - 1] = false
    pendingValueAfterKey = true
  }

  private var pendingValueAfterKey = false

  private mutating func valuePrefix() {
    if pendingValueAfterKey {
      pendingValueAfterKey = false
      needsComma[needsComma.count - 1] = true
    } else {
      separate()
    }
  }

  public mutating func string(_ value: String) { valuePrefix(); JSONString.appendQuoted(value.utf8, to: &bytes) }
  public mutating func string(bytes value: some Collection<UInt8>) { valuePrefix(); JSONString.appendQuoted(value, to: &bytes) }
  public mutating func int(_ value: Int) { valuePrefix(); bytes.append(contentsOf: String(value).utf8) }
  public mutating func bool(_ value: Bool) { valuePrefix(); bytes.append(contentsOf: Array((value ? "true" : "false").utf8)) }
  public mutating func null() { valuePrefix(); bytes.append(contentsOf: Array("null".utf8)) }

  /// Writes a number with at most `digits` fractional digits, without
  /// exponent, trimming trailing zeros, so output is stable across runs.
  public mutating func double(_ value: Double, digits: Int = 4) {
    valuePrefix()
    bytes.append(contentsOf: Array(Self.format(value, digits: digits).utf8))
  }

  /// Splices already-serialised JSON (for example a section copied from the
  /// input record).
  public mutating func raw(_ json: some Collection<UInt8>) { valuePrefix(); bytes.append(contentsOf: json) }

  public static func format(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    var text = String(rounded)
    if text.contains("e") { return String(Int(rounded)) }
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
