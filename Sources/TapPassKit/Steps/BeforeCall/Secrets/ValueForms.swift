/// Value forms that look random enough but are not credentials: code,
/// identifiers made of words, cloud resource ids, file paths and UUIDs.
/// Each test is one reason a keyed value is something else.
enum ValueForms {
  /// Identifiers and labels made of words: `CF_R2_ACCESS_KEY_ID`,
  /// `image_to_video_360_rotation`, `PALADIN_PLUS_v3.1`. True when the value
  /// has at least three segments (split at `_ - . / = :`) and word-like segments
  /// (letters only, or at most two characters) make up most of it. Random
  /// tokens have long mixed segments, so they never qualify.
  /// `share` is the part of the value word-like segments must cover.
  static func isWordCompound(_ bytes: [UInt8], _ range: Range<Int>, share: Double = 0.8) -> Bool {
    var segments = 0
    var wordy = 0
    var total = 0
    for segment in Self.segments(bytes, range, separatedBy: compoundSeparators) where !segment.isEmpty {
      segments += 1
      total += segment.count
      var letters = 0
      for position in segment where (bytes[position] | 0x20) >= 0x61 && (bytes[position] | 0x20) <= 0x7A { letters += 1 }
      // A long segment of letters that flips case on two in five letters
      // or more and is not CamelCase humps (`api_org_kYfQwZ…`) is a token,
      // not a word (`notifyUiVisibilityChanged` flips on one in four).
      let random = segment.count >= 20 && !isCamelWord(bytes, segment) && KeyedValues.caseChanges(bytes, segment) * 5 >= segment.count * 2
      if (letters == segment.count && !random) || segment.count <= 2 { wordy += segment.count }
    }
    return segments >= 3 && Double(wordy) >= Double(total) * share
  }

  /// `rsa_keygen_bits:4096`, `ec_paramgen_curve=prime256v1`: a name of
  /// two or more lower-case words joined by `_`, then `:` or `=`, then
  /// something. The range after the operator, or nil. OpenSSL `-pkeyopt`,
  /// `-sigopt` and similar `name:value` options take this shape; random
  /// tokens do not start with a run of underscore-joined words.
  static func settingValue(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
    var words = 0
    var index = range.lowerBound
    while index < range.upperBound {
      let wordEnd = SecretBytes.runEnd(bytes, from: index, in: lowerLetters, limit: range.upperBound)
      guard wordEnd - index >= 2, wordEnd < range.upperBound else { return nil }
      words += 1
      let separator = bytes[wordEnd]
      if separator == UInt8(ascii: "_") {
        index = wordEnd + 1
        continue
      }
      guard words >= 2, separator == UInt8(ascii: ":") || separator == UInt8(ascii: "="), wordEnd + 1 < range.upperBound else { return nil }
      return (wordEnd + 1)..<range.upperBound
    }
    return nil
  }

  static let lowerLetters = SecretBytes.Set("a-z")

  static let compoundSeparators = SecretBytes.Set("_./=:-")
  static let pathSeparators = SecretBytes.Set("_./:-")

