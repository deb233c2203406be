/// Validates a vendor-prefix match: extends it over the format's alphabet,
/// checks that it stands alone (no token character on either side), checks
/// the length and the format's own check, and rejects documentation
/// stand-ins (`ghp_xxxx…`, `…EXAMPLE`, `${TOKEN}`).
extension SecretInspector {
  enum VendorVerdict {
    case found(Candidate)
    /// The value is this vendor's format but a stand-in or malformed: no
    /// other rule may report it either.
    case rejected
    /// Not this format after all (another vendor's token may share the
    /// prefix, e.g. `sk-` keys of other services).
    case notApplicable
  }

  func vendorToken(_ bytes: [UInt8], _ match: PatternMatch, _ format: VendorFormat) -> VendorVerdict {
    let start = match.start - format.lead
    guard start >= 0, (start..<match.start).allSatisfy({ format.alphabet.contains(bytes[$0]) }) else { return .notApplicable }
    if start > 0 {
      let before = bytes[start - 1]
      if SecretBytes.alphanumeric.contains(before) || (format.alphabet.contains(before) && before != UInt8(ascii: "=") && before != UInt8(ascii: "/")) { return .notApplicable }
    }
    // The match covers the prefix and the first body characters; the body
    // continues over the format's alphabet (prefixes may hold other bytes).
    let end = SecretBytes.runEnd(bytes, from: match.end, in: format.alphabet, limit: start + format.length.upperBound + 1)
    // A trailing `.`/`-`/`,` usually punctuates the sentence, not the token.
    var stop = end
    while stop > match.end && (bytes[stop - 1] == UInt8(ascii: ".") || bytes[stop - 1] == UInt8(ascii: "-") || bytes[stop - 1] == UInt8(ascii: ","))
      && (!format.length.contains(stop - start) || bytes[stop - 1] != UInt8(ascii: "-")) { stop -= 1 }
    let range = start..<stop
    guard format.length.contains(range.count) else {
      return format.exclusivePrefix && range.count < format.length.lowerBound ? .rejected : .notApplicable
    }
    if stop < bytes.count, SecretBytes.alphanumeric.contains(bytes[stop]) { return .notApplicable }
    if placeholders.isMasked(bytes, range, sequentialRun: nil) { return .rejected }
    // `xoxp-572370529330-…-####`: the token continues as a mask.
    if stop < bytes.count, bytes[stop] == UInt8(ascii: "*") || bytes[stop] == UInt8(ascii: "#") { return .rejected }

    var score = format.score
    var severity = format.severity
    var reasons = [format.name]
    switch format.check {
    case .none:
      break
    case .githubChecksum:
      if range.count == 40 {
        if FormatChecks.githubChecksumValid(bytes, range) {
          score = 0.99
          reasons.append("crc32")
        } else {
          score = 0.8
          reasons.append("crc32_mismatch")
        }
      }
    case .slackLayout:
      guard FormatChecks.slackLayoutValid(bytes, range) else { return .rejected }
    case .anthropicLayout:
      guard FormatChecks.anthropicLayoutValid(bytes, range) else { return .rejected }
      score = 0.98
    case .openAIMarker:
      guard FormatChecks.openAIMarkerPresent(bytes, range) else {
        // `sk-proj-` without the marker is a look-alike; a bare `sk-` may be another vendor's.
        return match.end - match.start > 19 ? .rejected : .notApplicable
      }
      score = 0.98
    case .gitlabLength:
      guard FormatChecks.gitlabLengthValid(bytes, range) else { return .rejected }
    case .notHex:
      // Prefixes that also start file names and digests (`ico-<md5>.png`):
      // a random base62 body always holds a non-hex letter.
      guard range.contains(where: { !SecretBytes.hex.contains(bytes[$0]) && SecretBytes.alphanumeric.contains(bytes[$0]) && $0 >= match.start + 4 }) else { return .notApplicable }
    }
    if let marker = format.testKeyMarker, FormatChecks.containsExact(bytes, range, marker) {
      score = min(score, 0.8)
      severity = .medium
      reasons.append("test_key")
    }
    return .found(Candidate(start: range.lowerBound, end: range.upperBound, type: format.type, score: score, severity: severity, reasons: reasons))
  }

  /// An AWS secret access key is 40 base64 characters with no prefix of its
  /// own; it is only recognisable next to its access key id. Looks for one
  /// standalone 40-character run within a few lines of the id.
  func awsSecretNear(_ bytes: [UInt8], _ id: Range<Int>) -> Candidate? {
    let window = max(0, id.lowerBound - 400)..<min(bytes.count, id.upperBound + 400)
    let alphabet = SecretBytes.Set("A-Za-z0-9/+")
    var index = window.lowerBound
    while index < window.upperBound {
      guard alphabet.contains(bytes[index]) else { index += 1; continue }
      let end = SecretBytes.runEnd(bytes, from: index, in: alphabet, limit: window.upperBound)
      let standalone = (index == 0 || !SecretBytes.token.contains(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "="))
        && (end == bytes.count || !SecretBytes.alphanumeric.contains(bytes[end]))
      if end - index == 40, standalone {
        let range = index..<end
        let shape = ValueShape(bytes, range)
        if shape.upper > 0, shape.lower > 0, shape.digits > 0, shape.entropy >= 4, !placeholders.isMasked(bytes, range) {
          return Candidate(start: index, end: end, type: "aws_secret_access_key", score: 0.9, severity: .critical, reasons: ["aws-secret-near-key-id"])
        }
      }
      index = end
    }
    return nil
  }
}
