import ArgumentParser
import CSQLite

struct VerifyChainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-chain",
    abstract: "Recompute every hash chain and Merkle tree; report the first tampered entry.",
    discussion: """
      Reads every entry in insertion order, rebuilds its canonical envelope, and \
      checks its leaf hash, its chain hash, the sequence numbers, the log heads, \
      the stored Merkle nodes and every stored signed checkpoint. Prints one \
      JSON line: {"type":"verify-chain","ok":true,"entries":N,...} and exits 0 \
      when intact; otherwise {"ok":false,"kind":"modified|deleted|inserted|\
      reordered|truncated|checkpoint|damaged","org":...,"seq":N,...} and exits 1.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: ArgumentHelp("Require checkpoints to be signed by this Ed25519 public key (PEM).", valueName: "file"))
  var pubkey: String?

  func run() throws {
    // Opening problems (missing, foreign or unreadable file) are errors,
    // exit 2; SQLite finding the file corrupt while we read the entries is
    // a failed verification, exit 1.
    let (store, pinned) = try AuditErrors.mapped(path: database.db) {
      (try database.open(.read), try pubkey.map { try Ed25519PublicKey(pem: try KeyFile.read($0)) })
    }
    let report: ChainVerifier.Report
    do {
      report = try AuditErrors.mapped(path: database.db) {
        do {
          return try ChainVerifier(store: store, pinnedKey: pinned).verify()
        } catch let error as StorageError where error.primary == SQLITE_CORRUPT {
          throw ToolError("verification failed: \(database.db) is damaged (\(error.message))", status: .found)
        }
      }
    } catch let error as ToolError where error.status == .found {
      var writer = JSONWriter()
      writer.beginObject()
      writer.key("type"); writer.string("verify-chain")
      writer.key("ok"); writer.bool(false)
      writer.key("kind"); writer.string(ChainVerifier.Kind.damaged.rawValue)
      writer.endObject()
      try StandardOutput.shared.writeLine(writer.bytes)
      throw error
    }
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("verify-chain")
    writer.key("ok"); writer.bool(report.problem == nil)
    writer.key("entries"); writer.int(report.entries)
    writer.key("checkpoints"); writer.int(report.checkpoints)
    if let problem = report.problem {
      writer.key("kind"); writer.string(problem.kind.rawValue)
      writer.key("org"); writer.string(problem.org)
      writer.key("seq"); writer.int(problem.seq)
      writer.key("detail"); writer.string(problem.detail)
    } else {
      writer.key("logs")
      writer.beginArray()
      for log in report.logs {
        writer.beginObject()
        writer.key("org"); writer.string(log.org)
        writer.key("size"); writer.int(log.size)
        writer.key("root"); writer.string(log.root.hex)
        writer.endObject()
      }
      writer.endArray()
    }
    writer.endObject()
    try StandardOutput.shared.writeLine(writer.bytes)
    if let problem = report.problem {
      throw ToolError("verification failed: \(problem)", status: .found)
    }
  }
}
