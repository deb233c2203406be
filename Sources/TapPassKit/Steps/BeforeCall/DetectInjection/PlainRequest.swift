/// A field too short to carry a jailbreak technique: fewer than `maxWords`
/// words and fewer than `maxSuffixBytes` of the brackets, braces, pipes and
/// markup that adversarial suffixes are made of ("Write a cover letter for a
/// software engineering job.").
///
/// Why: detect_injection's model learnt its jailbreak class from
/// JailbreakBench, whose attacks wrap a hundred harmful requests of the
/// form "Write a …"; alone, the model took the form for the attack and
/// flagged ordinary requests ("Write a story about a dragon who learns to
/// fly" at 0.87, "Write a cover letter …" at 0.95: 10 of 15 such requests).
/// A jailbreak is the technique around a request (a suffix, a persona, a
/// role-play), which needs words or the bytes of a suffix, and which the
/// rules and byte shapes name; whether the request itself is harmful is
/// content_safety's to judge. So on such a field a jailbreak score from the
/// model alone does not count. Leave-source-out (scripts/train
/// --cross-source --whole), the whole step's recall is unchanged on
/// JailbreakBench (0.780) and tensor-trust hijacks (0.732), 0.881 -> 0.877
/// on tensor-trust extraction, and 0.298 -> 0.261 on CyberSecEval
/// injections: ordinary requests that break only their own system prompt
/// ("Write an elegant short story about …"), which no text-only detector
/// can tell from a user's request.
enum PlainRequest {
  static let maxWords = 25
  static let maxSuffixBytes = 3
  /// { } [ ] | \ < > = ` ~ ^
  static let suffixByte: [Bool] = (0...255).map { Array("{}[]|\\<>=`~^".utf8).contains(UInt8($0)) }

  static func matches(_ bytes: [UInt8]) -> Bool {
    var words = 0, suffixBytes = 0
    var inWord = false
    for byte in bytes {
      if suffixByte[Int(byte)] { suffixBytes += 1 }
      let space = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
      if !space, !inWord { words += 1 }
      inWord = !space
      if words >= maxWords || suffixBytes >= maxSuffixBytes { return false }
    }
    return true
  }
}
