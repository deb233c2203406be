import Glibc

/// JSON string escaping and unescaping over UTF-8 bytes.
public enum JSONString {
  /// Decodes a validated raw string body (between the quotes). A lone
  /// surrogate escape decodes to U+FFFD so the result is always valid UTF-8.
  public static func unescape(_ raw: some Collection<UInt8>) -> [UInt8] {
    if let decoded = raw.withContiguousStorageIfAvailable({ unescape(buffer: $0) }) { return decoded }
    return Array(raw).withUnsafeBufferPointer { unescape(buffer: $0) }
  }

  /// Copies the runs between backslashes in bulk: escapes are rare in
  /// text, and a byte-at-a-time append was the hot spot of every tool that
  /// reads escaped fields.
  static func unescape(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var position = 0
    func hex(_ at: Int) -> UInt32 {
      var value: UInt32 = 0
      for offset in 0..<4 {
        let byte = input[at + offset]
        let digit: UInt8 = byte <= 0x39 ? byte - 0x30 : (byte | 0x20) - 0x61 + 10
        value = value << 4 | UInt32(digit)
      }
      return value
    }
    while position < input.count {
      // memchr finds the next backslash a vector at a time: escaped fields
      // are mostly plain text between escapes.
      let found = memchr(input.baseAddress! + position, 0x5C, input.count - position)
      let run = found.map { input.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? input.count
      if run > position { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<run])) }
      position = run
      guard position < input.count else { break }
      guard position + 1 < input.count else {
        output.append(input[position])
        break
      }
      let kind = input[position + 1]
      position += 2
      switch kind {
      case 0x62: output.append(0x08)
      case 0x66: output.append(0x0C)
      case 0x6E: output.append(0x0A)
      case 0x72: output.append(0x0D)
      case 0x74: output.append(0x09)
      case 0x75:
        guard position + 4 <= input.count else { return output }
        var scalar = hex(position)
        position += 4
        if scalar >= 0xD800 && scalar <= 0xDBFF {
          if position + 6 <= input.count, input[position] == 0x5C, input[position + 1] == 0x75 {
            let low = hex(position + 2)
            if low >= 0xDC00 && low <= 0xDFFF {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              position += 6
            } else {
              scalar = 0xFFFD
            }
          } else {
            scalar = 0xFFFD
          }
        } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
          scalar = 0xFFFD
        }
        appendScalar(scalar, to: &output)
      default: output.append(kind)
      }
    }
    return output
  }

  public static func appendScalar(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      output.append(UInt8(scalar))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | scalar >> 6))
      output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      output.append(UInt8(0xE0 | scalar >> 12))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    default:
      output.append(UInt8(0xF0 | scalar >> 18))
      output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `"…"` with the minimal escaping RFC 8259 requires (plus DEL and
  /// the two Unicode line separators, which break JavaScript consumers).
  /// Invalid UTF-8 in the input becomes U+FFFD.
  public static func appendQuoted(_ value: some Collection<UInt8>, to output: inout [UInt8]) {
    if value.withContiguousStorageIfAvailable({ appendQuoted(buffer: $0, to: &output) }) != nil { return }
    Array(value).withUnsafeBufferPointer { appendQuoted(buffer: $0, to: &output) }
  }

  /// Copies runs that need no escaping in bulk (most text is such a run).
  static func appendQuoted(buffer: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    output.append(0x22)
    var position = 0
    var runStart = 0
    func flush(_ end: Int) {
      if end > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<end])) }
    }
    while position < buffer.count {
      position = plainRun(buffer, from: position)
      guard position < buffer.count else { break }
      let byte = buffer[position]
      if byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C {
        position += 1
        continue
      }
      if byte < 0x80 {
        flush(position)
        output.append(0x5C)
        switch byte {
        case 0x22: output.append(0x22)
        case 0x5C: output.append(0x5C)
        case 0x0A: output.append(0x6E)
        case 0x0D: output.append(0x72)
        case 0x09: output.append(0x74)
        default:
          output.append(contentsOf: [0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
        }
        position += 1
        runStart = position
        continue
      }
      let length = verbatimLength(buffer, position)
      if length > 0 {
        position += length
        continue
      }
      if UTF8Validation.sequenceLength(buffer, position) == 0 {
        flush(position)
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
        position += 1
        runStart = position
        continue
      }
      // U+2028 or U+2029.
      flush(position)
      output.append(contentsOf: Array("\\u202".utf8))
      output.append(buffer[position + 2] == 0xA8 ? 0x38 : 0x39)
      position += 3
      runStart = position
    }
    flush(position)
    output.append(0x22)
  }

  /// The length of the non-ASCII sequence at `position` when it is copied
  /// as it is: valid UTF-8 other than U+2028 and U+2029. 0 when it is
  /// replaced (invalid) or escaped (the two separators).
  @inline(__always)
  static func verbatimLength(_ buffer: UnsafeBufferPointer<UInt8>, _ position: Int) -> Int {
    let length = UTF8Validation.sequenceLength(buffer, position)
    if length == 3, buffer[position] == 0xE2, buffer[position + 1] == 0x80,
      buffer[position + 2] == 0xA8 || buffer[position + 2] == 0xA9
    {
      return 0
    }
    return length
  }

  /// Where the run of bytes that need no escaping from `start` ends, or a
  /// little before: eight bytes at a time while none of them is a quote,
  /// a backslash, a control byte, DEL or non-ASCII (SWAR "has zero byte"
  /// tests, as `JSONDocument.Parser.scanString` does). Per-byte tests were
  /// most of the cost of writing each record and finding.
  @inline(__always)
  static func plainRun(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var position = start
    let count = buffer.count
    guard let base = buffer.baseAddress else { return position }
    let ones: UInt64 = 0x0101_0101_0101_0101
    while position + 8 <= count {
      let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
      let quote = word ^ 0x2222_2222_2222_2222
      let slash = word ^ 0x5C5C_5C5C_5C5C_5C5C
      let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
      let special = ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((delete &- ones) & ~delete)
        | (word &- 0x2020_2020_2020_2020) | word
      if special & 0x8080_8080_8080_8080 != 0 { break }
      position += 8
    }
    return position
  }

  public static func quoted(_ value: String) -> [UInt8] {
    var output: [UInt8] = []
    appendQuoted(Array(value.utf8), to: &output)
    return output
  }
}
