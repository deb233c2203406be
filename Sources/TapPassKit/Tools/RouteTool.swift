import ArgumentParser

/// Entry point of `tp-route`.
public enum RouteTool {
  public static func main(_ arguments: [String]) -> Int32 {
    ToolRunner.run(RouteCommand.self, arguments: arguments)
  }
}

struct RouteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tp-route",
    abstract: "Choose the provider and model each agent request may go to, and say why.",
    discussion: """
      Reads JSON Lines records and writes each back with "tappass.route": \
      the provider, model, region and residency chosen, the estimated cost, \
      the routing rule that decided (first match wins; "default" when none \
      matched), the complexity score with its signals (token estimate, \
      code markers, tool count, conversation depth), any fallback taken \
      because a provider is degraded or its circuit is open, and every \
      other model with the reason it was not chosen.

      A model is allowed only when its classification ceiling admits the \
      record's level, it has the capabilities the request needs and its \
      context window fits; among allowed models the cheapest wins unless \
      the rule prefers quality. When no model is allowed the record is \
      blocked ("action": "block") with the reason, never sent to a default.

      Records without "tappass.classification" are classified first (and \
      scanned, when they carry no findings), as tp-classify would. See \
      docs/catalogue-format.md and docs/policy-format.md.

      Exit status: 0 all records routed, 1 at least one blocked (see \
      --exit-code), 2 error (bad catalogue or policy, unreadable input \
      line), 64 usage error.
      """,
    version: TapPassVersion.string,
    subcommands: [RouteRecords.self, RouteCheck.self],
    defaultSubcommand: RouteRecords.self)
}

/// The default subcommand: classify (or route) a record stream.
struct RouteRecords: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "records",
    abstract: "Route JSON Lines records (the default subcommand).",
    discussion: RouteCommand.configuration.discussion)

  @OptionGroup var stream: StreamOptions
  @OptionGroup var route: RouteOptions
  @OptionGroup var classify: ClassifyOptions
  @OptionGroup var parallel: ParallelOptions

  @Flag(name: .long, help: "Print a human-readable explanation per record instead of JSON Lines.")
  var explain = false

  @Option(name: .long, help: ArgumentHelp("Exit status when a record is blocked.", valueName: "status"))
  var exitCode: Int32 = 1

  @Argument(help: ArgumentHelp("JSON Lines inputs (standard input when none, or -).", valueName: "file"), completion: .file())
  var files: [String] = []

  func run() throws {
    let policy = try classify.loadPolicy()
    let first = RecordRouter(
      router: try route.router(policyFile: classify.policy), features: try FeatureReader(),
      classifier: try classify.recordClassifier(policy: policy))
    let options = parallel.applied(to: stream.streamOptions(tool: "tp-route"))
    var stream = RecordStream(options: options)
    let explain = self.explain
    var blocked = 0
    // Explanations and the blocked count travel back as payloads, in
    // input order.
    try stream.run(inputs: files, prototype: first, copy: { try $0.worker() },
      sessions: first.classifier.scanner.engine.keepsSessionState, handle: { router, document, line in
      router.classifier.scanner.engine.recordNumber = line
      let sections = RecordSections(document)
      if sections.isError {
        return (explain ? .skip : .output(Array(document.bytes[document.rawRange(0)]), found: true), Routed(blocked: true))
      }
      if !explain {
        let routed = router.route(document, sections)
        let isBlocked = routed.decision.isBlocked
        return (.output(RecordEditor.setSections(routed.sections, in: document), found: isBlocked), Routed(blocked: isBlocked))
      }
      let result = router.route(document)
      var text = (result.classification ?? Classification.read(from: document)).map { ClassificationExplanation.text($0, line: line) }
        ?? "line \(line): \(result.decision.level.name)\n"
      text += RouteExplanation.text(result.decision)
      return (.skip, Routed(blocked: result.decision.isBlocked, explanation: text))
    }, consume: { routed in
      if routed.blocked { blocked += 1 }
      if let text = routed.explanation { try StandardOutput.shared.write(text) }
    })
    if stream.errors > 0 { throw ExitStatus.error.exitCode }
    if blocked > 0 { throw ExitCode(exitCode) }
  }
}

/// What one routed record tells the calling thread besides its line.
struct Routed {
  var blocked: Bool
  var explanation: String?
}

struct RouteCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate a catalogue, with its routing rules and health file.",
    discussion: """
      Duplicate models, negative prices, unknown levels, residencies or \
      capabilities, unreachable or conflicting routing rules, and rules that \
      require a residency no model has are errors naming the file, line and \
      field.

      Exit status: 0 valid, 2 invalid, 64 usage error.
      """)

  @OptionGroup var route: RouteOptions

  @Option(name: .long, help: ArgumentHelp("Policy file whose \"routing\" section to check.", valueName: "file"),
    completion: .file(extensions: ["json"]))
  var policy: String?

  func run() throws {
    let router = try route.router(policyFile: policy)
    try StandardOutput.shared.write(
      "\(route.catalogue): valid (\(router.catalogue.models.count) models, \(router.catalogue.providers.count) providers, \(router.policy.rules.count) routing rules) \(router.catalogue.digest)\n")
  }
}
