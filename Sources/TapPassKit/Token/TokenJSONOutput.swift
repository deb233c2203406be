/// A small JSON object writer for the token hot paths (claims when minting,
/// verdicts when verifying). Unlike `JSONWriter` it takes member names as
/// `StaticString` (copied straight from the binary, no array per key) and
/// copies plain ASCII string values without the escaping pass; anything else
/// goes through `JSONString.appendQuoted`. At tens of thousands of tokens a
/// second, the allocations it saves are a tenth of the time budget.
struct TokenJSONOutput {
  var bytes: [UInt8]
  private var first = true

  init(capacity: Int = 384) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Starts over, keeping the buffer (one verdict per token).
  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    first = true
  }

  mutating func begin() { bytes.append(0x7B); first = true }
  mutating func end() { bytes.append(0x7D); first = false }

  mutating func key(_ name: StaticString) {
    if !first { bytes.append(0x2C) }
    first = false
    bytes.append(0x22)
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(0x22)
    bytes.append(0x3A)
  }

  mutating func string(_ name: StaticString, _ value: String?) {
    guard let value else { return }
    key(name)
    Self.appendString(value, to: &bytes)
  }

  mutating func int(_ name: StaticString, _ value: Int64?) {
    guard let value else { return }
    key(name)
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func bool(_ name: StaticString, _ value: Bool) {
    key(name)
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  mutating func double(_ name: StaticString, _ value: Double?) {
    guard let value else { return }
    key(name)
    bytes.append(contentsOf: JSONWriter.format(value, digits: 4).utf8)
  }

  mutating func strings(_ name: StaticString, _ values: [String]) {
    key(name)
    bytes.append(0x5B)
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(0x2C) }
      Self.appendString(value, to: &bytes)
    }
    bytes.append(0x5D)
  }

  /// `"value"`: printable ASCII without `"` or `\` is copied as is.
  static func appendString(_ value: String, to bytes: inout [UInt8]) {
    var plain = true
    for byte in value.utf8 where byte < 0x20 || byte > 0x7E || byte == 0x22 || byte == 0x5C {
      plain = false
      break
    }
    guard plain else { return JSONString.appendQuoted(Array(value.utf8), to: &bytes) }
    bytes.append(0x22)
    bytes.append(contentsOf: value.utf8)
    bytes.append(0x22)
  }
}
