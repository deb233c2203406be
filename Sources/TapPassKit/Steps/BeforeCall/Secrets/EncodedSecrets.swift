/// Credentials wrapped once more in base64: a Kubernetes `Secret`'s `data:`
/// values, kubeconfig `client-key-data`, CI variables and Helm values hold
/// JWTs and PEM private keys this way. Base64 of a text starting with `eyJ`
/// always starts with `ZXlK`, and of `-----BEGIN` with `LS0tLS1CRUdJTi`,
/// as long as the encoded text starts there; so the expression only needs
/// those prefixes, and the validator decodes the run and hands the result
/// to the JWT or private-key check, which applies its own layout and
/// placeholder tests. The finding covers the encoded run, which is what a
/// reader would redact.
extension SecretInspector {
  static let encodedAlphabet = SecretBytes.Set("A-Za-z0-9+/_-")

  func encodedSecret(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    let start = match.start
    // Inside a longer base64 run the prefix is not at a 3-byte boundary of
    // the encoded text, so it decodes to something else.
    if start > 0, Self.encodedAlphabet.contains(bytes[start - 1]) { return nil }
    var end = SecretBytes.runEnd(bytes, from: match.end, in: Self.encodedAlphabet, limit: start + 8192)
    while end < bytes.count && end - start < 8192 && bytes[end] == UInt8(ascii: "=") { end += 1 }
    guard let decoded = FormatChecks.base64Decoded(bytes, start..<end), decoded.count >= 16 else { return nil }
    let inner: Candidate?
    if decoded[0] == UInt8(ascii: "e") {
      inner = jwt(decoded, PatternMatch(pattern: match.pattern, start: 0, end: 13))
    } else {
      guard let marker = SecretBytes.find(decoded, "PRIVATE KEY", from: 0, limit: min(decoded.count, 64)) else { return nil }
      inner = privateKey(decoded, PatternMatch(pattern: match.pattern, start: 0, end: marker + 11))
    }
    guard let inner else { return nil }
    return Candidate(start: start, end: end, type: inner.type, score: inner.score, severity: inner.severity, reasons: ["base64-wrapped"] + inner.reasons)
  }
}
