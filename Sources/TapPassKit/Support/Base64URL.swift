/// Strict base64url (RFC 4648 §5) without padding, as JWS requires
/// (RFC 7515 §2).
///
/// Why strict: a lenient decoder accepts several spellings of the same bytes
/// (padding, non-zero trailing bits, stray characters), so two different
/// token strings would verify as one. Signatures are computed over the text,
/// so a verifier must accept exactly one encoding per byte string:
/// `decode` returns nil for `=` padding, any character outside
/// `A-Z a-z 0-9 - _`, a length of 1 mod 4, and non-zero unused trailing bits.
public enum Base64URL {
  private static let alphabet: [UInt8] = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

  /// 0xFF marks a byte that is not in the alphabet.
  private static let table: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
    return table
  }()

  public static func encode(_ bytes: some Collection<UInt8>) -> String {
    String(decoding: encodeBytes(bytes), as: UTF8.self)
  }

  /// Encodes into ASCII bytes (for building token text without String hops).
  public static func encodeBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
    let input = Array(bytes)
    var output: [UInt8] = []
    output.reserveCapacity((input.count * 4 + 2) / 3)
    var index = 0
    while index + 3 <= input.count {
      let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
      output.append(alphabet[Int(chunk >> 6 & 63)])
      output.append(alphabet[Int(chunk & 63)])
      index += 3
    }
    let rest = input.count - index
    if rest == 1 {
      let chunk = UInt32(input[index]) << 16
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
    } else if rest == 2 {
      let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
      output.append(alphabet[Int(chunk >> 18 & 63)])
      output.append(alphabet[Int(chunk >> 12 & 63)])
      output.append(alphabet[Int(chunk >> 6 & 63)])
    }
    return output
  }

  public static func decode(_ text: String) -> [UInt8]? {
    decode(bytes: Array(text.utf8))
  }

  /// Decodes canonical unpadded base64url, or returns nil.
  public static func decode(bytes input: some Collection<UInt8>) -> [UInt8]? {
    // Token segments are array slices: decode them in place, not copied.
    if let decoded = input.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return decoded }
    return Array(input).withUnsafeBufferPointer { decode(buffer: $0) }
  }

  private static func decode(buffer text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    let rest = text.count % 4
    if rest == 1 { return nil }
    var output: [UInt8] = []
    output.reserveCapacity(text.count * 3 / 4)
    var index = 0
    @inline(__always) func value(_ byte: UInt8) -> UInt32? {
      let decoded = table[Int(byte)]
      return decoded == 0xFF ? nil : UInt32(decoded)
    }
    while index + 4 <= text.count {
      guard let a = value(text[index]), let b = value(text[index + 1]),
        let c = value(text[index + 2]), let d = value(text[index + 3])
      else { return nil }
      let chunk = a << 18 | b << 12 | c << 6 | d
      output.append(UInt8(chunk >> 16 & 0xFF))
      output.append(UInt8(chunk >> 8 & 0xFF))
      output.append(UInt8(chunk & 0xFF))
      index += 4
    }
    if rest == 2 {
      guard let a = value(text[index]), let b = value(text[index + 1]) else { return nil }
      // The low 4 bits of the last character carry no data: they must be 0.
      guard b & 0x0F == 0 else { return nil }
      output.append(UInt8((a << 2 | b >> 4) & 0xFF))
    } else if rest == 3 {
      guard let a = value(text[index]), let b = value(text[index + 1]),
        let c = value(text[index + 2])
      else { return nil }
      // The low 2 bits of the last character carry no data: they must be 0.
      guard c & 0x03 == 0 else { return nil }
      let chunk = a << 18 | b << 12 | c << 6
      output.append(UInt8(chunk >> 16 & 0xFF))
      output.append(UInt8(chunk >> 8 & 0xFF))
    }
    return output
  }
}
