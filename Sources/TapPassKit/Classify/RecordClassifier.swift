/// Classifies whole records as `tp-classify` does: uses the findings
/// already on a record, or runs the data-protection steps itself on a raw
/// request, and returns the sections to write (`findings` and `decision`
/// when it scanned, always `classification`).
public struct RecordClassifier {
  public let classifier: Classifier
  /// Runs on records that carry no `tappass.findings`.
  public let scanner: RecordScanner

  public init(classifier: Classifier, scanner: RecordScanner) {
    self.classifier = classifier
    self.scanner = scanner
  }

  /// The registered data-protection steps, the ones that say how sensitive
  /// data is (threat steps do not change a level).
  public static func dataProtectionSteps(configuration: ScanConfiguration = ScanConfiguration()) throws -> [AnyStep] {
    let names = StepRegistry.ordered.filter { $0.descriptor.category == .dataProtection }.map { $0.descriptor.id }
    return names.isEmpty ? [] : try StepRegistry.instantiate(names, configuration: configuration)
  }

  public struct Result {
    public var classification: Classification
    public var sections: [(name: String, value: [UInt8])]
  }

  public func classify(_ document: JSONDocument) -> Result {
    var sections: [(name: String, value: [UInt8])] = []
    let facts: [FindingFact]
    if let existing = FindingFact.read(document) {
      facts = existing
    } else {
      let findings = scanner.findings(in: document).findings
      sections = Self.findingSections(findings)
      facts = findings.map(FindingFact.init)
    }
    let classification = classifier.classify(document, findings: facts)
    sections.append(("classification", classification.json))
    return Result(classification: classification, sections: sections)
  }

  /// `findings` and `decision` exactly as tp-scan writes them.
  public static func findingSections(_ findings: [Finding]) -> [(name: String, value: [UInt8])] {
    var writer = JSONWriter(capacity: 128 + findings.count * 256)
    writer.beginArray()
    for finding in findings { finding.write(to: &writer) }
    writer.endArray()
    return [("findings", writer.bytes), ("decision", RecordScanner.decision(findings))]
  }

  /// Whether the record is an error record from an earlier tool: it passes
  /// through untouched (it carries no content to classify and already
  /// says `action: block`).
  public static func isErrorRecord(_ document: JSONDocument) -> Bool {
    guard let tappass = document.member("tappass", of: 0) else { return false }
    return document.member("error", of: tappass) != nil
  }
}
