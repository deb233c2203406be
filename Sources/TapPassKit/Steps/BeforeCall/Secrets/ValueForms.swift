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
    var start = range.lowerBound
    var index = range.lowerBound
    while index <= range.upperBound {
      let separator = index == range.upperBound || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "-")
        || bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "/") || bytes[index] == UInt8(ascii: "=")
        || bytes[index] == UInt8(ascii: ":")
      if separator {
        let length = index - start
        if length > 0 {
          segments += 1
          total += length
          var letters = 0
          for position in start..<index where (bytes[position] | 0x20) >= 0x61 && (bytes[position] | 0x20) <= 0x7A { letters += 1 }
          if letters == length || length <= 2 { wordy += length }
        }
        start = index + 1
      }
      index += 1
    }
    return segments >= 3 && Double(wordy) >= Double(total) * share
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
}
