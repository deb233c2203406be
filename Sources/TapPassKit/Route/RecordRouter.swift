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

  /// Another record router for one more worker thread. The router itself
  /// is an immutable value (catalogue, rules and the health file read at
  /// start) and is shared; what scans gets its own copy.
  public func worker() throws -> RecordRouter {
    RecordRouter(router: router, features: try features.worker(), classifier: try classifier.worker())
  }

  public struct Result {
    public var decision: RouteDecision
    /// Set when this call classified the record itself.
    public var classification: Classification?
    public var sections: [(name: String, value: [UInt8])]
  }

  public func route(_ document: JSONDocument) -> Result {
    var classification: Classification?
    let (decision, sections) = route(document, RecordSections(document)) { result, texts in
      classification = classifier.classifier.compiled.classification(result, texts: texts, path: document.path(of:))
    }
    return Result(decision: router.compiled.routeDecision(decision), classification: classification, sections: sections)
  }

  /// The sections `tp-route` writes and its decision, without building
  /// the public `RouteDecision`: the level is read in place (or the record
  /// classified first), the request read by reference, and the route
  /// written from the compiled catalogue. `classified` sees the
  /// classification when this call made it.
  func route(
    _ document: JSONDocument, _ recordSections: RecordSections,
    classified: (CompiledPolicy.Result, RecordTexts) -> Void = { _, _ in }
  ) -> (decision: CompiledRouting.Decision, sections: [(name: String, value: [UInt8])]) {
    var sections: [(name: String, value: [UInt8])] = []
    let level: ClassificationLevel
    if let existing = recordSections.level(in: document) {
      level = existing
    } else {
      level = classifier.classify(document, recordSections) { result, texts, written in
        classified(result, texts)
        sections = written
        return result.level
      }
    }
    let compiled = router.compiled
    var store = TextStore()
    let request = features.request(of: document, level: level, flagKeys: compiled.flagKeys, store: &store)
    let decision = store.withTexts(document.bytes) { compiled.decide(request, $0) }
    sections.append(("route", ByteWriter.write { compiled.write(decision, to: &$0) }))
    return (decision, sections)
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
