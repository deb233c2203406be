/// Decides whether an infra anchor is a real identifier, and of which type.
enum InfraValidators {
  typealias Rule = InfraRules.Rule

  static let topLevelDomains = ByteText.WordList(resource: "infra/tlds.txt")

  static func validate(_ rule: Rule, _ bytes: [UInt8], _ match: PatternMatch, internalSuffixes: [[UInt8]], configuration: DetectInfraStep.Configuration) -> Candidate? {
    switch rule {
    case .ipv4: return ipv4(bytes, match.start..<match.end, configuration)
    case .ipv6: return ipv6(bytes, match.start..<match.end)
    case .mac: return mac(bytes, match.start..<match.end)
    case .dottedName: return hostName(bytes, match.start..<match.end, internalSuffixes, configuration)
    case .arn:
      guard let candidate = extended(bytes, match.start, type: "aws_arn", score: 0.95, minimumColons: 5) else { return nil }
      return hasRealAccount(bytes, candidate.start..<candidate.end) ? candidate : nil
    case .awsResourceID:
      guard isolated(bytes, match.start..<match.end, ByteText.isAlphanumeric) else { return nil }
      if match.start > 0, bytes[match.start - 1] == UInt8(ascii: "-") { return nil }
      return Candidate(start: match.start, end: match.end, type: "aws_resource_id", score: 0.85, severity: .medium, reasons: ["aws_resource_id"])
    case .s3Scheme: return extended(bytes, match.start, type: "s3_bucket_url", score: 0.9, minimumColons: 0)
    case .s3Host:
      // The host, with its scheme when present, and a path only after `/`.
      var start = ByteText.expand(bytes, match.start..<match.end, isHostByte).lowerBound
      if start >= 3, bytes[start - 3..<start].elementsEqual("://".utf8) {
        start -= 3
        while start > 0 && ByteText.isLetter(bytes[start - 1]) { start -= 1 }
      }
      var end = match.end
      if end < bytes.count, bytes[end] == UInt8(ascii: "/") || bytes[end] == UInt8(ascii: "?") {
        while end < bytes.count && isURLByte(bytes[end]) { end += 1 }
      } else if end < bytes.count, isHostByte(bytes[end]), bytes[end] != UInt8(ascii: ".") {
        return nil
      }
      return trimmed(bytes, start..<end).map { Candidate(start: $0.lowerBound, end: $0.upperBound, type: "s3_bucket_url", score: 0.9, severity: .medium, reasons: ["s3_bucket_url"]) }
    case .azureResource: return extended(bytes, match.start, type: "azure_resource_id", score: 0.95, minimumColons: 0)
    case .gcpResource:
      var start = match.start
      // Include a `//service.googleapis.com/` prefix when present.
      while start > 0 && isURLByte(bytes[start - 1]) && bytes[start - 1] != UInt8(ascii: "\"") { start -= 1 }
      if !ByteText.contains(bytes, start..<match.start, "googleapis.com") { start = match.start }
      return extended(bytes, start, type: "gcp_resource", score: 0.85, minimumColons: 0)
    }
  }

  // MARK: Addresses

  static func ipv4(_ bytes: [UInt8], _ range: Range<Int>, _ configuration: DetectInfraStep.Configuration) -> Candidate? {
    if range.lowerBound > 0 {
      let before = bytes[range.lowerBound - 1]
      if ByteText.isAlphanumeric(before) || before == UInt8(ascii: ".") || before == UInt8(ascii: "-") && range.lowerBound > 1 && ByteText.isDigit(bytes[range.lowerBound - 2]) { return nil }
    }
    if range.upperBound < bytes.count {
      let after = bytes[range.upperBound]
      if ByteText.isAlphanumeric(after) { return nil }
      if after == UInt8(ascii: "."), range.upperBound + 1 < bytes.count, ByteText.isDigit(bytes[range.upperBound + 1]) { return nil }
    }
    var octets: [Int] = []
    var value = 0
    var digits = 0
    var leadingZero = false
    for position in range {
      let byte = bytes[position]
      if byte == UInt8(ascii: ".") {
        if leadingZero && digits > 1 { return nil }
        octets.append(value)
        value = 0
        digits = 0
        continue
      }
      if digits == 0 { leadingZero = byte == UInt8(ascii: "0") }
      value = value * 10 + Int(byte - 0x30)
      digits += 1
    }
    if leadingZero && digits > 1 { return nil }
    octets.append(value)
    guard octets.count == 4, octets.allSatisfy({ $0 <= 255 }), octets[0] != 255 else { return nil }
    if followsVersionWord(bytes, range.lowerBound) { return nil }
    if isPrivate(octets) {
      return Candidate(start: range.lowerBound, end: range.upperBound, type: "ipv4_private", score: 0.9, severity: .medium, reasons: ["ipv4", "private_range"])
    }
    guard configuration.publicIPs else { return nil }
    return Candidate(start: range.lowerBound, end: range.upperBound, type: "ipv4_public", score: 0.8, severity: .low, reasons: ["ipv4"])
  }