  /// The parts of `range` between separator bytes (empty parts included).
  static func segments(_ bytes: [UInt8], _ range: Range<Int>, separatedBy separators: SecretBytes.Set) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = range.lowerBound
    for index in range where separators.contains(bytes[index]) {
      result.append(start..<index)
      start = index + 1
    }
    result.append(start..<range.upperBound)
    return result
  }

  /// An unquoted value that is code, not a literal: `os.environ['X']`,
  /// `config.apiKey`, `getenv("TOKEN")`, `os.urandom(24)`, or a bare
  /// identifier. A dotted chain counts only without digits, so dotted
  /// tokens (`sk.nc7.R5t…`) stay literals; a call or index always counts.
  static func looksLikeExpression(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    // `Token{a64f992`, `Foo(bar`: an opener without its closer is code or a
    // printed object, cut at the first space.
    var depth = 0
    for index in range {
      switch bytes[index] {
      case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
      default: break
      }
    }
    if depth > 0 { return true }
    var index = range.lowerBound
    var digits = false
    while index < range.upperBound {
      let first = bytes[index]
      guard (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A || first == UInt8(ascii: "_") || first == UInt8(ascii: "$") else { return false }
      while index < range.upperBound && (SecretBytes.alphanumeric.contains(bytes[index]) || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "$")) {
        if bytes[index] >= 0x30 && bytes[index] <= 0x39 { digits = true }
        index += 1
      }
      if index == range.upperBound { return !digits }
      let stop = bytes[index]
      if stop == UInt8(ascii: "(") || stop == UInt8(ascii: "[") { return true }
      // `android.os.BinderProxy@2bd79ce`: a printed object reference.
      if stop == UInt8(ascii: "@"), index + 1 < range.upperBound, ((index + 1)..<range.upperBound).allSatisfy({ SecretBytes.hex.contains(bytes[$0]) }) { return true }
      guard stop == UInt8(ascii: "."), index + 1 < range.upperBound else { return false }
      index += 1
    }
    return false
  }

  /// `subnet-0e2907431c9988b72`, `vol-049df61146c4d7901`: a short lower-case
  /// word, a dash, hex. Cloud resource ids, not credentials.
  static func isResourceID(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var index = range.lowerBound
    while index < range.upperBound && bytes[index] >= 0x61 && bytes[index] <= 0x7A { index += 1 }
    guard index > range.lowerBound, index - range.lowerBound <= 12, index < range.upperBound, bytes[index] == UInt8(ascii: "-") else { return false }
    let hex = (index + 1)..<range.upperBound
    return hex.count >= 8 && hex.allSatisfy { SecretBytes.hex.contains(bytes[$0]) }
  }

  /// `my-app/build-1508.war`, `keys/prod.pem`: a path ending in a file
  /// extension names where a secret is, not the secret.
  static func isFilePath(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    guard range.contains(where: { bytes[$0] == UInt8(ascii: "/") }) else { return false }
    return hasFileExtension(bytes, range)
  }

  /// `….png`, `….json`: a dot and two to four lower-case letters at the end.
  static func hasFileExtension(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    guard range.count > 3 else { return false }
    var dot = range.upperBound - 1
    while dot > range.lowerBound && range.upperBound - dot <= 5 && bytes[dot] != UInt8(ascii: ".") { dot -= 1 }
    let extensionLength = range.upperBound - dot - 1
    guard bytes[dot] == UInt8(ascii: "."), (2...4).contains(extensionLength) else { return false }
    return ((dot + 1)..<range.upperBound).allSatisfy { bytes[$0] >= 0x61 && bytes[$0] <= 0x7A }
  }

  /// `8-4-4-4-12` hex: an identifier when the key does not say secret.
  static func isUUID(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    guard range.count == 36 else { return false }
    for (offset, index) in range.enumerated() {
      let byte = bytes[index]
      if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
        if byte != UInt8(ascii: "-") { return false }
      } else if !SecretBytes.hex.contains(byte) {
        return false
      }
    }
    return true
  }

  /// Top-level domains that end host names in configuration.
  static let topLevelDomains: [[UInt8]] = [
    "com", "net", "org", "io", "dev", "app", "co", "ai", "cloud", "local", "internal", "corp", "lan", "edu", "gov",
    "info", "biz", "us", "uk", "de", "fr", "nl", "eu", "jp", "cn", "ru", "br", "in", "ca", "au", "me", "tech", "site",
  ].map { Array($0.utf8) }

  /// `tn1vjduk6fjhoqscmqx9hpa.kanbantool.com`: lower-case labels separated
  /// by dots, the last one a known top-level domain. A host, even with a
  /// random label, is where a credential is used, not the credential.
  static func isHostname(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var dots = 0
    var lastDot = -1
    for index in range {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        guard index > range.lowerBound, index != lastDot + 1 else { return false }
        dots += 1
        lastDot = index
      } else if !(byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 || byte == UInt8(ascii: "-")) {
        return false
      }
    }
    guard dots >= 1, lastDot < range.upperBound - 1 else { return false }
    let tld = (lastDot + 1)..<range.upperBound
    return topLevelDomains.contains { $0.count == tld.count && SecretBytes.hasPrefix(bytes, tld, $0) }
  }

  /// `name@host.tld`: an address, not a secret.
  static func isEmail(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var at = -1
    for index in range where bytes[index] == UInt8(ascii: "@") {
      guard at < 0 else { return false }
      at = index
    }
    guard at > range.lowerBound, at + 1 < range.upperBound else { return false }
    for index in range.lowerBound..<at {
      let byte = bytes[index]
      guard SecretBytes.alphanumeric.contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") else { return false }
    }
    return isHostname(bytes, (at + 1)..<range.upperBound)
  }

  /// `ECC_NIST_P256`, `AES_256_GCM`, `RSA_2048`: an upper-case constant
  /// (settings, enum cases), its segments words or short codes.
  static func isConstantName(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var underscores = 0
    var segmentStart = range.lowerBound
    for index in range.lowerBound...range.upperBound {
      if index == range.upperBound || bytes[index] == UInt8(ascii: "_") {
        let segment = segmentStart..<index
        guard !segment.isEmpty else { return false }
        let letters = segment.allSatisfy { bytes[$0] >= 0x41 && bytes[$0] <= 0x5A }
        guard letters || segment.count <= 4 else { return false }
        if index < range.upperBound { underscores += 1 }
        segmentStart = index + 1
        continue
      }
      let byte = bytes[index]
      guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) else { return false }
    }
    return underscores > 0
  }

  /// `ec2:InstanceMarketType`, `aws.s3.BucketName`: names joined by
  /// separators, each a lower-case word or CamelCase humps (an upper-case
  /// letter then at least two lower-case ones), digits only in short
  /// segments. Random mixed-case tokens break the hump rule at once.
  static func isIdentifierPath(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var longest = 0
    for segment in segments(bytes, range, separatedBy: pathSeparators) {
      if segment.count > 3 {
        guard isCamelWord(bytes, segment) else { return false }
      } else if !segment.allSatisfy({ SecretBytes.alphanumeric.contains(bytes[$0]) }) {
        return false
      }
      longest = max(longest, segment.count)
    }
    return longest >= 8
  }

  /// `InstanceMarketType`, `bucketName`, `region`: humps of one optional
  /// capital and two or more lower-case letters.
  static func isCamelWord(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var index = range.lowerBound
    while index < range.upperBound {
      let first = bytes[index]
      if first >= 0x41 && first <= 0x5A { index += 1 }
      var lower = 0
      while index < range.upperBound && bytes[index] >= 0x61 && bytes[index] <= 0x7A { lower += 1; index += 1 }
      guard lower >= 2 else { return false }
      if index < range.upperBound, !(bytes[index] >= 0x41 && bytes[index] <= 0x5A) { return false }
    }
    return true
  }
}
