import ArgumentParser
import Glibc

/// Entry point of `tp-scan`.
public enum ScanTool {
  public static func main(_ arguments: [String]) -> Int32 {
    ToolRunner.run(ScanCommand.self, arguments: arguments)
  }
}

extension ScanFormat: ExpressibleByArgument {}

struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tp-scan",
    abstract: "Find PII, secrets and attacks in agent requests, files and diffs.",
    discussion: """
      Reads JSON Lines requests (OpenAI or Anthropic shape, or {"text": …}) \
      from standard input or from *.jsonl/*.ndjson files, and writes each \
      record back with a "tappass" object holding the findings. Other file \
      arguments, --diff and --git-staged scan source files for pre-commit \
      use and report file and line; they run the data-protection steps \
      unless --steps says otherwise. See docs/format.md.

      Exit status: 0 nothing found, 1 findings, 2 error (including any \
      unreadable input line), 64 usage error.
      """,
    version: TapPassVersion.string)

  @OptionGroup var stream: StreamOptions
  @OptionGroup var parallel: ParallelOptions

  @Option(name: .long, help: ArgumentHelp("Run only these steps (comma-separated ids or aliases; repeatable).", valueName: "steps"))
  var steps: [String] = []

  var stepNames: [String] { steps.flatMap { $0.split(separator: ",").map { String($0) } }.filter { !$0.isEmpty } }

  @Flag(name: .long, help: "List the steps with their descriptions and exit.")
  var listSteps = false

  @Option(name: .long, help: ArgumentHelp("Per-step options (JSON, docs/config.md).", valueName: "file"), completion: .file(extensions: ["json"]))
  var config: String?

  @Option(name: .long, help: ArgumentHelp("Pinned tool-description hashes ({\"tool\": \"sha256\"}) for rug-pull detection.", valueName: "file"), completion: .file(extensions: ["json"]))
  var toolPins: String?

  @Flag(name: .long, help: "Write records with found values replaced by stable tokens.")
  var redact = false

  @Option(name: .long, help: ArgumentHelp("Do not report findings whose fingerprints are in this file.", valueName: "file"), completion: .file())
  var baseline: String?

  @Option(name: .long, help: ArgumentHelp("Write the fingerprints of all findings to this baseline file.", valueName: "file"), completion: .file())
  var writeBaseline: String?

  @Option(name: .long, help: "Output format: jsonl, text or sarif.")
  var format: ScanFormat = .jsonl

  @Flag(name: .long, help: "Scan the added lines of a unified diff read from standard input.")
  var diff = false

  @Flag(name: .long, help: "Scan the added lines of the staged git changes.")
  var gitStaged = false

  @Option(name: .long, help: ArgumentHelp("Exit status when something is found.", valueName: "status"))
  var exitCode: Int32 = 1

  @Option(name: .long, help: ArgumentHelp(visibility: .hidden))
  var benchmark: String?

  @Argument(help: ArgumentHelp("JSON Lines inputs (*.jsonl, *.ndjson) or source files to scan.", valueName: "file"), completion: .file())
  var files: [String] = []

  func validate() throws {
    if diff && gitStaged { throw ValidationError("--diff and --git-staged cannot be combined") }
    if (diff || gitStaged) && !files.isEmpty { throw ValidationError("--diff and --git-staged take no file arguments") }
  }

  static func isRecordStream(_ path: String) -> Bool {
    path == "-" || path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
  }

  func run() throws {
    var configuration = try config.map { try ScanConfiguration.load(path: $0) } ?? ScanConfiguration()
    if let toolPins { try configuration.setOption("pins_file", toolPins, step: "detect_tool_poison", readable: true) }
    // Source files and diffs (pre-commit) get the data-protection steps by
    // default: prompt-injection models have nothing to say about code, and a
    // hook should start fast. --steps still selects anything.
    let scansSources = diff || gitStaged || files.contains { !Self.isRecordStream($0) }
    let names = stepNames.isEmpty && scansSources && !listSteps
      ? StepRegistry.ordered.filter { $0.descriptor.category == .dataProtection }.map { $0.descriptor.id }
      : stepNames
    let instances = try StepRegistry.instantiate(names, configuration: configuration, source: config ?? "--config")
    if listSteps {
      try StepListing.write(instances)
      return
    }
    let key = getenv("TAPPASS_FINGERPRINT_KEY").map { Array(String(cString: $0).utf8) } ?? Redactor.defaultKey
    let engine = try ScanEngine(steps: instances, redactor: Redactor(key: key), baseline: try baseline.map { try Baseline.load(path: $0) } ?? [])
    engine.measure = benchmark != nil
    let started = ProgressReporter.monotonicSeconds()
    var session = ScanSession(engine: engine, format: format, redact: redact, keepsFingerprints: writeBaseline != nil)

    let recordInputs = files.filter(Self.isRecordStream)
    let sourceInputs = files.filter { !Self.isRecordStream($0) }
    if diff {
      try session.scanSources(SourceFiles.fromDiff(FileBytes.readAll(fd: 0)))
    } else if gitStaged {
      try session.scanSources(SourceFiles.gitStaged())
    } else {
      if !sourceInputs.isEmpty {
        var sources: [SourceText] = []
        for path in sourceInputs { if let source = try SourceFiles.read(path: path) { sources.append(source) } }
        try session.scanSources(sources)
      }
      if !recordInputs.isEmpty || sourceInputs.isEmpty {
        try session.scanRecords(recordInputs, options: parallel.applied(to: stream.streamOptions(tool: "tp-scan")))
      }
    }
    try session.finish()
    if let writeBaseline { try Baseline.write(session.fingerprints, to: writeBaseline) }
    if let benchmark { try BenchmarkReport.write(engine: engine, seconds: ProgressReporter.monotonicSeconds() - started, records: session.records,
      stepTimedRecords: session.stepTimedRecords, recordTimes: session.recordTimes, to: benchmark) }
    if session.errors > 0 { throw ExitStatus.error.exitCode }
    if session.found > 0 { throw ExitCode(exitCode) }
  }
}
