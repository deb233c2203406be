import ArgumentParser

struct TokenRevokeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke",
    abstract: "Revoke tokens by jti in the revocation database (SQLite).",
    discussion: """
      Revoking a token revokes every token delegated from it: a chain carries
      all its ancestors and verifiers refuse it when any link's jti is
      revoked. --token takes a token or chain and revokes its last link (its
      jti is read without verification). Verifiers read the database with
      --revocation-db, or a signed list from `revocations export`.
      """)

  @Option(name: .long, help: ArgumentHelp("Revocation database; created if missing.", valueName: "file"))
  var db: String
  @Argument(help: "Token ids (jti) to revoke.")
  var jtis: [String] = []
  @Option(name: .long, help: ArgumentHelp("Revoke this token's (or chain's last link's) jti.", valueName: "token"))
  var token: [String] = []
  @Option(name: .long, help: ArgumentHelp("Why (stored with the record).", valueName: "text"))
  var reason: String?
  @OptionGroup var clock: TokenClockOptions

  func validate() throws {
    guard !jtis.isEmpty || !token.isEmpty else { throw ValidationError("give jtis or --token") }
  }

  func run() throws {
    var all = jtis
    for text in token {
      let leaf = Array(text.utf8).split(separator: TokenVerifier.chainSeparator, omittingEmptySubsequences: false).last ?? []
      guard let jti = try? TokenInspection.unverifiedJTI(leaf) else { throw ToolError("--token has no readable jti") }
      all.append(jti)
    }
    try Self.withStore(db) { store throws(TokenRevocationStore.StoreError) in
      for jti in all { try store.revoke(jti: jti, at: clock.time, reason: reason) }
    }
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("revoked")
    writer.beginArray()
    for jti in all { writer.string(jti) }
    writer.endArray()
    writer.endObject()
    try StandardOutput.shared.write(writer.bytes + [0x0A])
  }

  /// Opens the store and runs `body`, reporting SQLite failures as tool
  /// errors (status 2).
  static func withStore<T>(
    _ path: String, readOnly: Bool = false,
    _ body: (TokenRevocationStore) throws(TokenRevocationStore.StoreError) -> T
  ) throws -> T {
    do throws(TokenRevocationStore.StoreError) {
      return try body(try TokenRevocationStore(path: path, readOnly: readOnly))
    } catch {
      throw ToolError(error.description)
    }
  }
}

struct TokenRevocationsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revocations",
    abstract: "Export or list the revocation database.",
    discussion: """
      `export` writes the signed list verifiers load offline with
      `verify --revocations`; `list` prints the revoked jtis for humans and
      scripts. Both read the SQLite database that `revoke` writes.
      """,
    subcommands: [Export.self, List.self])

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a signed revocation list that verifiers load offline.",
      discussion: """
        The list is a compact JWS (typ tp-revocations+jwt) signed with --key,
        payload {"iss":...,"iat":...,"revoked":[jti,...]}. Verifiers pass it
        with `verify --revocations FILE` and check it with their trusted keys.
        """)

    @Option(name: .long, help: ArgumentHelp("Revocation database.", valueName: "file"))
    var db: String
    @Option(name: .long, help: ArgumentHelp("Issuer private key (PKCS#8 PEM) to sign the list.", valueName: "file"))
    var key: String
    @Option(name: .long, help: ArgumentHelp("Issuer name written into the list (iss).", valueName: "issuer"))
    var iss: String?
    @Option(name: .long, help: ArgumentHelp("Write here instead of standard output (refuses to overwrite).", valueName: "file"))
    var out: String?
    @OptionGroup var clock: TokenClockOptions

    func run() throws {
      let jtis = try TokenRevokeCommand.withStore(db, readOnly: true) { store throws(TokenRevocationStore.StoreError) in try store.revokedJTIs() }
      let signer = try TokenFiles.signingKey(key)
      let list = try TokenRevocationList.export(jtis: jtis, issuer: iss, now: clock.time, key: signer) + [0x0A]
      if let out {
        try list.withUnsafeBytes { try TokenFiles.create(out, mode: 0o644, bytes: $0) }
      } else {
        try StandardOutput.shared.write(list)
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the revoked jtis, one JSON string per line.",
      discussion: "Sorted by jti. Exit status 2 if the database cannot be opened.")

    @Option(name: .long, help: ArgumentHelp("Revocation database.", valueName: "file"))
    var db: String

    func run() throws {
      let jtis = try TokenRevokeCommand.withStore(db, readOnly: true) { store throws(TokenRevocationStore.StoreError) in try store.revokedJTIs() }
      for jti in jtis { try StandardOutput.shared.write(JSONString.quoted(jti) + [0x0A]) }
    }
  }
}
