import ArgumentParser

/// `tp-classify policy check|diff`.
struct PolicyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "policy",
    abstract: "Validate a classification policy or compare two versions.",
    subcommands: [PolicyCheck.self, PolicyDiffCommand.self])
}

struct PolicyCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate a policy file strictly and compile its recognisers.",
    discussion: """
      Unknown keys, unknown levels, "extends" cycles, conflicting or \
      duplicate rules, unreachable routing rules and recognisers that do \
      not compile are errors naming the file, line and field. With \
      --catalogue the routing section is also checked against it (e.g. an \
      EU-residency rule with no EU model).

      Exit status: 0 valid, 2 invalid, 64 usage error.
      """)

  @Argument(help: ArgumentHelp("The policy file.", valueName: "file"), completion: .file(extensions: ["json"]))
  var file: String

  @Option(name: .long, help: ArgumentHelp("Also check the routing section against this model catalogue.", valueName: "file"),
    completion: .file(extensions: ["json"]))
  var catalogue: String?

  func run() throws {
    let json = try StrictJSON.load(path: file)
    let policy = try PolicyLoader.parse(json)
    _ = try Classifier(policy: policy)
    let routing = try RoutingPolicyLoader.section(of: json)
    if let catalogue {
      _ = try Router(catalogue: CatalogueLoader.load(path: catalogue), policy: routing ?? RoutingPolicy())
    }
    let orgs = policy.orgs.count, rules = policy.rules.count, recognisers = policy.recognisers.count
    let routes = routing.map { ", \($0.rules.count) routing rules" } ?? ""
    try StandardOutput.shared.write("\(file): valid (\(orgs) orgs, \(rules) rules, \(recognisers) recognisers\(routes)) \(policy.digest)\n")
  }
}

struct PolicyDiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Show what changed between two policy versions, in terms of decisions.",
    discussion: """
      Lists every finding type, marker, category and default level that now \
      maps to another level, and every rule, recogniser and routing rule \
      added, removed or changed. With --records, classifies each record \
      under both versions and lists the records whose level changes.

      Exit status: 0 no change, 1 decisions changed, 2 error, 64 usage error.
      """)

  @Argument(help: ArgumentHelp("The old policy.", valueName: "old"), completion: .file(extensions: ["json"]))
  var old: String

  @Argument(help: ArgumentHelp("The new policy.", valueName: "new"), completion: .file(extensions: ["json"]))
  var new: String

  @Option(name: .long, help: ArgumentHelp("JSON Lines records to classify under both versions.", valueName: "file"), completion: .file())
  var records: String?

  @OptionGroup var stream: StreamOptions

  func run() throws {
    let (jsonA, jsonB) = (try StrictJSON.load(path: old), try StrictJSON.load(path: new))
    let (a, b) = (try PolicyLoader.parse(jsonA), try PolicyLoader.parse(jsonB))
    var diff = PolicyDiff(a, b, routingA: try RoutingPolicyLoader.section(of: jsonA) ?? RoutingPolicy(),
      routingB: try RoutingPolicyLoader.section(of: jsonB) ?? RoutingPolicy())
    if let records {
      let classifierA = try Classifier(policy: a), classifierB = try Classifier(policy: b)
      let scanner = RecordScanner(engine: try ScanEngine(steps: RecordClassifier.dataProtectionSteps()))
      var stream = RecordStream(options: self.stream.streamOptions(tool: "tp-classify"))
      try stream.run(inputs: [records], output: FileOutput(fd: -1)) { document, line in
        let findings = FindingFact.read(document) ?? scanner.findings(in: document).findings.map(FindingFact.init)
        diff.compare(record: document, line: line, findings: findings, classifierA, classifierB)
        return .skip
      }
      if stream.errors > 0 { throw ToolError("\(records): \(stream.errors) unreadable lines") }
    }
    try StandardOutput.shared.write("policy diff \(old) → \(new)\n" + diff.text)
    if !diff.isEmpty { throw ExitStatus.found.exitCode }
  }
}