  /// Words after which a dotted quad is a version number ("Version
  /// 10.2.3.4", "build: 1.0.0.12"), not an address.
  static let versionWords: [[UInt8]] = ["version", "ver", "release", "build", "firmware", "revision", "rev"].map { Array($0.utf8) }

  /// Whether the word before `start` (past at most a few blanks, a colon or
  /// an equals sign) is a version word, in any case.
  static func followsVersionWord(_ bytes: [UInt8], _ start: Int) -> Bool {
    var end = start
    while end > 0, start - end < 3, [0x20, 0x09, 0x3A, 0x3D].contains(bytes[end - 1]) { end -= 1 }
    guard end < start else { return false }
    var begin = end
    while begin > 0, ByteText.isAlphanumeric(bytes[begin - 1]) { begin -= 1 }
    guard end - begin >= 3, end - begin <= 8 else { return false }
    return versionWords.contains { word in
      word.count == end - begin && zip(word, bytes[begin..<end]).allSatisfy { $0 == ($1 | 0x20) }
    }
  }

  /// RFC 1918, loopback, link-local, shared address space and "this network".
  static func isPrivate(_ octets: [Int]) -> Bool {
    switch (octets[0], octets[1]) {
    case (10, _), (127, _), (0, _): return true
    case (172, 16...31): return true
    case (192, 168): return true
    case (169, 254): return true
    case (100, 64...127): return true
    default: return false
    }
  }

  static func isIPv6Byte(_ byte: UInt8) -> Bool { ByteText.isHex(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") }

  static func ipv6(_ bytes: [UInt8], _ range: Range<Int>) -> Candidate? {
    var token = ByteText.expand(bytes, range, isIPv6Byte)
    // A trailing dot or single colon is punctuation, not address.
    while token.count > 0, bytes[token.upperBound - 1] == UInt8(ascii: ".") { token = token.lowerBound..<token.upperBound - 1 }
    if token.count > 1, bytes[token.upperBound - 1] == UInt8(ascii: ":"), bytes[token.upperBound - 2] != UInt8(ascii: ":") { token = token.lowerBound..<token.upperBound - 1 }
    guard token.count >= 3, token.count <= 45 else { return nil }
    if token.lowerBound > 0, ByteText.isLetter(bytes[token.lowerBound - 1]) || bytes[token.lowerBound - 1] == UInt8(ascii: "_") { return nil }
    if token.upperBound < bytes.count, ByteText.isLetter(bytes[token.upperBound]) { return nil }
    let text = Array(bytes[token])
    guard isValidIPv6(text) else { return nil }
    // Timestamps (12:30:45) are not addresses: demand a hex letter or `::`.
    let hasHexLetter = text.contains { ByteText.isLetter($0) }
    let hasDoubleColon = zip(text, text.dropFirst()).contains { $0 == 0x3A && $1 == 0x3A }
    guard hasHexLetter || hasDoubleColon else { return nil }
    if text == Array("::".utf8) { return nil }
    return Candidate(start: token.lowerBound, end: token.upperBound, type: "ipv6", score: 0.85, severity: .medium, reasons: ["ipv6"])
  }

  /// RFC 4291 text form: up to eight 1–4 digit hex groups, at most one
  /// `::`, optionally ending in a dotted IPv4 address.
  static func isValidIPv6(_ text: [UInt8]) -> Bool {
    var groups = 0
    var doubleColon = false
    var index = 0
    var groupLength = 0
    if text.starts(with: [0x3A, 0x3A]) { doubleColon = true; index = 2 } else if text.first == 0x3A { return false }
    while index < text.count {
      let byte = text[index]
      if byte == 0x3A {
        guard groupLength > 0 else { return false }
        groups += 1
        groupLength = 0
        if index + 1 < text.count, text[index + 1] == 0x3A {
          if doubleColon { return false }
          doubleColon = true
          index += 2
          continue
        }
        if index + 1 == text.count { return false }
        index += 1
        continue
      }
      if byte == 0x2E {
        // Embedded IPv4 in the last 32 bits.
        var start = index
        while start > 0 && text[start - 1] != 0x3A { start -= 1 }
        let dotted = text[start...]
        let parts = dotted.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(ByteText.isDigit) && Int(String(decoding: $0, as: UTF8.self))! <= 255 }) else { return false }
        groups += 2
        groupLength = 0
        index = text.count
        break
      }
      guard ByteText.isHex(byte), groupLength < 4 else { return false }
      groupLength += 1
      index += 1
    }
    if groupLength > 0 { groups += 1 }
    return doubleColon ? groups <= 7 : groups == 8
  }

