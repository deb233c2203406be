/// The values of a Kubernetes `Secret` manifest: every entry under its
/// `data:` (base64 of the secret) and `stringData:` (the secret in clear)
/// is a secret by the author's own declaration, whatever its key is called
/// (`sendgrid:`, `config.json:`), which no key-word rule can know. The
/// expression anchors on the `kind: Secret` line; the validator walks the
/// YAML document around it (between `---` separators) and reports each
/// entry whose value is not a stand-in, except entries whose key names
/// what identifies rather than authenticates (`username`, `host`, `port`)
/// and public certificates (`tls.crt`, `ca.crt`). A `data:` value is judged
/// on what it decodes to, and reported as written. Keys that name a
/// secret are also found by the key-word rule, whose higher score keeps
/// its type.
extension SecretInspector {
  /// Key endings (lower-cased, `_ - .` removed) of entries that are not secrets.
  static let kubernetesPublicKeys: [[UInt8]] = [
    "user", "username", "login", "host", "hostname", "port", "database", "dbname", "name", "email", "namespace",
    "region", "endpoint", "server", "address", "crt", "cert", "certificate", "ca",
  ].map { Array($0.utf8) }

  /// `scanned`: starts of documents already read (a `List` of several
  /// `Secret` items is one document).
  func kubernetesSecret(_ bytes: [UInt8], _ match: PatternMatch, scanned: inout Set<Int>) -> [Candidate] {
    let limit = 65_536
    var documentStart = match.start
    while documentStart > 0 && match.start - documentStart < limit && !Self.separatorLine(bytes, documentStart) { documentStart -= 1 }
    guard scanned.insert(documentStart).inserted else { return [] }
    var candidates: [Candidate] = []
    // The block being read: its key's indentation, whether it is `data:`,
    // and the indentation of its entries once the first is seen.
    var block: (indent: Int, encoded: Bool, entryIndent: Int?)?
    var lineStart = documentStart
    while lineStart < bytes.count && lineStart - match.start < limit {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }
      if lineStart >= match.end && Self.separatorLine(bytes, lineStart) { break }
      var textStart = lineStart
      while textStart < lineEnd && SecretBytes.isSpace(bytes[textStart]) { textStart += 1 }
      guard textStart < lineEnd, bytes[textStart] != UInt8(ascii: "#") else { continue }
      let indent = textStart - lineStart
      if let current = block, indent > current.indent {
        if current.entryIndent == nil { block?.entryIndent = indent }
        guard indent == block?.entryIndent, let found = kubernetesEntry(bytes, textStart..<lineEnd, encoded: current.encoded) else { continue }
        candidates.append(found)
        continue
      }
      block = nil
      let line = textStart..<lineEnd
      if Self.isBlockKey(bytes, line, "data:") { block = (indent, true, nil) } else if Self.isBlockKey(bytes, line, "stringdata:") { block = (indent, false, nil) }
    }
    return candidates
  }

  /// `key: value` of one entry; nil for public keys, block scalars and stand-ins.
  func kubernetesEntry(_ bytes: [UInt8], _ line: Range<Int>, encoded: Bool) -> Candidate? {
    var colon = line.lowerBound
    while colon < line.upperBound && bytes[colon] != UInt8(ascii: ":") { colon += 1 }
    guard colon < line.upperBound else { return nil }
    var key: [UInt8] = []
    for index in line.lowerBound..<colon where SecretBytes.alphanumeric.contains(bytes[index]) { key.append(SecretBytes.lower(bytes[index])) }
    guard !key.isEmpty, !Self.kubernetesPublicKeys.contains(where: { key.count >= $0.count && Array(key.suffix($0.count)) == $0 }) else { return nil }
    var start = colon + 1
    while start < line.upperBound && SecretBytes.isSpace(bytes[start]) { start += 1 }
    var end = start
    // A comment after the value: ` #` outside quotes.
    while end < line.upperBound && !(bytes[end] == UInt8(ascii: "#") && SecretBytes.isSpace(bytes[end - 1]) && !SecretBytes.isQuote(bytes[start])) { end += 1 }
    while end > start && SecretBytes.isSpace(bytes[end - 1]) { end -= 1 }
    if end - start >= 2, SecretBytes.isQuote(bytes[start]), bytes[end - 1] == bytes[start] { start += 1; end -= 1 }
    guard end > start, bytes[start] != UInt8(ascii: "|"), bytes[start] != UInt8(ascii: ">") else { return nil }
    let value: [UInt8]
    if encoded {
      guard let decoded = FormatChecks.base64Decoded(bytes, start..<end) else { return nil }
      value = decoded
    } else {
      value = Array(bytes[start..<end])
    }
    let whole = 0..<value.count
    guard value.count >= configuration.minPasswordLength, !value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      !placeholders.isPlaceholder(value, whole), !Placeholders.containsTemplateReference(value, whole),
      value.first != UInt8(ascii: "<") else { return nil }
    return Candidate(start: start, end: end, type: "generic_secret", score: 0.7, severity: .high, reasons: ["kubernetes-secret"])
  }

  /// `data:` / `stringData:` with nothing after it but blanks or a comment.
  static func isBlockKey(_ bytes: [UInt8], _ line: Range<Int>, _ word: StaticString) -> Bool {
    guard SecretBytes.hasPrefix(bytes, line, word) else { return false }
    var rest = line.lowerBound + word.utf8CodeUnitCount
    while rest < line.upperBound && SecretBytes.isSpace(bytes[rest]) { rest += 1 }
    return rest == line.upperBound || bytes[rest] == UInt8(ascii: "#")
  }

  /// Whether a YAML document separator (`---` at a line's start) begins at `index`.
  static func separatorLine(_ bytes: [UInt8], _ index: Int) -> Bool {
    (index == 0 || bytes[index - 1] == 0x0A || bytes[index - 1] == 0x0D) && SecretBytes.hasPrefix(bytes, index..<bytes.count, "---")
  }
}
