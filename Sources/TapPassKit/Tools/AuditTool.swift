import ArgumentParser

/// Entry point of `tp-audit`: the tamper-evident audit trail (issue 7).
/// Each subcommand lives in `Tools/Audit/<Name>Command.swift`; all logic is
/// in `Audit/` and `Storage/`.
public enum AuditTool {
  public static func main(_ arguments: [String]) -> Int32 {
    ToolRunner.run(AuditCommand.self, arguments: arguments)
  }
}

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tp-audit",
    abstract: "Tamper-evident audit trail: hash chain, Merkle proofs, signed checkpoints.",
    discussion: """
      Records (JSON Lines from any tp- tool) are appended to an SQLite store in \
      their RFC 8785 canonical form, hash-chained per org and kept in an RFC 9162 \
      Merkle tree. See docs/audit-format.md.

      Exit status: 0 ok, 1 tampering found or a proof/signature failed to verify, \
      2 error (I/O, corrupt or foreign database, bad input), 64 usage.
      """,
    version: TapPassVersion.string,
    subcommands: [
      AppendCommand.self, VerifyChainCommand.self, KeygenCommand.self, CheckpointCommand.self,
      ProveCommand.self, VerifyProofCommand.self, EvidenceCommand.self, VerifyEvidenceCommand.self,
      ExportCommand.self, HealthCommand.self, DriftCommand.self, MetricsCommand.self,
    ])
}

/// `--db` and the busy timeout, shared by every subcommand that opens the store.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The audit database (SQLite).", valueName: "file"))
  var db: String

  @Option(name: .long, help: ArgumentHelp(
    "How long to wait for another writer's lock before failing.", valueName: "ms"))
  var busyTimeout: Int32 = 60_000

  func validate() throws {
    guard busyTimeout >= 0 else { throw ValidationError("--busy-timeout must not be negative") }
  }

  func open(_ access: AuditStore.Access) throws -> AuditStore {
    try AuditStore(path: db, access: access, busyTimeoutMilliseconds: busyTimeout)
  }
}

/// `--org`, for subcommands that work on one org's log.
struct LogOption: ParsableArguments {
  @Option(help: ArgumentHelp("The org log (required when the store holds several).", valueName: "org"))
  var org: String?
}

/// Maps library failures to `ToolError` (exit 2) or, for damaged files met
/// while verifying, to a verification failure (exit 1). Messages carry
/// codes, paths and SQL, never record content.
enum AuditErrors {
  static func mapped<R>(path: String, _ body: () throws -> R) throws -> R {
    do {
      return try body()
    } catch let error as StorageError {
      throw AuditStore.toolError(error, path: path)
    } catch let error as SigningError {
      throw ToolError(error.description)
    } catch let error as MerkleProofError {
      throw ToolError(error.description)
    } catch let error as Canonicalizer.Failure {
      throw ToolError("record cannot be canonicalised: \(error)")
    }
  }
}

extension FileOutput {
  /// Writes one JSON Lines record.
  func writeLine(_ bytes: [UInt8]) throws {
    try write(bytes)
    try write(CollectionOfOne(0x0A))
  }
}

/// Reads a small JSON document (checkpoint, proof, bundle) from a file.
func readJSONFile(_ path: String, what: String, maxDepth: Int = 64, limit: Int = 1 << 26) throws -> JSONDocument {
  let bytes = try KeyFile.read(path, limit: limit)
  do {
    return try JSONDocument(bytes: bytes, maxDepth: maxDepth)
  } catch {
    throw ToolError("\(path): not a valid \(what) (\(error.message) at byte \(error.offset))")
  }
}
