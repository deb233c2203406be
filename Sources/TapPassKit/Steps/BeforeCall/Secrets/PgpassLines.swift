/// Lines of a PostgreSQL password file (`~/.pgpass`, `PGPASSFILE`):
/// `hostname:port:database:username:password`, where any of the first four
/// may be `*` and a `:` or `\` inside a field is escaped with `\`
/// (PostgreSQL manual, "The Password File"). No key word names the
/// password, so the line's shape must: it starts the line, the port is
/// digits or `*`, and the password runs to the line's end without another
/// bare colon or a blank, which rules out IPv6 and MAC addresses, clock
/// times and `/etc/passwd` lines (whose second field is `x`).
extension SecretInspector {
  /// The match arrives at its end, one byte into the password.
  func pgpassLine(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    var position = match.end - 1
    while position > 0 && match.end - position < 1024 && !Self.startsPgpassLine(bytes, position) { position -= 1 }
    var fields: [Range<Int>] = []
    var fieldStart = position
    while position < bytes.count && fields.count < 4 && bytes[position] != 0x0A && bytes[position] != 0x0D {
      if bytes[position] == UInt8(ascii: "\\") { position += 2; continue }
      if bytes[position] == UInt8(ascii: ":") {
        fields.append(fieldStart..<position)
        fieldStart = position + 1
      }
      position += 1
    }
    guard fields.count == 4, fields.allSatisfy({ !$0.isEmpty }),
      fields[0].allSatisfy({ SecretBytes.keyName.contains(bytes[$0]) || bytes[$0] == UInt8(ascii: "*") }),
      fields[1].count <= 5, fields[1].allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) || (fields[1].count == 1 && bytes[fields[1].lowerBound] == UInt8(ascii: "*"))
    else { return nil }
    // A host name, an address or `*`: something a letter, a dot or a star marks.
    let host = fields[0]
    guard host.contains(where: { bytes[$0] == UInt8(ascii: ".") || bytes[$0] == UInt8(ascii: "*") || SecretBytes.alphanumeric.contains(bytes[$0]) && bytes[$0] > 0x39 }) else { return nil }
    var end = fieldStart
    while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D && bytes[end] != UInt8(ascii: "\"") {
      // `\:` and `\\` escape the file's own separators; `\n`, `\r`, `\"`
      // are JSON escapes and end the line of a file inside a string.
      if bytes[end] == UInt8(ascii: "\\"), end + 1 < bytes.count {
        let next = bytes[end + 1]
        if next == UInt8(ascii: "n") || next == UInt8(ascii: "r") || next == UInt8(ascii: "\"") { break }
        end += 2
        continue
      }
      if bytes[end] == UInt8(ascii: ":") || SecretBytes.isSpace(bytes[end]) { return nil }
      end += 1
    }
    end = min(end, bytes.count)
    guard end > fieldStart else { return nil }
    let assignment = Assignment(key: fields[3], value: fieldStart..<end, quoted: true)
    return keyed.judge(bytes, assignment, KeyMeaning(type: "generic_password", strength: .password), rule: "pgpass-line")
  }

  /// Whether a line of the file starts at `index`: after a line break, a
  /// quote or a `\n` escape.
  static func startsPgpassLine(_ bytes: [UInt8], _ index: Int) -> Bool {
    let before = bytes[index - 1]
    return before == 0x0A || before == 0x0D || before == UInt8(ascii: "\"")
      || (index >= 2 && before == UInt8(ascii: "n") && bytes[index - 2] == UInt8(ascii: "\\"))
  }
}
