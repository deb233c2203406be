import ArgumentParser

struct EvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evidence",
    abstract: "Write a self-contained evidence bundle for auditors.",
    discussion: """
      Signs a fresh checkpoint of the org's log (stored like any checkpoint), \
      selects the entries whose time lies in [--from, --to] (and whose agent is \
      --agent, when given), and writes one JSON document with the entries' \
      canonical envelopes, an RFC 9162 inclusion proof for each, the signed \
      checkpoint, the public key and a signed manifest of the selection. \
      `tp-audit verify-evidence` checks it offline on any machine.

      Times are milliseconds since the epoch or RFC 3339 (2026-03-06T12:00:00Z).
      """)

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var orgOption: LogOption

  @Option(help: ArgumentHelp("Start of the time range (inclusive).", valueName: "time"))
  var from: String

  @Option(help: ArgumentHelp("End of the time range (inclusive).", valueName: "time"))
  var to: String

  @Option(help: ArgumentHelp("Only entries of this agent.", valueName: "agent"))
  var agent: String?

  @Option(help: ArgumentHelp("Ed25519 private key (PEM) to sign the checkpoint and manifest.", valueName: "file"))
  var key: String

  @Option(help: ArgumentHelp("Where to write the bundle (a new file).", valueName: "file"))
  var out: String

  func validate() throws {
    guard let start = AuditTime.parse(from), let end = AuditTime.parse(to) else {
      throw ValidationError("--from and --to take milliseconds since the epoch or RFC 3339 times")
    }
    guard start <= end else { throw ValidationError("--from must not be after --to") }
    guard end < 1 << 52 else { throw ValidationError("--to is too far in the future") }
  }

  func run() throws {
    try AuditErrors.mapped(path: database.db) {
      let signingKey = try Ed25519PrivateKey(pem: try KeyFile.read(key))
      let store = try database.open(.write(sync: .full))
      let log = try store.requireLog(org: orgOption.org)
      let selection = EvidenceBundle.Selection(from: AuditTime.parse(from)!, to: AuditTime.parse(to)!, agent: agent)
      let bundle = try EvidenceBundle.build(store: store, log: log, selection: selection, key: signingKey, now: AuditStore.nowMilliseconds())
      try KeyFile.create(out, bytes: bundle + [0x0A], mode: 0o644)
      let verdict = try EvidenceBundle.verify(try JSONDocument(bytes: bundle, maxDepth: 10_000), pinnedKey: signingKey.publicKey)
      try StandardOutput.shared.writeLine(Array(#"{"type":"evidence","file":\#(String(decoding: JSONString.quoted(out), as: UTF8.self)),"entries":\#(verdict.entries)}"#.utf8))
    }
  }
}

struct VerifyEvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-evidence",
    abstract: "Check an evidence bundle offline.",
    discussion: """
      Verifies the checkpoint and manifest signatures (against --pubkey when \
      given, else the key in the bundle, which proves integrity but not origin), \
      recomputes each entry's leaf hash from its canonical envelope, checks its \
      inclusion proof against the signed root, and checks the entries against \
      the manifest (org, time range, agent, count, digest, and contiguity when \
      no agent filter was used). Exit 0 when valid, 1 when not.
      """)

  @Option(help: ArgumentHelp("The evidence bundle.", valueName: "file"))
  var bundle: String

  @Option(help: ArgumentHelp("The Ed25519 public key (PEM) the bundle must be signed with.", valueName: "file"))
  var pubkey: String?

  func run() throws {
    let verdict = try AuditErrors.mapped(path: bundle) {
      let pinned = try pubkey.map { try Ed25519PublicKey(pem: try KeyFile.read($0)) }
      let document = try readJSONFile(bundle, what: "evidence bundle", maxDepth: 10_000, limit: 1 << 32)
      return try EvidenceBundle.verify(document, pinnedKey: pinned)
    }
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("verify-evidence")
    writer.key("ok"); writer.bool(verdict.valid)
    writer.key("entries"); writer.int(verdict.entries)
    writer.key("reason"); writer.string(verdict.reason)
    writer.endObject()
    try StandardOutput.shared.writeLine(writer.bytes)
    if !verdict.valid { throw ToolError("verification failed: \(verdict.reason)", status: .found) }
  }
}