  static func mac(_ bytes: [UInt8], _ range: Range<Int>) -> Candidate? {
    let separator = bytes[range.lowerBound + 2]
    for offset in stride(from: 2, to: 17, by: 3) where bytes[range.lowerBound + offset] != separator { return nil }
    if range.lowerBound > 0 {
      let before = bytes[range.lowerBound - 1]
      if ByteText.isAlphanumeric(before) || before == separator { return nil }
    }
    if range.upperBound < bytes.count {
      let after = bytes[range.upperBound]
      if ByteText.isAlphanumeric(after) || after == separator { return nil }
    }
    return Candidate(start: range.lowerBound, end: range.upperBound, type: "mac_address", score: 0.8, severity: .low, reasons: ["mac_address"])
  }

  // MARK: Names

  static func isHostByte(_ byte: UInt8) -> Bool { ByteText.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") }

  static func hostName(_ bytes: [UInt8], _ range: Range<Int>, _ internalSuffixes: [[UInt8]], _ configuration: DetectInfraStep.Configuration) -> Candidate? {
    var token = ByteText.expand(bytes, range, isHostByte)
    while token.count > 0, bytes[token.upperBound - 1] == UInt8(ascii: ".") || bytes[token.upperBound - 1] == UInt8(ascii: "-") {
      token = token.lowerBound..<token.upperBound - 1
    }
    // `.env.local` is a dotfile, not a host.
    if token.count > 0, bytes[token.lowerBound] == UInt8(ascii: ".") { return nil }
    while token.count > 0, bytes[token.lowerBound] == UInt8(ascii: "-") {
      token = token.lowerBound + 1..<token.upperBound
    }
    guard token.count >= 4, token.count <= 253 else { return nil }
    let before = token.lowerBound > 0 ? bytes[token.lowerBound - 1] : 0
    // `_name.x` and `$var.x` are code, not hosts.
    if before == UInt8(ascii: "_") || before == UInt8(ascii: "$") { return nil }
    if token.upperBound < bytes.count, bytes[token.upperBound] == UInt8(ascii: "_") || bytes[token.upperBound] == UInt8(ascii: "(") { return nil }
    let inURL = token.lowerBound >= 3 && bytes[token.lowerBound - 3..<token.lowerBound].elementsEqual("://".utf8)
    let labels = bytes[token].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && $0.first != 0x2D && $0.last != 0x2D }) else { return nil }
    let lowered = bytes[token].map(ByteText.lower)
    func hasSuffix(_ suffix: [UInt8]) -> Bool { lowered.count > suffix.count && lowered.suffix(suffix.count).elementsEqual(suffix) }

