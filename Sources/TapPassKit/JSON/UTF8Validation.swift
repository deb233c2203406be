/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, no
/// code points above U+10FFFF.
public enum UTF8Validation {
  /// The length of the valid sequence starting at `position`, or 0 when the
  /// bytes there are not valid UTF-8. ASCII returns 1.
  @inline(__always)
  public static func sequenceLength(_ input: UnsafeBufferPointer<UInt8>, _ position: Int) -> Int {
    let count = input.count
    let lead = input[position]
    if lead < 0x80 { return 1 }
    @inline(__always) func cont(_ offset: Int) -> Bool {
      position + offset < count && input[position + offset] & 0xC0 == 0x80
    }
    switch lead {
    case 0xC2...0xDF:
      return cont(1) ? 2 : 0
    case 0xE0:
      return position + 1 < count && input[position + 1] >= 0xA0 && input[position + 1] <= 0xBF && cont(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF:
      return cont(1) && cont(2) ? 3 : 0
    case 0xED:
      return position + 1 < count && input[position + 1] >= 0x80 && input[position + 1] <= 0x9F && cont(2) ? 3 : 0
    case 0xF0:
      return position + 1 < count && input[position + 1] >= 0x90 && input[position + 1] <= 0xBF && cont(2) && cont(3) ? 4 : 0
    case 0xF1...0xF3:
      return cont(1) && cont(2) && cont(3) ? 4 : 0
    case 0xF4:
      return position + 1 < count && input[position + 1] >= 0x80 && input[position + 1] <= 0x8F && cont(2) && cont(3) ? 4 : 0
    default:
      return 0
    }
  }

  /// Whether a whole buffer is valid UTF-8.
  public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
    let array = Array(bytes)
    return array.withUnsafeBufferPointer { buffer in
      var position = 0
      while position < buffer.count {
        let length = sequenceLength(buffer, position)
        if length == 0 { return false }
        position += length
      }
      return true
    }
  }

  /// Decodes the scalar at `position` (assumed valid) and its length.
  @inline(__always)
  public static func decode(_ input: UnsafeBufferPointer<UInt8>, _ position: Int) -> (scalar: UInt32, length: Int) {
    let lead = UInt32(input[position])
    if lead < 0x80 { return (lead, 1) }
    if lead < 0xE0 {
      return ((lead & 0x1F) << 6 | UInt32(input[position + 1] & 0x3F), 2)
    }
    if lead < 0xF0 {
      return ((lead & 0x0F) << 12 | UInt32(input[position + 1] & 0x3F) << 6 | UInt32(input[position + 2] & 0x3F), 3)
    }
    return ((lead & 0x07) << 18 | UInt32(input[position + 1] & 0x3F) << 12
      | UInt32(input[position + 2] & 0x3F) << 6 | UInt32(input[position + 3] & 0x3F), 4)
  }
}
