import Glibc

/// The JSON Lines loop every tool shares: read each input line, parse it,
/// hand the document to the tool, write exactly one output line per input
/// line in order, and turn unreadable lines into error records so the
/// stream goes on.
public struct RecordStream {
  public struct Options: Sendable {
    public var maxRecordBytes: Int = 16 << 20
    public var maxDepth: Int = 256
    public var tool: String
    public var showProgress: Bool = StandardError.isTerminal
    public init(tool: String) { self.tool = tool }
  }

  /// What a tool makes of one record.
  public enum Outcome {
    /// Write these bytes (the edited record) as the output line.
    case output([UInt8], found: Bool)
    /// Write nothing for this record (for tools whose output is not
    /// per-record, such as an appender that prints a summary).
    case skip
  }

  public let options: Options
  public private(set) var records = 0
  public private(set) var errors = 0
  public private(set) var found = 0

  public init(options: Options) { self.options = options }

  /// Processes every input (paths, or standard input when empty or "-").
  /// `handle` receives the parsed document and its line number.
  public mutating func run(
    inputs: [String], output: FileOutput = StandardOutput.shared,
    handle: (JSONDocument, Int) throws -> Outcome
  ) throws {
    let sources = inputs.isEmpty ? ["-"] : inputs
    var progress = ProgressReporter(label: options.tool, enabled: options.showProgress)
    var totalBytes = 0
    for source in sources {
      let fd = source == "-" ? 0 : try LineReader.open(path: source)
      defer { if fd != 0 { close(fd) } }
      var reader = LineReader(fd: fd, maxRecordBytes: options.maxRecordBytes)
      while let line = try reader.next() {
        records += 1
        switch line {
        case .tooLarge(let number, let size):
          try writeError(output, line: number, code: "record_too_large",
            message: "record of \(size) bytes exceeds --max-record-bytes \(options.maxRecordBytes)")
        case .record(let bytes, let number):
          let document: JSONDocument
          do {
            document = try JSONDocument(bytes: bytes, maxDepth: options.maxDepth)
          } catch {
            try writeError(output, line: number, code: error.code.rawValue,
              message: "\(error.message) (byte \(error.offset))")
            continue
          }
          guard document.root.kind == .object else {
            try writeError(output, line: number, code: "not_an_object", message: "record is valid JSON but not an object")
            continue
          }
          switch try handle(document, number) {
          case .output(let bytes, let isFound):
            if isFound { found += 1 }
            try output.write(bytes)
            try output.write(CollectionOfOne(0x0A))
          case .skip:
            break
          }
        }
        progress.update(records: records, bytes: totalBytes + reader.bytesRead)
      }
      totalBytes += reader.bytesRead
    }
    progress.finish()
    try output.flush()
  }

  private mutating func writeError(_ output: FileOutput, line: Int, code: String, message: String) throws {
    errors += 1
    try output.write(RecordEditor.errorRecord(line: line, code: code, message: message, tool: options.tool))
    try output.write(CollectionOfOne(0x0A))
  }

  /// The exit status the contract asks for: 2 if any line was unreadable,
  /// else 1 if anything was found, else 0.
  public var status: ExitStatus {
    if errors > 0 { return .error }
    return found > 0 ? .found : .clean
  }
}