    if ByteText.contains(bytes, token, ".svc.") || hasSuffix(Array(".svc".utf8)) {
      return Candidate(start: token.lowerBound, end: token.upperBound, type: "k8s_service_dns", score: 0.9, severity: .medium, reasons: ["k8s_service_dns"])
    }
    if internalSuffixes.contains(where: { hasSuffix($0) || lowered.elementsEqual($0.dropFirst()) }) {
      return Candidate(start: token.lowerBound, end: token.upperBound, type: "hostname_internal", score: 0.9, severity: .medium, reasons: ["internal_suffix"])
    }
    if InfraRules.databaseSuffixes.contains(where: { hasSuffix(Array($0.utf8)) }) {
      return Candidate(start: token.lowerBound, end: token.upperBound, type: "db_endpoint", score: 0.9, severity: .medium, reasons: ["managed_database_endpoint"])
    }
    // A public e-mail domain belongs to detect_pii; URLs to public sites map
    // nothing internal.
    guard configuration.fqdns, !inURL, before != UInt8(ascii: "@") else { return nil }
    let last = labels.last!
    guard last.allSatisfy(ByteText.isLetter), last.count >= 2 else { return nil }
    // Host names are written in lower case; `Foo.Bar` is code.
    let tldIsLower = last.allSatisfy(ByteText.isLower)
    guard tldIsLower || bytes[token].allSatisfy({ !ByteText.isLower($0) }) else { return nil }
    let tldRange = token.upperBound - last.count..<token.upperBound
    guard topLevelDomains.contains(bytes, tldRange) else { return nil }
    let tld = String(decoding: last.map(ByteText.lower), as: UTF8.self)
    if InfraRules.fileExtensionTLDs.contains(tld) && labels.count < 3 { return nil }
    // Many newer top-level domains are ordinary words (`.claims`, `.read`,
    // `.properties`, `.map`) that end dotted identifiers in code and logs;
    // such names count only when they are long enough to be real hosts.
    if tld.count > 2 && !InfraRules.commonGenericTLDs.contains(tld) && labels.count < 4 { return nil }
    // Reverse-DNS identifiers (com.example.app) are package names.
    let first = String(decoding: labels[0].map(ByteText.lower), as: UTF8.self)
    if labels.count >= 3, ["com", "org", "net", "io", "de", "uk", "fr", "edu"].contains(first) { return nil }
    // A label that is all digits except the TLD side is a version or file.
    if labels.dropLast().allSatisfy({ $0.allSatisfy(ByteText.isDigit) }) { return nil }
    let isDocumentation = ["example.com", "example.org", "example.net"].contains { hasSuffix(Array(("." + $0).utf8)) || lowered.elementsEqual($0.utf8) }
    // A registered domain alone (`walmart.com`, `NFL.com`) names a site, not
    // a host of the estate: reported only below the default threshold.
    let score = labels.count == 2 ? 0.45 : (isDocumentation ? 0.5 : 0.65)
    return Candidate(start: token.lowerBound, end: token.upperBound, type: "fqdn", score: score, severity: .low, reasons: ["fqdn", "tld:" + tld])
  }

  // MARK: Identifiers that run to the next delimiter

  static func isURLByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "<")
      && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "`") && byte != UInt8(ascii: "\\")
  }

  /// Strips trailing punctuation that closes a sentence or a bracket.
  static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
    var end = range.upperBound
    while end > range.lowerBound, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":")].contains(bytes[end - 1]) {
      end -= 1
    }
    return end > range.lowerBound ? range.lowerBound..<end : nil
  }

  static func extended(_ bytes: [UInt8], _ start: Int, type: String, score: Double, minimumColons: Int) -> Candidate? {
    var end = start
    while end < bytes.count && isURLByte(bytes[end]) && bytes[end] != UInt8(ascii: ",") { end += 1 }
    guard let range = trimmed(bytes, start..<end) else { return nil }
    if minimumColons > 0, bytes[range].filter({ $0 == UInt8(ascii: ":") }).count < minimumColons { return nil }
    return Candidate(start: range.lowerBound, end: range.upperBound, type: type, score: score, severity: .medium, reasons: [type])
  }

  /// `arn:partition:service:region:account:…` with a 12-digit account (or
  /// none, or `aws` for managed resources): placeholders such as
  /// `your-account-id` or `EXAMPLE` are documentation, not an estate.
  static func hasRealAccount(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    let parts = bytes[range].split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
    guard parts.count >= 6 else { return false }
    let account = parts[4]
    return account.isEmpty || (account.count == 12 && account.allSatisfy(ByteText.isDigit)) || account.elementsEqual("aws".utf8)
  }

  static func isolated(_ bytes: [UInt8], _ range: Range<Int>, _ belongs: (UInt8) -> Bool) -> Bool {
    (range.lowerBound == 0 || !belongs(bytes[range.lowerBound - 1])) && (range.upperBound == bytes.count || !belongs(bytes[range.upperBound]))
  }
}
