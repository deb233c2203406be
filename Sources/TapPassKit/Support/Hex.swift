/// Lower-case hexadecimal encoding and decoding.
public enum Hex {
  /// The lowercase hex digit of `nibble` (0–15).
  @inline(__always) static func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

  public static func encode(_ bytes: some Collection<UInt8>) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      output.append(digit(byte >> 4))
      output.append(digit(byte & 0x0F))
    }
    return String(decoding: output, as: UTF8.self)
  }

  public static func decode(_ text: String) -> [UInt8]? {
    let bytes = Array(text.utf8)
    guard bytes.count % 2 == 0 else { return nil }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count / 2)
    func value(_ byte: UInt8) -> UInt8? {
      switch byte {
      case 0x30...0x39: return byte - 0x30
      case 0x61...0x66: return byte - 0x61 + 10
      case 0x41...0x46: return byte - 0x41 + 10
      default: return nil
      }
    }
    var index = 0
    while index < bytes.count {
      guard let high = value(bytes[index]), let low = value(bytes[index + 1]) else { return nil }
      output.append(high << 4 | low)
      index += 2
    }
    return output
  }
}
