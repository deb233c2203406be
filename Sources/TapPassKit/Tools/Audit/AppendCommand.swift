import ArgumentParser
import Glibc

struct AppendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "append",
    abstract: "Append JSON Lines records to the audit store.",
    discussion: """
      Each record is stored in its RFC 8785 canonical form with its org, agent, \
      time, leaf hash and chain hash, and added to the org's Merkle tree. Records \
      are committed in batches, one transaction each; a batch is acknowledged on \
      standard output ({"type":"ack",...}) only after its commit returned, so \
      every acknowledged entry survives a crash of this process (--sync normal) \
      or a power loss (--sync full). Several appenders may write to the same \
      database at once: they queue on the write lock (--busy-timeout) and keep \
      one valid chain.

      On a pipe or terminal, a batch is also committed whenever no more input \
      is ready, so records from a slow producer are acknowledged promptly.

      Unreadable lines become error records on standard output and give exit \
      status 2; the other records are still appended.
      """)

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var stream: StreamOptions

  @Option(help: ArgumentHelp("Org log for every record (default: from the record, else \"default\").", valueName: "org"))
  var org: String?

  @Option(help: ArgumentHelp("Agent for every record (default: from the record, else \"unknown\").", valueName: "agent"))
  var agent: String?

  @Option(help: ArgumentHelp("Records per transaction.", valueName: "n"))
  var batchSize: Int = 4096

  @Option(help: ArgumentHelp("Durability of each commit: normal (survives a crash) or full (survives power loss).", valueName: "mode"))
  var sync: AuditStore.SyncMode = .normal

  @Flag(help: "Do not print acknowledgements.")
  var quiet = false

  @Argument(help: "Input files (JSON Lines); standard input when none.")
  var files: [String] = []

  func validate() throws {
    guard batchSize >= 1 && batchSize <= 1_000_000 else { throw ValidationError("--batch-size must be between 1 and 1000000") }
  }

  func run() throws {
    try AuditErrors.mapped(path: database.db) {
      let store = try database.open(.write(sync: sync))
      let appender = try AuditAppender(store: store)
      appender.observers.append(try AgentStatsRecorder(database: store.database))
      let identity = RecordIdentity(orgOverride: org, agentOverride: agent)
      let output = StandardOutput.shared
      var pending: [AuditAppender.Item] = []
      pending.reserveCapacity(batchSize)
      var canonicalErrors = 0
      let streaming = (files.isEmpty || files == ["-"]) && Self.standardInputIsStream()
      func commit() throws {
        let acks = try appender.append(pending)
        pending.removeAll(keepingCapacity: true)
        guard !quiet else { return }
        for ack in acks { try output.writeLine(Self.ackLine(ack)) }
        try output.flush()
      }
      var recordStream = RecordStream(options: stream.streamOptions(tool: "tp-audit"))
      try recordStream.run(inputs: files, output: output) { document, line in
        let canonical: [UInt8]
        do {
          canonical = try Canonicalizer.canonicalize(document)
        } catch let error as Canonicalizer.Failure {
          canonicalErrors += 1
          return .output(RecordEditor.errorRecord(line: line, code: error.code.rawValue,
                                                  message: "record cannot be canonicalised: \(error)", tool: "tp-audit"), found: false)
        }
        pending.append(AuditAppender.Item(org: identity.org(of: document), agent: identity.agent(of: document), record: canonical,
                                          observation: Observation(view: RecordView(document: document))))
        // A batch also ends when a streamed input has nothing more ready:
        // records from a slow producer are acknowledged before we block in
        // read(2), not when the batch eventually fills.
        if pending.count >= batchSize || (streaming && !Self.standardInputHasData()) { try commit() }
        return .skip
      }
      try commit()
      if recordStream.status == .error || canonicalErrors > 0 { throw ExitStatus.error.exitCode }
    }
  }

  /// Whether standard input is a pipe, socket or terminal (a stream whose
  /// producer may pause), rather than a regular file.
  static func standardInputIsStream() -> Bool {
    var info = stat()
    guard fstat(0, &info) == 0 else { return false }
    let type = info.st_mode & S_IFMT
    return type == S_IFIFO || type == S_IFSOCK || type == S_IFCHR
  }

  /// Whether a read of standard input would return data now. Lines the
  /// reader has already buffered are handled before it reads again, so
  /// "nothing in the kernel" means "about to block".
  static func standardInputHasData() -> Bool {
    var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) > 0
  }

  static func ackLine(_ ack: AuditAppender.Ack) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("ack")
    writer.key("org"); writer.string(ack.org)
    writer.key("first"); writer.int(ack.firstSeq)
    writer.key("count"); writer.int(ack.count)
    writer.key("size"); writer.int(ack.size)
    writer.key("head"); writer.string(ack.head.hex)
    writer.endObject()
    return writer.bytes
  }
}

extension AuditStore.SyncMode: ExpressibleByArgument {}
