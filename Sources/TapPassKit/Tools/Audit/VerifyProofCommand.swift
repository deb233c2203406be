import ArgumentParser

struct VerifyProofCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-proof",
    abstract: "Check a proof against a signed checkpoint, offline.",
    discussion: """
      Needs no database: verifies the checkpoint's Ed25519 signature (against \
      --pubkey when given, else the key embedded in the checkpoint, which proves \
      integrity but not origin), then the inclusion or consistency proof \
      against the signed root as RFC 9162 §2.1.3.2 and §2.1.4.2 specify. For an \
      inclusion proof the entry's leaf hash is recomputed from its canonical \
      envelope. Exit 0 when valid, 1 when not.
      """)

  @Option(help: ArgumentHelp("The proof (output of `tp-audit prove`).", valueName: "file"))
  var proof: String

  @Option(help: ArgumentHelp("The signed checkpoint the proof must lead to.", valueName: "file"))
  var checkpoint: String

  @Option(help: ArgumentHelp("For consistency proofs: the checkpoint of the old tree.", valueName: "file"))
  var oldCheckpoint: String?

  @Option(help: ArgumentHelp("The Ed25519 public key (PEM) checkpoints must be signed with.", valueName: "file"))
  var pubkey: String?

  func run() throws {
    let verdict = try AuditErrors.mapped(path: proof) { () throws -> ProofDocument.Verdict in
      let pinned = try pubkey.map { try Ed25519PublicKey(pem: try KeyFile.read($0)) }
      let head = try Checkpoint(json: try readJSONFile(checkpoint, what: "checkpoint"))
      let old = try oldCheckpoint.map { try Checkpoint(json: try readJSONFile($0, what: "checkpoint")) }
      for signed in [head] + (old.map { [$0] } ?? []) where !signed.hasValidSignature(pinnedKey: pinned) {
        return ProofDocument.Verdict(valid: false, reason: "checkpoint signature is invalid")
      }
      return try ProofDocument.verify(try readJSONFile(proof, what: "proof"), checkpoint: head, oldCheckpoint: old)
    }
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("verify-proof")
    writer.key("ok"); writer.bool(verdict.valid)
    writer.key("reason"); writer.string(verdict.reason)
    writer.endObject()
    try StandardOutput.shared.writeLine(writer.bytes)
    if !verdict.valid { throw ToolError("verification failed: \(verdict.reason)", status: .found) }
  }
}
