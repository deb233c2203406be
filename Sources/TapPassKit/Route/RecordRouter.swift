/// Routes whole records as `tp-route` does: reads the level already on a
/// record, or classifies it first (scanning it too when it carries no
/// findings), and returns the sections to write.
public struct RecordRouter {
  public let router: Router
  public let features: FeatureReader
  public let classifier: RecordClassifier

  public init(router: Router, features: FeatureReader, classifier: RecordClassifier) {
    self.router = router
    self.features = features
    self.classifier = classifier
  }

  public struct Result {
    public var decision: RouteDecision
    /// Set when this call classified the record itself.
    public var classification: Classification?
    public var sections: [(name: String, value: [UInt8])]
  }

  public func route(_ document: JSONDocument) -> Result {
    var sections: [(name: String, value: [UInt8])] = []
    var classification: Classification?
    let level: ClassificationLevel
    if let existing = Classification.level(in: document) {
      level = existing
    } else {
      let classified = classifier.classify(document)
      classification = classified.classification
      sections = classified.sections
      level = classified.classification.level
    }
    let decision = router.route(level: level, features: features.features(of: document))
    sections.append(("route", decision.json))
    return Result(decision: decision, classification: classification, sections: sections)
  }
}

/// `tp-scan | tp-classify | tp-route` in one process: one parse, the full
/// scan, classification from the in-memory findings, routing, and one edit
/// of the record. Its `tappass` section is byte-for-byte what the three
/// tools write through pipes (tested in RouteCompositionTests).
public struct GovernancePipeline {
  public let scanner: RecordScanner
  public let classifier: Classifier
  public let router: RecordRouter

  public init(scanner: RecordScanner, classifier: Classifier, router: RecordRouter) {
    self.scanner = scanner
    self.classifier = classifier
    self.router = router
  }

  public func process(_ document: JSONDocument) -> [UInt8] {
    let findings = scanner.findings(in: document).findings
    var sections = RecordClassifier.findingSections(findings)
    let classification = classifier.classify(document, findings: findings.map(FindingFact.init))
    sections.append(("classification", classification.json))
    let decision = router.router.route(level: classification.level, features: router.features.features(of: document))
    sections.append(("route", decision.json))
    return RecordEditor.setSections(sections, in: document)
  }
}
