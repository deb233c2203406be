import ArgumentParser

struct CheckpointCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "checkpoint",
    abstract: "Sign the current tree head (size, root hash, time) of an org log.",
    discussion: """
      Computes the RFC 9162 root of the org's log at its current size, signs \
      it with the Ed25519 key, stores the checkpoint in the database (so \
      verify-chain checks the entries against it forever after) and prints it \
      as one JSON line. Publish or hand that line to auditors: verify-proof \
      checks proofs against it offline.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: ArgumentHelp("Ed25519 private key (PEM).", valueName: "file"))
  var key: String

  @OptionGroup var orgOption: LogOption

  func run() throws {
    try AuditErrors.mapped(path: database.db) {
      let signingKey = try Ed25519PrivateKey(pem: try KeyFile.read(key))
      let store = try database.open(.write(sync: .full))
      let log = try store.requireLog(org: orgOption.org)
      let checkpoint = try CheckpointStore(store: store).create(log: log, key: signingKey, time: AuditStore.nowMilliseconds())
      try StandardOutput.shared.writeLine(checkpoint.json)
    }
  }
}
