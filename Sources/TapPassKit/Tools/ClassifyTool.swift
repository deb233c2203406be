import ArgumentParser

/// Entry point of `tp-classify`.
public enum ClassifyTool {
  public static func main(_ arguments: [String]) -> Int32 {
    ToolRunner.run(ClassifyCommand.self, arguments: arguments)
  }
}

struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tp-classify",
    abstract: "Give every agent request a data classification level, and say why.",
    discussion: """
      Reads JSON Lines records and writes each back with \
      "tappass.classification": the level (PUBLIC < INTERNAL < CONFIDENTIAL \
      < RESTRICTED < TOP_SECRET), every reason that contributed (finding \
      types, markings in the text with their paths, declared data \
      categories, policy rules) and the policy version (SHA-256 of the \
      policy file). The level is the highest any reason asks for.

      Records from tp-scan are classified from their "tappass.findings"; a \
      raw request is scanned first with the data-protection steps, and the \
      findings are written too. Error records pass through unchanged.

      Subcommands: "policy check FILE" validates a policy, "policy diff A B" \
      shows what changed in decisions. See docs/policy-format.md.

      Exit status: 0 records classified, 2 error (bad policy, unreadable \
      input line), 64 usage error.
      """,
    version: TapPassVersion.string,
    subcommands: [ClassifyRecords.self, PolicyCommand.self],
    defaultSubcommand: ClassifyRecords.self)
}

/// The default subcommand: classify (or route) a record stream.
struct ClassifyRecords: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "records",
    abstract: "Classify JSON Lines records (the default subcommand).",
    discussion: ClassifyCommand.configuration.discussion)

  @OptionGroup var stream: StreamOptions
  @OptionGroup var classify: ClassifyOptions
  @OptionGroup var parallel: ParallelOptions

  @Flag(name: .long, help: "Print a human-readable explanation per record instead of JSON Lines.")
  var explain = false

  @Argument(help: ArgumentHelp("JSON Lines inputs (standard input when none, or -).", valueName: "file"), completion: .file())
  var files: [String] = []

  func run() throws {
    let policy = try classify.loadPolicy()
    let first = try classify.recordClassifier(policy: policy)
    let options = parallel.applied(to: stream.streamOptions(tool: "tp-classify"))
    var stream = RecordStream(options: options)
    let explain = self.explain
    // Explanations travel back as payloads, written in input order.
    try stream.run(inputs: files, prototype: first, copy: { try $0.worker() },
      sessions: first.scanner.engine.keepsSessionState, handle: { classifier, document, line in
      classifier.scanner.engine.recordNumber = line
      let sections = RecordSections(document)
      if sections.isError {
        return explain ? (.skip, nil) : (.output(Array(document.bytes[document.rawRange(0)]), found: false), nil)
      }
      if explain {
        return (.skip, ClassificationExplanation.text(classifier.classify(document).classification, line: line))
      }
      return (.output(RecordEditor.setSections(classifier.classify(document, sections) { _, _, sections in sections }, in: document), found: false), nil)
    }, consume: { (text: String?) in
      if let text { try StandardOutput.shared.write(text) }
    })
    if stream.errors > 0 { throw ExitStatus.error.exitCode }
  }
}
