import ArgumentParser

struct KeygenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keygen",
    abstract: "Create an Ed25519 key pair for signing checkpoints.",
    discussion: """
      Writes the private key (PKCS#8 PEM, mode 0600) to FILE and the public key \
      (SubjectPublicKeyInfo PEM) to FILE.pub. Existing files are never \
      overwritten. Keys from `openssl genpkey -algorithm ed25519` work as well.
      """)

  @Option(help: ArgumentHelp("Path of the private key to create.", valueName: "file"))
  var out: String

  func run() throws {
    try AuditErrors.mapped(path: out) {
      let key = try Ed25519PrivateKey.generate()
      try KeyFile.create(out, bytes: try key.pem(), mode: 0o600)
      try KeyFile.create(out + ".pub", bytes: Array(try key.publicKey.pem().utf8), mode: 0o644)
      try StandardOutput.shared.writeLine(Array(#"{"type":"key","key_id":"\#(key.publicKey.keyID)"}"#.utf8))
    }
  }
}
