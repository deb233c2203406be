/// Where a key stands, for `key value` written without an operator.
///
/// In prose a secret word followed by a word is usually not an assignment
/// (`password reset`, `token expired`), so such a value only counts when it
/// is long and random (`KeyedValues`). Two places where the space *is* the
/// operator, by the grammar of the text, are recognised here:
/// - a command-line option: `--password Xk2…`, `--api-token …`,
///   `keytool -storepass …`: the option's argument is its value;
/// - a `.netrc` entry (curl, git, ftp, Heroku CLI): `machine <host> login
///   <user> password <value>`, on one line or with `login` on the line
///   before `password`.
enum KeyContexts {
  /// Whether `key` (the key's bytes, dashes included) is a command-line
  /// option that takes a secret: one or two dashes and a letter at a word
  /// start, whose last word names the secret (`--admin-password`,
  /// `-storepass`, `--api-token`). Options whose secret word only
  /// qualifies another noun take something else (`--key-schema
  /// AttributeName=…`, `--token-validity-units …`), and `--no-pass` is a
  /// switch followed by the next argument.
  static func isCommandOption(_ bytes: [UInt8], _ key: Range<Int>) -> Bool {
    var index = key.lowerBound
    guard index < key.upperBound, bytes[index] == UInt8(ascii: "-") else { return false }
    if index > 0, !(SecretBytes.isSpace(bytes[index - 1]) || bytes[index - 1] == 0x0A || bytes[index - 1] == 0x0D) { return false }
    index += 1
    if index < key.upperBound, bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < key.upperBound else { return false }
    let first = SecretBytes.lower(bytes[index])
    guard first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") else { return false }
    if SecretBytes.hasPrefix(bytes, index..<key.upperBound, "no-") || SecretBytes.hasPrefix(bytes, index..<key.upperBound, "no_") { return false }
    var lastWord = key.upperBound
    while lastWord > index && SecretBytes.alphanumeric.contains(bytes[lastWord - 1]) { lastWord -= 1 }
    return optionSecretWords.contains { SecretBytes.contains(bytes, lastWord..<key.upperBound, $0) }
  }

  /// Words that, in an option's last word, say it takes a secret.
  static let optionSecretWords: [[UInt8]] = ["pass", "pwd", "secret", "token", "key", "credential"].map { Array($0.utf8) }

  /// Whether `key` is the `password` of a `.netrc` entry: the word
  /// `machine` or `default` comes before it on its line (which may sit in
  /// a JSON string, `{"input": "machine …`), or the key begins its line
  /// and the line before begins with `login` or `machine`.
  static func isNetrcPassword(_ bytes: [UInt8], _ key: Range<Int>) -> Bool {
    guard key.count == 8, SecretBytes.hasPrefix(bytes, key, "password") else { return false }
    let lineStart = lineStart(bytes, before: key.lowerBound)
    for index in lineStart..<key.lowerBound where index == lineStart || !SecretBytes.alphanumeric.contains(bytes[index - 1]) {
      if startsWord(bytes, index, "machine") || startsWord(bytes, index, "default") { return true }
    }
    let first = firstWord(bytes, lineStart)
    guard first == key.lowerBound, lineStart > 0 else { return false }
    var previousEnd = lineStart - 1
    if previousEnd > 0, bytes[previousEnd] == 0x0A, bytes[previousEnd - 1] == 0x0D { previousEnd -= 1 }
    let previous = firstWord(bytes, self.lineStart(bytes, before: previousEnd))
    return startsWord(bytes, previous, "login") || startsWord(bytes, previous, "machine")
  }

  /// The start of the line holding `position` (at most 256 bytes back).
  static func lineStart(_ bytes: [UInt8], before position: Int) -> Int {
    var start = position
    while start > 0 && position - start < 256 && bytes[start - 1] != 0x0A && bytes[start - 1] != 0x0D { start -= 1 }
    return start
  }

  /// The first non-blank byte at or after `lineStart`.
  static func firstWord(_ bytes: [UInt8], _ lineStart: Int) -> Int {
    var index = lineStart
    while index < bytes.count && SecretBytes.isSpace(bytes[index]) { index += 1 }
    return index
  }

  /// Whether `word` (lower-case) followed by a blank starts at `position`.
  static func startsWord(_ bytes: [UInt8], _ position: Int, _ word: StaticString) -> Bool {
    let end = position + word.utf8CodeUnitCount
    return end < bytes.count && SecretBytes.hasPrefix(bytes, position..<bytes.count, word) && SecretBytes.isSpace(bytes[end])
  }
}
