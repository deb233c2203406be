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

  /// Another record classifier for one more worker thread: its own
  /// classifier and scan engine (buffers, database scratch and per-session
  /// state), the same policy and steps.
  public func worker() throws -> RecordClassifier {
    var scanner = RecordScanner(engine: try self.scanner.engine.worker())
    scanner.redact = self.scanner.redact
    return RecordClassifier(classifier: try classifier.worker(), scanner: scanner)
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
    classify(document, RecordSections(document)) { result, texts, sections in
      Result(classification: classifier.compiled.classification(result, texts: texts, path: document.path(of:)), sections: sections)
    }
  }

  /// The sections `tp-classify` writes, without building the public
  /// `Classification`: findings already on the record are read in place,
  /// and the classification is written straight to JSON.
  public func sections(for document: JSONDocument) -> [(name: String, value: [UInt8])] {
    classify(document, RecordSections(document)) { _, _, sections in sections }
  }

  /// Classifies a record and hands `finish` the result with the sections
  /// to write (`findings` and `decision` first when it had to scan).
  func classify<R>(
    _ document: JSONDocument, _ recordSections: RecordSections,
    _ finish: (CompiledPolicy.Result, RecordTexts, [(name: String, value: [UInt8])]) -> R
  ) -> R {
    let compiled = classifier.compiled
    let scratch = RecordScratch.current
    var store = TextStore(decoded: RecordScratch.take(&scratch.decoded))
    var findings = RecordScratch.take(&scratch.findings)
    var hits = RecordScratch.take(&scratch.found)
    var sections: [(name: String, value: [UInt8])] = []
    if !compiled.findings(in: document, recordSections, &store, into: &findings) {
      let scanned = scanner.findings(in: document).findings
      sections = Self.findingSections(scanned)
      findings = compiled.findings(scanned.map(FindingFact.init), &store)
    }
    let context = CompiledPolicy.context(of: document, recordSections, &store)
    classifier.compactHits(in: document, into: &hits)
    defer {
      scratch.decoded = store.decoded
      scratch.findings = findings
      scratch.found = hits
    }
    return store.withTexts(document.bytes) { texts in
      let result = compiled.classify(context, findings: findings, hits: hits, texts: texts, reasons: RecordScratch.take(&scratch.reasons))
      sections.append(("classification", ByteWriter.write { compiled.write(result, document: document, texts: texts, to: &$0) }))
      defer { scratch.reasons = result.reasons }
      return finish(result, texts, sections)
    }
  }

  /// `findings` and `decision` exactly as tp-scan writes them.
  public static func findingSections(_ findings: [Finding]) -> [(name: String, value: [UInt8])] {
    [("findings", Finding.jsonArray(findings)), ("decision", RecordScanner.decision(findings))]
  }

  /// Whether the record is an error record from an earlier tool: it passes
  /// through untouched (it carries no content to classify and already
  /// says `action: block`).
  public static func isErrorRecord(_ document: JSONDocument) -> Bool {
    RecordSections(document).isError
  }
}
