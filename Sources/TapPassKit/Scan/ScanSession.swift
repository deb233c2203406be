/// One tp-scan run: scans record streams and source files, writes the
/// chosen format, and keeps the counts the exit status is made of.
struct ScanSession {
  let engine: ScanEngine
  let format: ScanFormat
  let scanner: RecordScanner
  var located: [LocatedFinding] = []
  /// The fingerprints of all findings, for `--write-baseline`; kept only
  /// when `keepsFingerprints` (hashing each into a set cost about 1% of a
  /// run that has no use for them).
  var fingerprints = Set<String>()
  let keepsFingerprints: Bool
  var records = 0
  var errors = 0
  var found = 0
  /// Per-record scan time and record size, kept only for --benchmark.
  var recordTimes: [RecordTime] = []
  /// Records scanned with the step timers on (--benchmark).
  var stepTimedRecords = 0
  let output = StandardOutput.shared

  init(engine: ScanEngine, format: ScanFormat, redact: Bool, keepsFingerprints: Bool = true) {
    self.engine = engine
    self.format = format
    self.keepsFingerprints = keepsFingerprints
    var scanner = RecordScanner(engine: engine)
    scanner.redact = redact
    self.scanner = scanner
  }

  /// What one record contributes besides its output line, carried back in
  /// input order from whichever worker scanned it.
  struct RecordPayload {
    var fingerprints: [String]
    var located: [LocatedFinding]
    var time: RecordTime?
  }

  /// One record's scan time (wall clock) and its size in bytes.
  struct RecordTime {
    var microseconds: Double
    var bytes: Int
    /// The record's input line, for `slowest_records`.
    var line: Int = 0
  }

  mutating func scanRecords(_ inputs: [String], options: RecordStream.Options) throws {
    var stream = RecordStream(options: options)
    let format = self.format
    var collected: [LocatedFinding] = []
    var prints = Set<String>()
    var latencies: [RecordTime] = []
    var stepTimed = 0
    let measure = engine.measure
    let uriFor = inputs.count == 1 ? inputs[0] : (inputs.isEmpty ? "stdin" : "input")
    let sink = format == .jsonl ? output : FileOutput(fd: -1)
    // The first worker uses this session's engine; the others their own
    // (an engine keeps per-field buffers and per-session state).
    var engines: [ScanEngine] = []
    let redact = scanner.redact
    let keepsFingerprints = self.keepsFingerprints
    let partition = SessionAffinity.partition(keepingSessions: engine.keepsSessionState)
    try stream.run(inputs: inputs, output: sink, threads: options.threads, partition: partition, makeWorker: {
      let engine = engines.isEmpty ? self.engine : try self.engine.worker()
      engines.append(engine)
      var scanner = RecordScanner(engine: engine)
      scanner.redact = redact
      var scanned = 0
      return { document, line in
        // Under --benchmark, every other record is timed whole with the step
        // timers off (a thread-CPU clock read costs about 0.2 µs and there
        // are two per step and field: they would inflate record latency);
        // the others are timed per step.
        scanned += 1
        let timesRecord = measure && scanned % 2 == 0
        engine.measure = measure && !timesRecord
        let started = timesRecord ? ProgressReporter.monotonicSeconds() : 0
        engine.recordNumber = line
        let result = scanner.scan(document)
        let time = timesRecord ? RecordTime(microseconds: (ProgressReporter.monotonicSeconds() - started) * 1e6, bytes: document.bytes.count, line: line) : nil
        let located = format == .jsonl ? [] : result.findings.map { LocatedFinding(finding: $0, uri: uriFor, line: line, column: 1) }
        let payload = RecordPayload(fingerprints: keepsFingerprints ? result.findings.map(\.fingerprint) : [], located: located, time: time)
        return (format == .jsonl ? .output(result.output, found: !result.findings.isEmpty) : .skip, payload)
      }
    }, consume: { payload in
      if !payload.fingerprints.isEmpty { prints.formUnion(payload.fingerprints) }
      collected.append(contentsOf: payload.located)
      if let time = payload.time { latencies.append(time) } else if measure { stepTimed += 1 }
    })
    for worker in engines.dropFirst() { engine.absorbMeasurements(of: worker) }
    if format != .jsonl {
      found += Set(collected.map(\.line)).count
      errors += stream.errors
    } else {
      found += stream.found
      errors += stream.errors
    }
    records += stream.records
    recordTimes.append(contentsOf: latencies)
    stepTimedRecords += stepTimed
    fingerprints.formUnion(prints)
    located.append(contentsOf: collected)
    if format == .text {
      for item in collected { try output.write(ScanReports.textLine(item) + "\n") }
      located.removeAll()
    }
  }

  mutating func scanSources(_ sources: [SourceText]) throws {
    for source in sources {
      records += 1
      let field = FieldText(path: source.path, role: .file, bytes: source.bytes)
      var findings = engine.scan([field])
      for index in findings.indices {
        let position = source.position(of: findings[index].start)
        findings[index].file = source.path
        findings[index].line = position.line
        if keepsFingerprints { fingerprints.insert(findings[index].fingerprint) }
        let item = LocatedFinding(finding: findings[index], uri: source.path, line: position.line, column: position.column)
        switch format {
        case .text: try output.write(ScanReports.textLine(item) + "\n")
        case .sarif: located.append(item)
        case .jsonl: break
        }
      }
      if !findings.isEmpty { found += 1 }
      if format == .jsonl {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("file"); writer.string(source.path)
        writer.key("tappass")
        writer.beginObject()
        writer.key("version"); writer.int(RecordEditor.schemaVersion)
        writer.key("findings")
        writer.beginArray()
        for finding in findings { finding.write(to: &writer) }
        writer.endArray()
        writer.key("decision"); writer.raw(RecordScanner.decision(findings))
        writer.endObject()
        writer.endObject()
        try output.write(writer.bytes + [0x0A])
      }
    }
  }

  mutating func finish() throws {
    if format == .sarif { try output.write(ScanReports.sarif(located, steps: engine.steps) + [0x0A]) }
    try output.flush()
  }
}
