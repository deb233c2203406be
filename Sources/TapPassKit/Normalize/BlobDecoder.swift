/// Finds and decodes embedded base64, hex and percent-encoded blobs, the
/// encodings used to smuggle instructions past filters ("decode this and do
/// what it says"). A blob is kept only when it decodes to readable text:
/// image data and hashes decode to binary and are not views worth scanning.
enum BlobDecoder {
  enum Encoding { case base64, hex, percent }

  struct Blob {
    var range: Range<Int>
    var encoding: Encoding
  }

  /// Minimum run lengths: shorter runs are ordinary words and identifiers.
  static let minBase64 = 16
  static let minHex = 16

  static func blobs(in bytes: [UInt8]) -> [Blob] {
    var found: [Blob] = []
    bytes.withUnsafeBufferPointer { buffer in ByteClasses.table.withUnsafeBufferPointer { classes in
      let count = buffer.count
      var index = 0
      while index < count {
        let byte = buffer[index]
        guard classes[Int(byte)] & ByteClasses.base64 != 0 || byte == 0x25 else { index += 1; continue }
        // Only at a token start, so a word's tail is not taken for a blob.
        if index > 0, classes[Int(buffer[index - 1])] & ByteClasses.base64 != 0 { index += 1; continue }
        // Fast path for ordinary words: a run of the base64 alphabet too
        // short for any blob, not continued by a percent escape.
        var run = index
        while run < count, classes[Int(buffer[run])] & ByteClasses.base64 != 0 { run += 1 }
        if run - index < min(minBase64, minHex), run > index, run == count || buffer[run] != 0x25 {
          index = run
          continue
        }
        var end = index
        var hexOnly = true
        var percents = 0
        var hasDigit = false, hasUpper = false, hasLower = false
        while end < count {
          let current = buffer[end]
          if current == 0x25, end + 2 < count, isHex(buffer[end + 1]), isHex(buffer[end + 2]) {
            percents += 1
            end += 3
            continue
          }
          guard isBase64(current) || (percents > 0 && isURLByte(current)) else { break }
          if !isHex(current) { hexOnly = false }
          if current >= 0x30 && current <= 0x39 { hasDigit = true }
          if current >= 0x41 && current <= 0x5A { hasUpper = true }
          if current >= 0x61 && current <= 0x7A { hasLower = true }
          end += 1
        }
        var stop = end
        while stop < count, buffer[stop] == 0x3D, stop - end < 2 { stop += 1 }
        let length = end - index
        if percents >= 3 {
          found.append(Blob(range: index..<end, encoding: .percent))
        } else if hexOnly, length >= minHex, length % 2 == 0, hasDigit {
          found.append(Blob(range: index..<end, encoding: .hex))
        } else if length >= minBase64, hasDigit || (hasUpper && hasLower), percents == 0 {
          found.append(Blob(range: index..<stop, encoding: .base64))
        }
        index = max(stop, index + 1)
      }
    } }
    return found
  }

  @inline(__always) static func isHex(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
  }

  @inline(__always) static func isBase64(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x2B || byte == 0x2F
      || byte == 0x2D || byte == 0x5F
  }

  @inline(__always) static func isURLByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x27 && byte != 0x3C && byte != 0x3E
  }

  /// Decodes at most `limit` input bytes of the blob.
  static func decode(_ bytes: [UInt8], _ blob: Blob, limit: Int) -> [UInt8] {
    let end = min(blob.range.upperBound, blob.range.lowerBound + limit)
    let input = bytes[blob.range.lowerBound..<end]
    switch blob.encoding {
    case .hex: return hex(input)
    case .base64: return base64(input)
    case .percent: return percent(input)
    }
  }

  static func hex(_ input: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(input.count / 2)
    var index = input.startIndex
    while index + 1 < input.endIndex {
      // A run handed over as hex may still hold a separator (`ff:ff`):
      // decoding stops there instead of trapping on a non-digit.
      guard let high = nibble(input[index]), let low = nibble(input[index + 1]) else { break }
      output.append(high << 4 | low)
      index += 2
    }
    return output
  }

  @inline(__always) static func nibble(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x41...0x46, 0x61...0x66: return (byte | 0x20) - 0x61 + 10
    default: return nil
    }
  }

  static func base64(_ input: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(input.count * 3 / 4)
    var accumulator: UInt32 = 0
    var bits = 0
    for byte in input {
      let value: UInt32
      switch byte {
      case 0x41...0x5A: value = UInt32(byte - 0x41)
      case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
      case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
      case 0x2B, 0x2D: value = 62
      case 0x2F, 0x5F: value = 63
      default: continue
      }
      accumulator = accumulator << 6 | value
      bits += 6
      if bits >= 8 {
        bits -= 8
        output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
      }
    }
    return output
  }

  static func percent(_ input: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var index = input.startIndex
    while index < input.endIndex {
      if input[index] == 0x25, index + 2 < input.endIndex, let high = nibble(input[index + 1]), let low = nibble(input[index + 2]) {
        output.append(high << 4 | low)
        index += 3
      } else {
        output.append(input[index] == 0x2B ? 0x20 : input[index])
        index += 1
      }
    }
    return output
  }

  /// Readable text: valid UTF-8, mostly printable, half letters or digits
  /// (a hex or base64 layer of a nested encoding is readable in this sense,
  /// binary data almost never is).
  static func looksLikeText(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 4, UTF8Validation.isValid(bytes) else { return false }
    var printable = 0, letters = 0
    for byte in bytes {
      if byte >= 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { printable += 1 }
      if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) { letters += 1 }
    }
    return printable * 10 >= bytes.count * 9 && letters * 2 >= bytes.count
  }
}
