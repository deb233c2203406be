import ArgumentParser

struct ProveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prove",
    abstract: "Print an RFC 9162 inclusion or consistency proof.",
    discussion: """
      --inclusion N proves that entry N (0-based sequence number) is in the \
      tree of the given size (default: the latest checkpoint's size when it \
      covers N, else the current size); the proof carries the entry's \
      canonical envelope so the verifier can recompute its leaf hash.
      --consistency OLD NEW proves that the tree of size NEW extends the tree \
      of size OLD. Proofs are read from the stored interior nodes: no tree is \
      recomputed, so a proof on a 10-million-entry log takes well under a \
      millisecond. Check them with `tp-audit verify-proof`.
      """)

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var orgOption: LogOption

  @Option(help: ArgumentHelp("Entry to prove inclusion of.", valueName: "seq"))
  var inclusion: Int?

  @Option(help: ArgumentHelp("Tree size for an inclusion proof.", valueName: "size"))
  var size: Int?

  @Option(parsing: .upToNextOption, help: ArgumentHelp("Old and new tree sizes.", valueName: "old new"))
  var consistency: [Int] = []

  @Flag(help: "Print the time spent computing the proof on standard error.")
  var timing = false

  @Option(help: ArgumentHelp(
    "With --timing and --inclusion: also time this many proofs of random entries in this process.",
    valueName: "n"))
  var repeatRandom: Int = 0

  func validate() throws {
    guard (inclusion == nil) != consistency.isEmpty else {
      throw ValidationError("give exactly one of --inclusion N or --consistency OLD NEW")
    }
    if !consistency.isEmpty && consistency.count != 2 { throw ValidationError("--consistency takes two sizes: OLD NEW") }
  }

  func run() throws {
    try AuditErrors.mapped(path: database.db) {
      let store = try database.open(.read)
      let log = try store.requireLog(org: orgOption.org)
      let prover = try store.prover(log: log)
      let started = ProgressReporter.monotonicSeconds()
      let proof: [UInt8]
      if let index = inclusion {
        let latest = try CheckpointStore(store: store).latest(log: log)
        let treeSize = size ?? (latest.map { $0.size > index ? $0.size : log.size } ?? log.size)
        guard treeSize <= log.size else { throw ToolError("the log has only \(log.size) entries") }
        let path = try prover.inclusionPath(index: index, size: treeSize)
        let elapsed = ProgressReporter.monotonicSeconds() - started
        guard let entry = try store.entry(log: log, seq: index) else { throw ToolError("entry \(index) is missing") }
        proof = ProofDocument.inclusion(org: log.org, index: index, size: treeSize, leafHash: Digest32(entry.leafHash) ?? .zero,
                                        path: path, envelope: AuditStore.envelope(of: entry, org: log.org))
        if timing {
          StandardError.write("proof computed in \(Self.microseconds(elapsed)) µs\n")
          if repeatRandom > 0 { try timeRandomProofs(store: store, log: log, size: treeSize) }
        }
      } else {
        let (old, new) = (consistency[0], consistency[1])
        guard new <= log.size else { throw ToolError("the log has only \(log.size) entries") }
        let path = try prover.consistencyPath(old: old, new: new)
        let oldRoot = try prover.rootHash(size: old)
        let newRoot = try prover.rootHash(size: new)
        let elapsed = ProgressReporter.monotonicSeconds() - started
        proof = ProofDocument.consistency(org: log.org, oldSize: old, newSize: new, oldRoot: oldRoot, newRoot: newRoot, path: path)
        if timing { StandardError.write("proof computed in \(Self.microseconds(elapsed)) µs\n") }
      }
      try StandardOutput.shared.writeLine(proof)
    }
  }

  /// Proofs of random entries, each with a fresh node source (no node
  /// cache carried over), in a process whose SQLite cache is warm.
  func timeRandomProofs(store: AuditStore, log: AuditStore.Log, size: Int) throws {
    var times: [Double] = []
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<repeatRandom {
      let index = Int.random(in: 0..<size, using: &generator)
      let started = ProgressReporter.monotonicSeconds()
      _ = try store.prover(log: log).inclusionPath(index: index, size: size)
      times.append(ProgressReporter.monotonicSeconds() - started)
    }
    times.sort()
    StandardError.write("\(repeatRandom) random proofs: median \(Self.microseconds(times[times.count / 2])) µs, max \(Self.microseconds(times.last!)) µs\n")
  }

  static func microseconds(_ seconds: Double) -> String { JSONWriter.format(seconds * 1e6, digits: 1) }
}
