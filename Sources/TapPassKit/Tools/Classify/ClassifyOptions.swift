import ArgumentParser
import Glibc

/// The options shared by every command that classifies records
/// (`tp-classify`, and `tp-route` on records not yet classified).
struct ClassifyOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Classification policy (JSON, docs/policy-format.md); built-in tables without it.", valueName: "file"),
    completion: .file(extensions: ["json"]))
  var policy: String?

  @Option(name: .long, help: ArgumentHelp("Steps to run on records without findings (default: the data-protection steps).", valueName: "steps"))
  var steps: [String] = []

  func loadPolicy() throws -> ClassificationPolicy {
    try policy.map(PolicyLoader.load(path:)) ?? PolicyLoader.builtIn
  }

  func recordClassifier(policy: ClassificationPolicy) throws -> RecordClassifier {
    let names = steps.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
    let instances = names.isEmpty ? try RecordClassifier.dataProtectionSteps() : try StepRegistry.instantiate(names)
    let key = getenv("TAPPASS_FINGERPRINT_KEY").map { Array(String(cString: $0).utf8) } ?? Redactor.defaultKey
    let engine = try ScanEngine(steps: instances, redactor: Redactor(key: key))
    return RecordClassifier(classifier: try Classifier(policy: policy), scanner: RecordScanner(engine: engine))
  }
}
