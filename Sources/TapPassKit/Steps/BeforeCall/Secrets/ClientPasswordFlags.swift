/// Passwords given to a client program as the argument of a short flag:
/// `mysql -pS3cret`, `sshpass -p 'S3cret' ssh …`, `redis-cli -a S3cret`,
/// `mongosh -u admin -p S3cret`, `ldapsearch -D cn=admin -w S3cret`,
/// `docker login -u ci -p S3cret`, `sqlcmd -U sa -P S3cret`, and Samba's
/// `smbclient -U user%S3cret`.
///
/// The same letters mean other things to other programs (`mkdir -p`,
/// `ssh -p 2222`, `ls -a`, `grep -w`, `docker run -p 80:80`), so a flag
/// counts only on a line that runs one of the clients listed for it, and
/// only in the forms that client reads: the MySQL clients take the
/// password glued to `-p` (`-p db` prompts, then names a database), the
/// others take it as the next argument. Each client's manual documents
/// its flag.
struct ClientPasswordFlag: Sendable {
  /// Program names (or `program subcommand`) that must appear earlier on
  /// the line, at a word start. Lower-case.
  var clients: [[UInt8]]
  var flag: UInt8
  var glued: Bool
  var spaced: Bool
  /// The argument is `user<separator>password` (Samba's `user%password`);
  /// without the separator it is a user name alone and the client prompts.
  var separator: UInt8?

  init(_ clients: [String], flag: Character, glued: Bool, spaced: Bool, separator: Character? = nil) {
    self.clients = clients.map { Array($0.utf8) }
    self.flag = flag.asciiValue!
    self.glued = glued
    self.spaced = spaced
    self.separator = separator?.asciiValue
  }

  static let all: [ClientPasswordFlag] = [
    ClientPasswordFlag(["mysql", "mariadb"], flag: "p", glued: true, spaced: false),
    ClientPasswordFlag(["sshpass"], flag: "p", glued: true, spaced: true),
    ClientPasswordFlag(["mongo"], flag: "p", glued: false, spaced: true),
    ClientPasswordFlag(["docker login", "podman login", "buildah login", "skopeo login", "registry login", "oras login"], flag: "p", glued: false, spaced: true),
    ClientPasswordFlag(["redis-cli", "keydb-cli"], flag: "a", glued: false, spaced: true),
    ClientPasswordFlag(["ldapsearch", "ldapadd", "ldapmodify", "ldapdelete", "ldapwhoami", "ldappasswd", "ldapcompare", "ldapmodrdn"], flag: "w", glued: false, spaced: true),
    ClientPasswordFlag(["sqlcmd", "bcp", "osql"], flag: "P", glued: false, spaced: true),
    ClientPasswordFlag(["smbclient", "smbget", "smbcacls", "smbtree", "rpcclient", "winexe", "net rpc", "net ads"], flag: "U", glued: false, spaced: true, separator: "%"),
  ]
}

extension SecretInspector {
  /// The match is a blank, `-`, the flag letter and the first byte after
  /// it (glued) or after blanks (spaced).
  func clientPassword(_ bytes: [UInt8], _ match: PatternMatch) -> Candidate? {
    let flag = bytes[match.start + 2]
    var start = match.start + 3
    let spaced = start < bytes.count && SecretBytes.isSpace(bytes[start])
    while start < bytes.count && SecretBytes.isSpace(bytes[start]) { start += 1 }
    guard start < bytes.count else { return nil }
    var lineStart = match.start
    while lineStart > 0 && match.start - lineStart < 512 && bytes[lineStart - 1] != 0x0A && bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
    guard let client = ClientPasswordFlag.all.first(where: { client in
      client.flag == flag && (spaced ? client.spaced : client.glued)
        && client.clients.contains { Self.startsWord(bytes, lineStart..<match.start, $0) }
    }) else { return nil }
    var quoted = false
    var end = start
    if SecretBytes.isQuote(bytes[start]) {
      let quote = bytes[start]
      start += 1
      end = start
      while end < bytes.count && end - start <= ValueExtraction.maxValueLength && bytes[end] != quote && bytes[end] != 0x0A { end += 1 }
      guard end < bytes.count, bytes[end] == quote else { return nil }
      quoted = true
    } else if client.separator != nil {
      // `-U CORP\svc%S3cret`: a domain's backslash belongs to the user.
      while end < bytes.count && !ValueExtraction.endsUnquoted(bytes[end]) || end < bytes.count && bytes[end] == UInt8(ascii: "\\") { end += 1 }
    } else {
      while end < bytes.count && !ValueExtraction.endsUnquoted(bytes[end]) { end += 1 }
    }
    if let separator = client.separator {
      guard let split = (start..<end).first(where: { bytes[$0] == separator }) else { return nil }
      start = split + 1
    }
    guard end > start else { return nil }
    let assignment = Assignment(key: (match.start + 1)..<(match.start + 3), value: start..<end, quoted: quoted)
    return keyed.judge(bytes, assignment, KeyMeaning(type: "generic_password", strength: .password), rule: "client-password-flag")
  }

  /// Whether `word` occurs in `range`, ignoring case, where a word starts
  /// (not after a letter or digit): `mongo` in `mongosh` and
  /// `/usr/bin/mongo`, not in `pymongo`.
  static func startsWord(_ bytes: [UInt8], _ range: Range<Int>, _ word: [UInt8]) -> Bool {
    for index in range where index == 0 || !SecretBytes.alphanumeric.contains(bytes[index - 1]) {
      if SecretBytes.hasPrefix(bytes, index..<range.upperBound, word) { return true }
    }
    return false
  }
}
