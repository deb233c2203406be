/// Tokens of vendors no rule knows, recognised by the shape most services
/// now give their keys: a short lower-case prefix naming the service and
/// often the key's kind (`acme_`, `acme_live_`, `ak-prod-`), then a long
/// random body (`acme_live_Q7vXk2mR9tLp4WzN8cYb3HsJ…`). GitHub made the
/// shape common (github.blog, 2021-04-05) and Stripe, npm, PyPI, Hugging
/// Face, Linear, Doppler, Postman and most newer APIs followed it, so it
/// finds keys of services added after this table was written.
///
/// The shape alone is also the shape of public object ids (`cus_…`,
/// `msg_01…`, `chatcmpl-…`, `pk_live_…`), content hashes and file names,
/// so each test here is a reason a real id could not look like that:
/// - the prefix stands alone (not inside a path, a URL, a blob or a word);
/// - the prefix is not one of the object-id prefixes APIs print in every
///   response (`idPrefixes`);
/// - a base62 body is long (≥ 30: KSUIDs and Stripe ids are shorter) and
///   random: both cases, and digits or frequent case changes;
/// - a hex or lower-case body (which hashes and ids also have) counts only
///   when the prefix names a key kind (`_live_`, `_sk_`, `_pat_`), and hex
///   in mixed case never (random base62 is never all hex letters);
/// - placeholders and typed runs are stand-ins, as for keyed values.
extension SecretInspector {
  /// Prefixes of identifiers that API responses, logs and tool results
  /// carry everywhere: payment objects, chat messages and tool calls,
  /// jobs, cloud resources, digests. Lower-case, compared to the first
  /// prefix segment.
  static let idPrefixes: [[UInt8]] = [
    "pk", "cs", "pi", "cus", "ch", "evt", "price", "prod", "sub", "in", "txn", "acct", "seti", "src", "pm", "po", "ii", "il", "si", "tok",
    "msg", "toolu", "srvtoolu", "call", "file", "asst", "thread", "run", "step", "req", "resp", "chatcmpl", "cmpl", "batch", "ft", "ftjob",
    "modr", "gen", "vs", "org", "proj", "user", "sess", "session", "trace", "span", "job", "build", "commit", "sha", "sha1", "sha256",
    "sha384", "sha512", "md5", "blob", "img", "image", "vol", "snap", "ami", "sg", "subnet", "vpc", "eni", "i", "rtb", "igw", "nat", "lt",
    "eipalloc", "uuid", "id", "ref", "data", "node", "pod", "log", "event", "order", "invoice", "payment", "charge", "card", "sku", "item",
    "ticket", "issue", "doc", "page", "dt", "cg", "lic", "tx", "ulid", "ksuid", "test", "tmp", "temp", "cache",
    // Stand-in names: `foo_wWPw5k…` is a made-up key, not a vendor's.
    "foo", "bar", "baz", "qux", "my", "your", "some", "example", "sample", "dummy", "fake", "demo", "mock",
  ].map { Array($0.utf8) }

  /// Prefix segments that name a key's kind or environment.
  static let keyKinds: [[UInt8]] = [
    "live", "test", "prod", "sk", "pat", "api", "key", "secret", "sec", "tkn", "pt", "token", "private", "priv", "auth", "access",
    "oauth", "rw", "svc", "admin", "bot", "sa",
  ].map { Array($0.utf8) }

  static let tokenBody = SecretBytes.Set("A-Za-z0-9_-")

