import ArgumentParser
import Glibc

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Stream entries to a SIEM as OCSF, CEF or HMAC-signed JSON Lines, redacted.",
    discussion: """
      Every exported record has the spans its findings located replaced by \
      [REDACTED:<type>] (the whole string when a span cannot be located), and \
      findings reduced to step, type and location: no PII or secret value \
      leaves the store in clear. Each entry's leaf hash is re-checked before it \
      is exported; a mismatch stops the export with exit 1.

      ocsf: one OCSF 1.5 Detection Finding (class 2004) per entry.
      cef: ArcSight CEF rev 25 lines, escaped per the specification.
      jsonl-hmac: RFC 8785 JSON with "key_id" and a per-line HMAC-SHA256 "hmac".

      --follow keeps polling for entries appended after the export started \
      (live streaming); it stops when standard output closes or after \
      --stop-after entries.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: ArgumentHelp("Output format: ocsf, cef or jsonl-hmac.", valueName: "format"))
  var format: AuditExporter.Format

  @OptionGroup var orgOption: LogOption

  @Option(help: ArgumentHelp("First sequence number to export.", valueName: "seq"))
  var fromSeq: Int = 0

  @Option(help: ArgumentHelp("HMAC key file for jsonl-hmac (at least 16 bytes).", valueName: "file"))
  var hmacKey: String?

  @Flag(help: "Keep streaming entries as they are appended.")
  var follow = false

  @Option(help: ArgumentHelp("With --follow: how often to look for new entries.", valueName: "ms"))
  var pollInterval: Int = 200

  @Option(help: ArgumentHelp("Stop after exporting this many entries.", valueName: "n"))
  var stopAfter: Int?

  func validate() throws {
    guard fromSeq >= 0 else { throw ValidationError("--from-seq must not be negative") }
    guard pollInterval >= 1 else { throw ValidationError("--poll-interval must be positive") }
  }

  func run() throws {
    try AuditErrors.mapped(path: database.db) {
      let key = try hmacKey.map { try AuditExporter.HMACKey(bytes: try KeyFile.read($0)) }
      let exporter = try AuditExporter(format: format, hmacKey: key)
      let store = try database.open(.read)
      var log = try waitForLog(store)
      let output = StandardOutput.shared
      let hasher = MerkleHasher()
      var next = fromSeq
      var exported = 0
      while true {
        var progressed = false
        try store.forEachEntry(log: log, fromSeq: next) { entry in
          let envelope = AuditStore.envelope(of: entry, org: log.org)
          guard hasher.leafHash(envelope).bytes == entry.leafHash else {
            throw ToolError("entry \(entry.seq) does not match its leaf hash: run verify-chain", status: .found)
          }
          try output.writeLine(try exporter.line(org: log.org, entry: entry))
          next = entry.seq + 1
          exported += 1
          progressed = true
          return stopAfter.map { exported < $0 } ?? true
        }
        try output.flush()
        if let stopAfter, exported >= stopAfter { return }
        guard follow else { return }
        if !progressed {
          usleep(UInt32(min(pollInterval, 60_000)) * 1000)
          log = try store.log(org: log.org) ?? log
        }
      }
    }
  }

  /// With --follow the log may not exist yet: wait for the first append.
  private func waitForLog(_ store: AuditStore) throws -> AuditStore.Log {
    while true {
      do {
        return try store.requireLog(org: orgOption.org)
      } catch let error as ToolError where follow && orgOption.org != nil && error.message.hasPrefix("no log") {
        usleep(UInt32(min(pollInterval, 60_000)) * 1000)
      }
    }
  }
}

extension AuditExporter.Format: ExpressibleByArgument {}
