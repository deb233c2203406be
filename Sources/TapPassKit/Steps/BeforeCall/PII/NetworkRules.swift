/// E-mail addresses and public IP addresses, validated around a Hyperscan
/// anchor.
///
/// Why anchors: the patterns only locate `x@y.z` and dotted quads; the
/// exact extent (how far the local part and the domain go) and the octet
/// and group rules are cheaper and clearer as a byte walk than as a regex
/// Hyperscan would have to track leftmost starts for.
enum NetworkRules {
  private static func isLocalPart(_ byte: UInt8) -> Bool {
    PIIBytes.isAlnum(byte) || byte == 0x2E || byte == 0x5F || byte == 0x25 || byte == 0x2B || byte == 0x2D
  }

  private static func isDomain(_ byte: UInt8) -> Bool { PIIBytes.isAlnum(byte) || byte == 0x2D || byte == 0x2E }

  /// The e-mail address around the `@` at `at`, or nil.
  static func email(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> Range<Int>? {
    var start = at
    while start > 0, isLocalPart(bytes[start - 1]), at - start < 64 { start -= 1 }
    while start < at, !PIIBytes.isAlnum(bytes[start]) { start += 1 }
    guard start < at else { return nil }
    var end = at + 1
    while end < bytes.count, isDomain(bytes[end]), end - at < 255 { end += 1 }
    while end > at + 1, !PIIBytes.isAlnum(bytes[end - 1]) { end -= 1 }
    // The domain needs a dot and an alphabetic top-level label of 2+ letters.
    var lastDot = -1
    for index in (at + 1)..<end where bytes[index] == 0x2E { lastDot = index }
    guard lastDot > at + 1, end - lastDot - 1 >= 2 else { return nil }
    for index in (lastDot + 1)..<end where !PIIBytes.isLetter(bytes[index]) { return nil }
    if bytes[at + 1] == 0x2E || bytes[at - 1] == 0x2E { return nil }
    // `scheme://user:password@host` is a URL's credentials (detect_secrets'
    // connection_string), not an e-mail address.
    if isInURLAuthority(bytes, before: start) { return nil }
    return start..<end
  }

  /// Whether the unbroken run of URL characters ending at `position` holds
  /// `://` (looked for within 256 bytes).
  static func isInURLAuthority(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Bool {
    var index = position - 1
    let limit = max(0, position - 256)
    while index >= limit + 2 {
      let byte = bytes[index]
      if byte <= 0x20 || byte == 0x22 || byte == 0x27 || byte == 0x3C || byte == 0x3E || byte == 0x60 { return false }
      if byte == 0x2F, bytes[index - 1] == 0x2F, bytes[index - 2] == 0x3A { return true }
      index -= 1
    }
    return false
  }

  /// A dotted-quad IPv4 address in `range` (octets 0–255, no leading zeros,
  /// not part of a longer dotted number or a version string).
  static func ipv4(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    let start = range.lowerBound, end = range.upperBound
    if start > 0 {
      let before = bytes[start - 1]
      if PIIBytes.isWord(before) || before == 0x2E || before == 0x2D || before == 0x5F { return false }
    }
    if end < bytes.count {
      let after = bytes[end]
      if PIIBytes.isWord(after) || after == 0x5F { return false }
      if after == 0x2E, end + 1 < bytes.count, PIIBytes.isDigit(bytes[end + 1]) { return false }
    }
    var octets: [Int] = []
    var value = 0
    var length = 0
    for index in start...end {
      if index < end, PIIBytes.isDigit(bytes[index]) {
        if length == 1 && value == 0 { return false }
        guard length < 3 else { return false }
        value = value * 10 + PIIBytes.digitValue(bytes[index])
        length += 1
        continue
      }
      guard length > 0, length <= 3, value <= 255 else { return false }
      octets.append(value)
      value = 0
      length = 0
    }
    guard octets.count == 4, octets[0] != 0 else { return false }
    // 1.2.3.4-style values are version numbers far more often than hosts.
    if octets.allSatisfy({ $0 < 10 }) { return false }
    return isPublic(octets)
  }

  /// Only public addresses can point at a person (a subscriber); private,
  /// loopback, link-local, shared and documentation ranges name machines,
  /// and are detect_infra's to report.
  static func isPublic(_ o: [Int]) -> Bool {
    switch (o[0], o[1], o[2]) {
    case (10, _, _), (127, _, _), (169, 254, _), (192, 168, _), (192, 0, 2), (198, 51, 100), (203, 0, 113): return false
    case (172, 16...31, _), (100, 64...127, _), (198, 18...19, _): return false
    default: return o[0] < 224
    }
  }

  /// An IPv6 address starting at `range.lowerBound`: hex groups of 1–4,
  /// eight of them or fewer with one `::`, optionally ending in an IPv4.
  /// Times (`12:13:52`) and MAC-like pairs are rejected by the group rules.
  static func ipv6(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
    var start = range.lowerBound
    var end = range.upperBound
    func isHex(_ byte: UInt8) -> Bool { PIIBytes.isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }
    while start > 0, isHex(bytes[start - 1]) || bytes[start - 1] == 0x3A { start -= 1 }
    while end < bytes.count, isHex(bytes[end]) || bytes[end] == 0x3A { end += 1 }
    if start > 0, PIIBytes.isWord(bytes[start - 1]) { return nil }
    if end < bytes.count, PIIBytes.isWord(bytes[end]) || bytes[end] == 0x2E { return nil }
    var groups = 0
    var length = 0
    var doubleColons = 0
    var letters = 0
    var previousColon = false
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte == 0x3A {
        if previousColon { doubleColons += 1 }
        if length > 0 { groups += 1 }
        length = 0
        previousColon = true
      } else {
        length += 1
        if length > 4 { return nil }
        if !PIIBytes.isDigit(byte) { letters += 1 }
        previousColon = false
      }
      index += 1
    }
    if length > 0 { groups += 1 }
    guard doubleColons <= 1 else { return nil }
    guard doubleColons == 1 ? (groups >= 2 && groups <= 7) : groups == 8 else { return nil }
    if letters == 0 && groups < 8 { return nil }
    // Loopback, link-local (fe80::/10), unique-local (fc00::/7) and documentation (2001:db8::/32) are not personal.
    let first = PIIBytes.lower(bytes[start])
    if bytes[start] == 0x3A { return nil }
    if first == 0x66, start + 1 < end {
      let second = PIIBytes.lower(bytes[start + 1])
      if second == 0x63 || second == 0x64 || second == 0x65 { return nil }
    }
    if PIIBytes.matches(bytes, at: start, Array("2001:db8:".utf8)) || PIIBytes.matches(bytes, at: start, Array("2001:0db8:".utf8)) { return nil }
    return start..<end
  }
}