  /// The candidate for a prefixed token whose match starts at the last
  /// character of its prefix, or at a character of its body before a `_`
  /// or `-` (the separator and 20 body characters follow).
  func prefixedToken(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    // The token's start: the start of its run of token characters.
    var start = match.start
    while start > 0 && match.start - start < 300 && Self.tokenBody.contains(bytes[start - 1]) { start -= 1 }
    // The prefix starts with a letter and stands alone: not inside a word,
    // a blob, a dotted name, a path or an assignment's value.
    guard bytes[start] >= 0x61 && bytes[start] <= 0x7A, start == 0 || !(Self.joiners.contains(bytes[start - 1]) || Self.tokenBody.contains(bytes[start - 1])) else { return nil }
    let end = SecretBytes.runEnd(bytes, from: start, in: Self.tokenBody, limit: start + 301)
    guard end - start <= 300 else { return nil }
    // `acme_…Q.png`, `acme_…Q.example.com`: a file or host name.
    if end < bytes.count, bytes[end] == UInt8(ascii: "."), end + 1 < bytes.count, SecretBytes.alphanumeric.contains(bytes[end + 1]) { return nil }
    // The prefix: up to three lower-case segments of at most 12 characters.
    var segments: [Range<Int>] = []
    var position = start
    while segments.count < 3 {
      let segmentEnd = SecretBytes.runEnd(bytes, from: position, in: Self.lowerAlphanumeric, limit: position + 13)
      guard segmentEnd > position, segmentEnd - position <= 12, segmentEnd < end,
        bytes[segmentEnd] == UInt8(ascii: "_") || bytes[segmentEnd] == UInt8(ascii: "-") else { break }
      segments.append(position..<segmentEnd)
      position = segmentEnd + 1
      // The body starts where a segment has upper case or runs long.
      let next = SecretBytes.runEnd(bytes, from: position, in: Self.lowerAlphanumeric, limit: position + 13)
      if next - position > 12 || next == position || next >= end || !(bytes[next] == UInt8(ascii: "_") || bytes[next] == UInt8(ascii: "-")) { break }
    }
    // The matched separator ends the prefix or sits inside the body
    // (`sk-proj-Ab_9…`: the body's first 20 characters hold a `_`).
    guard let first = segments.first, position <= match.start + 2, match.start + 2 < end else { return nil }
    if Self.idPrefixes.contains(where: { $0.count == first.count && SecretBytes.hasPrefix(bytes, first, $0) }) { return nil }
    let body = position..<end
    guard body.count >= 24 else { return nil }
    let range = start..<end
    if placeholders.isPlaceholder(bytes, range) { return nil }
    let shape = ValueShape(bytes, body)
    let kind = segments.contains { segment in Self.keyKinds.contains { $0.count == segment.count && SecretBytes.hasPrefix(bytes, segment, $0) } }
    // Mixed-case hex (`4085FB0ccaDDd29…`, a stray `G` at most) is typed,
    // not generated: base62 draws 12 of its 52 letters from `a-f`/`A-F`.
    // It takes the hex branch, which wants one case.
    var hexLetters = 0
    for index in body where (bytes[index] | 0x20) >= 0x61 && (bytes[index] | 0x20) <= 0x66 { hexLetters += 1 }
    let hexLike = hexLetters * 10 >= shape.letters * 9
    if !hexLike && shape.upper >= 2 && shape.lower >= 2 {
      let random = shape.digits >= 2 || KeyedValues.caseChanges(bytes, body) * 5 >= body.count * 2
      guard body.count >= 30, random, shape.entropy >= 4.0, shape.dominance <= 0.2 else { return nil }
    } else {
      // Hex or lower case and digits: hashes and ids look the same.
      guard kind, shape.upper == 0 || shape.lower == 0, body.count >= 32, shape.digits >= 4, shape.entropy >= 3.0, shape.dominance <= 0.25,
        !Placeholders.hasSequentialRun(bytes, body, length: 6) else { return nil }
    }
    return Candidate(start: start, end: end, type: "api_key", score: kind ? 0.75 : 0.7, severity: .high, reasons: ["prefixed-token"])
  }

  static let lowerAlphanumeric = SecretBytes.Set("a-z0-9")
  /// Bytes that join what follows to what precedes (`x.acme_…`, `/acme_…`).
  static let joiners = SecretBytes.Set(".+/=")
}
