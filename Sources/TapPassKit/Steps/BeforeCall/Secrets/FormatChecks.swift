/// Structural checks for vendor formats that carry one: a checksum, a fixed
/// layout, a decodable header. A format check turns "looks like" into "is":
/// a passing check raises the score to ~0.99, a failing one rejects or
/// lowers it (synthetic test keys in docs usually fail checksums).
enum FormatChecks {
  static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

  /// GitHub's classic and app tokens end in six base62 digits of the CRC32
  /// of the 30 random characters before them (github.blog, 2021-04-05).
  static func githubChecksumValid(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    guard range.count == 40 else { return false }
    let body = (range.lowerBound + 4)..<(range.lowerBound + 34)
    var crc: UInt32 = 0xFFFF_FFFF
    for index in body {
      crc ^= UInt32(bytes[index])
      for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
    }
    crc ^= 0xFFFF_FFFF
    var value = crc
    var index = range.upperBound - 1
    while index >= range.upperBound - 6 {
      if bytes[index] != base62[Int(value % 62)] { return false }
      value /= 62
      index -= 1
    }
    return true
  }

  /// Slack tokens: `xoxb-<team digits>-<user digits>-<secret>`, legacy
  /// `xoxs-…`, refresh/config tokens `xoxe-1-<long>` / `xoxe.xoxp-1-<long>`.
  /// The first group after the prefix is either a long number (≥ 8 digits)
  /// or a one-digit version followed by a long body; `xoxp-1234-1234-…`
  /// documentation values fail both.
  static func slackLayoutValid(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var position = range.lowerBound
    // Skip `xoxe.` of config tokens, then `xox?-`.
    if range.count > 10, bytes[position + 4] == UInt8(ascii: ".") { position += 5 }
    position += 5
    var digits = 0
    while position < range.upperBound && bytes[position] >= 0x30 && bytes[position] <= 0x39 { digits += 1; position += 1 }
    if digits >= 8 { return true }
    if digits >= 5, legacyLayoutValid(bytes, position, range.upperBound) { return true }
    guard digits == 1, position < range.upperBound, bytes[position] == UInt8(ascii: "-") else { return false }
    return range.upperBound - position > 40
  }

  /// Legacy workspace tokens: `xoxo-`/`xoxs-` then three numbers (the
  /// first already read up to `position`) and a hex tail, `xoxs-5234…-2342…-
  /// 2342…-e039d028…`. Short numbers (`1234-1234-1234`) are documentation.
  static func legacyLayoutValid(_ bytes: [UInt8], _ position: Int, _ end: Int) -> Bool {
    var position = position
    for _ in 0..<2 {
      guard position < end, bytes[position] == UInt8(ascii: "-") else { return false }
      position += 1
      var digits = 0
      while position < end && bytes[position] >= 0x30 && bytes[position] <= 0x39 { digits += 1; position += 1 }
      guard digits >= 5 else { return false }
    }
    guard position < end, bytes[position] == UInt8(ascii: "-") else { return false }
    let tail = (position + 1)..<end
    return tail.count >= 10 && tail.allSatisfy { SecretBytes.hex.contains(bytes[$0]) }
  }

  /// A JWT: three base64url parts, the header decoding to a JSON object
  /// that names its algorithm or type. Decoding the header rejects random
  /// dotted strings and truncated copies.
  static func jwtHeaderValid(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    guard let decoded = base64Decoded(bytes, range), isJSONObject(decoded) else { return false }
    return SecretBytes.contains(decoded, 0..<decoded.count, "\"alg\"")
      || SecretBytes.contains(decoded, 0..<decoded.count, "\"typ\"")
  }

  static func decodesToJSONObject(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    base64Decoded(bytes, range).map(isJSONObject) ?? false
  }

  static func isJSONObject(_ decoded: [UInt8]) -> Bool {
    decoded.count >= 2 && decoded.first == UInt8(ascii: "{") && decoded.last == UInt8(ascii: "}")
  }

  /// Decodes base64 or base64url (padding optional); nil on other bytes.
  static func base64Decoded(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
    guard range.count <= 8192 else { return nil }
    var decoded: [UInt8] = []
    decoded.reserveCapacity(range.count)
    var buffer: UInt32 = 0
    var bits = 0
    for index in range {
      let byte = bytes[index]
      let value: UInt32
      switch byte {
      case 0x41...0x5A: value = UInt32(byte - 0x41)
      case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
      case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
      case UInt8(ascii: "-"), UInt8(ascii: "+"): value = 62
      case UInt8(ascii: "_"), UInt8(ascii: "/"): value = 63
      case UInt8(ascii: "="): continue
      default: return nil
      }
      buffer = buffer << 6 | value
      bits += 6
      if bits >= 8 {
        bits -= 8
        decoded.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
      }
    }
    return decoded
  }

  /// Anthropic keys: `sk-ant-<kind><nn>-` + 93 characters + `AA`.
  static func anthropicLayoutValid(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var position = range.lowerBound + 7
    while position < range.upperBound && bytes[position] != UInt8(ascii: "-") { position += 1 }
    let body = range.upperBound - position - 1
    return body == 95 && bytes[range.upperBound - 1] == UInt8(ascii: "A") && bytes[range.upperBound - 2] == UInt8(ascii: "A")
  }

  /// OpenAI keys embed `T3BlbkFJ` (base64 of "OpenAI") between two random
  /// halves; look-alikes with another marker are documentation.
  static func openAIMarkerPresent(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    SecretBytes.contains(bytes, range, "t3blbkfj") && containsExact(bytes, range, "T3BlbkFJ")
  }

  /// GitLab token kinds and their documented body lengths.
  static func gitlabLengthValid(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var dash = range.lowerBound
    while dash < range.upperBound && bytes[dash] != UInt8(ascii: "-") && dash - range.lowerBound < 9 { dash += 1 }
    if bytes[range.lowerBound] == UInt8(ascii: "G") { return (29...59).contains(range.count) }  // GR1348941 + 20–50
    let kind = String(decoding: bytes[range.lowerBound..<dash], as: UTF8.self)
    // Routable tokens (GitLab 17+): `glpat-<27+>.<2><7>`, a dot and a
    // 9-character base36 tail.
    if let dot = (dash..<range.upperBound).last(where: { bytes[$0] == UInt8(ascii: ".") }) {
      let tail = (dot + 1)..<range.upperBound
      guard tail.count == 9, tail.allSatisfy({ (bytes[$0] >= 0x30 && bytes[$0] <= 0x39) || (bytes[$0] >= 0x61 && bytes[$0] <= 0x7A) }) else { return false }
      return (kind == "glpat" || kind == "glrt") && dot - dash - 1 >= 27
    }
    let body = range.upperBound - dash - 1
    switch kind {
    case "glimt": return body == 25
    case "glptt": return body == 40
    case "gloas": return body == 64
    case "glagent": return body >= 50
    default: return (20...50).contains(body)
    }
  }

  static func containsExact(_ bytes: [UInt8], _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
    SecretBytes.find(bytes, needle, from: range.lowerBound, limit: range.upperBound) != nil
  }

  static func containsExact(_ bytes: [UInt8], _ range: Range<Int>, _ needle: StaticString) -> Bool {
    SecretBytes.find(bytes, needle, from: range.lowerBound, limit: range.upperBound) != nil
  }
}
