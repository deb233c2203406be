/// Assigns a level to a record from its findings, the markings in its text,
/// its declared context and the policy's rules.
///
/// Markers and the policy's recognisers share one Hyperscan database, so
/// each text field is scanned once for all of them. Classification is pure:
/// the same record, findings and policy always give the same bytes, which
/// is what lets `tp-scan | tp-classify` equal an in-process call.
public final class Classifier: @unchecked Sendable {
  public let policy: ClassificationPolicy
  private let database: HyperscanDatabase?
  /// Per pattern id: a built-in marker or a recogniser.
  private let sources: [Source]

  enum Source {
    case marker(Marker)
    case recogniser(ClassificationPolicy.Recogniser)

    var name: String {
      switch self {
      case .marker(let marker): marker.name
      case .recogniser(let recogniser): recogniser.name
      }
    }
  }

  /// One marking or recogniser match in one field.
  public struct Hit: Sendable, Equatable {
    public var name: String
    public var isRecogniser: Bool
    public var node: Int
    public var start: Int
    public var end: Int
    /// For recognisers their level; for header markers the level named in
    /// the header; for other markers nil (the profile decides).
    public var level: ClassificationLevel?
  }

  /// The policy compiled for the per-record path.
  let compiled: CompiledPolicy
  /// Whether `HeaderMarker` matches the header marker, and whether the
  /// internal_only marker is split (`InternalOnlyMarker`); the database id
  /// of the `internal` literal then (else -1).
  private let handHeader: Bool
  private let splitInternal: Bool
  private let literalID: Int
  private let cacheDirectory: String?

  public init(policy: ClassificationPolicy, cacheDirectory: String? = HyperscanDatabase.defaultCacheDirectory()) throws {
    self.policy = policy
    self.cacheDirectory = cacheDirectory
    compiled = CompiledPolicy(policy)
    var sources = Marker.builtIn.map(Source.marker)
    sources += policy.recognisers.map(Source.recogniser)
    self.sources = sources
    // Two markers are matched (partly) by hand: the header entirely, the
    // second alternative of internal_only around a literal. Database ids
    // are source ids with the header left out, then the literal.
    let (handHeader, splitInternal) = (HeaderMarker.applies, InternalOnlyMarker.applies)
    self.handHeader = handHeader
    self.splitInternal = splitInternal
    let scanned = sources.indices.filter { !(handHeader && $0 == HeaderMarker.index) }
    var specs = scanned.map { index -> PatternSpec in
      switch sources[index] {
      case .marker(let marker): splitInternal && index == InternalOnlyMarker.index ? InternalOnlyMarker.onlyPattern : marker.pattern
      case .recogniser(let recogniser): PatternSpec(recogniser.name, recogniser.pattern, caseless: recogniser.caseless)
      }
    }
    if splitInternal { specs.append(InternalOnlyMarker.literal) }
    literalID = splitInternal ? specs.count - 1 : -1
    do {
      database = try HyperscanDatabase(patterns: specs, cacheDirectory: cacheDirectory)
    } catch let error as HyperscanDatabase.CompileError {
      guard error.pattern >= 0, error.pattern < scanned.count, case .recogniser(let recogniser) = sources[scanned[error.pattern]] else {
        throw ToolError("cannot compile the classification patterns: \(error.message)")
      }
      throw ToolError("\(policy.source):\(recogniser.origin.line ?? 0): \(recogniser.origin.field).pattern: cannot compile '\(recogniser.name)': \(error.message)")
    }
  }

  /// Another classifier with the same policy, for one more worker thread:
  /// a database's scratch space serves one scan at a time, so each worker
  /// owns its own (loaded from the cache the first one wrote).
  public func worker() throws -> Classifier {
    try Classifier(policy: policy, cacheDirectory: cacheDirectory)
  }

  // MARK: Markers

  /// Every marking and recogniser match in the record's text fields, with
  /// a match inside a stronger-or-equal one of the same field dropped
  /// ("strictly confidential" is not also "confidential").
  public func hits(in document: JSONDocument) -> [Hit] {
    var found: [CompiledPolicy.Hit] = []
    compactHits(in: document, into: &found)
    return found.map { hit in
      Hit(name: sources[hit.source].name, isRecogniser: hit.source >= compiled.markerCount, node: hit.node,
        start: hit.start, end: hit.end, level: hit.level)
    }
  }

  /// `hits(in:)` by source id: one Hyperscan call over the joined text
  /// fields, matches grouped by field in field order (in match order
  /// within a field), contained markers dropped per field.
  func compactHits(in document: JSONDocument, into result: inout [CompiledPolicy.Hit]) {
    guard let database else { return }
    let scratch = RecordScratch.current
    let text = JoinedText(document, scratch: scratch)
    defer { text.recycle(scratch) }
    guard !text.bytes.isEmpty else { return }
    var hits = RecordScratch.take(&scratch.hits)
    var fields = RecordScratch.take(&scratch.hitFields)
    defer {
      scratch.hits = hits
      scratch.hitFields = fields
    }
    let compiled = self.compiled
    let (handHeader, splitInternal, literalID) = (self.handHeader, self.splitInternal, self.literalID)
    let (header, internalOnly) = (HeaderMarker.index, InternalOnlyMarker.index)
    text.bytes.withUnsafeBufferPointer { bytes in
      var headers: [(start: Int, end: Int)] = []
      if handHeader {
        HeaderMarker.matches(bytes, starts: text.starts, escaped: { document.nodes[text.nodes[$0]].isEscapedString }, into: &headers)
      }
      var matches = database.scan(bytes).matches
      if matches.isEmpty && headers.isEmpty { return }
      hits.reserveCapacity(matches.count + headers.count)
      fields.reserveCapacity(matches.count + headers.count)
      func add(_ source: Int, _ matchStart: Int, _ end: Int) {
        // Header patterns begin at the preceding newline; report the text.
        var start = matchStart
        while start < end, bytes[start] == 0x0A { start += 1 }
        guard let located = text.field(containing: start, end) else { return }
        var level: ClassificationLevel?
        if source >= compiled.markerCount {
          level = compiled.recogniserLevels[source - compiled.markerCount]
        } else if compiled.headerMarkers[source] {
          level = Marker.headerLevel(UnsafeBufferPointer(rebasing: bytes[matchStart..<end]))
          if level == nil { return }
        }
        hits.append(.init(source: source, node: text.nodes[located.index], start: located.start, end: located.end, level: level))
        fields.append(located.index)
      }
      // The second alternative of internal_only, around each literal.
      var internalUse: [(start: Int, end: Int)] = []
      if splitInternal {
        var literals = matches.count
        while literals > 0 && matches[literals - 1].id == literalID { literals -= 1 }
        for literal in matches[literals...] {
          if let match = InternalOnlyMarker.forInternalUse(bytes, end: literal.end) { internalUse.append(match) }
        }
        matches.removeSubrange(literals...)
      }
      // Matches come by source, then start: the header's after the
      // markers before it and before the recognisers.
      var next = 0
      for source in 0..<compiled.markerCount {
        if handHeader && source == header {
          for match in headers { add(source, match.start, match.end) }
          continue
        }
        let id = handHeader && source > header ? source - 1 : source
        var own: [(start: Int, end: Int)] = []
        while next < matches.count, matches[next].id == id {
          if splitInternal && source == internalOnly {
            own.append((matches[next].start, matches[next].end))
          } else {
            add(source, matches[next].start, matches[next].end)
          }
          next += 1
        }
        if splitInternal && source == internalOnly && !(own.isEmpty && internalUse.isEmpty) {
          for match in InternalOnlyMarker.merge(own + internalUse) { add(source, match.start, match.end) }
        }
      }
      while next < matches.count {
        add(matches[next].id + (handHeader ? 1 : 0), matches[next].start, matches[next].end)
        next += 1
      }
    }
    if hits.count < 2 {
      result += hits
      return
    }
    // Group by field, keeping match order within a field.
    var order = RecordScratch.take(&scratch.order)
    defer { scratch.order = order }
    order.append(contentsOf: hits.indices)
    order.sort { fields[$0] < fields[$1] || (fields[$0] == fields[$1] && $0 < $1) }
    result.reserveCapacity(hits.count)
    var groupStart = 0
    while groupStart < order.count {
      var groupEnd = groupStart + 1
      while groupEnd < order.count && fields[order[groupEnd]] == fields[order[groupStart]] { groupEnd += 1 }
      if groupEnd - groupStart == 1 {
        result.append(hits[order[groupStart]])
      } else {
        result += dropContained(order[groupStart..<groupEnd].map { hits[$0] })
      }
      groupStart = groupEnd
    }
  }

  func dropContained(_ hits: [CompiledPolicy.Hit]) -> [CompiledPolicy.Hit] {
    let markers = compiled.markerCount
    let sorted = hits.sorted { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
    var kept: [CompiledPolicy.Hit] = []
    for hit in sorted {
      let covered = kept.contains { $0.start <= hit.start && hit.end <= $0.end && $0.source < markers && hit.source < markers }
      if !covered { kept.append(hit) }
    }
    return kept
  }

  // MARK: Classification

  /// Classifies a parsed record. `findings` are the record's findings
  /// (from `tappass.findings` or an in-process scan).
  public func classify(_ document: JSONDocument, findings: [FindingFact]) -> Classification {
    var store = TextStore()
    let compact = compiled.findings(findings, &store)
    let context = CompiledPolicy.context(of: document, RecordSections(document), &store)
    var hits: [CompiledPolicy.Hit] = []
    compactHits(in: document, into: &hits)
    return store.withTexts(document.bytes) { texts in
      compiled.classification(compiled.classify(context, findings: compact, hits: hits, texts: texts), texts: texts, path: document.path(of:))
    }
  }

  /// Classifies from a context and hits already found (`path` names a
  /// hit's node).
  public func classify(
    context: RecordContext, findings: [FindingFact], hits: [Hit], path: (Int) -> String
  ) -> Classification {
    let ids = Dictionary(sources.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
    let compactHits = hits.compactMap { hit in
      ids[hit.name].map { CompiledPolicy.Hit(source: $0, node: hit.node, start: hit.start, end: hit.end, level: hit.level) }
    }
    var store = TextStore()
    let compact = compiled.findings(findings, &store)
    let context = CompiledPolicy.context(context, &store)
    return store.withTexts([]) { texts in
      compiled.classification(compiled.classify(context, findings: compact, hits: compactHits, texts: texts), texts: texts, path: path)
    }
  }
}

/// `*` globs for agent ids (`hr-*`, `*-prod`).
enum Glob {
  static func matches(_ pattern: String, _ text: String) -> Bool {
    Array(text.utf8).withUnsafeBufferPointer { matches(Array(pattern.utf8), $0) }
  }

  static func matches(_ p: [UInt8], _ t: UnsafeBufferPointer<UInt8>) -> Bool {
    var pi = 0, ti = 0, star = -1, mark = 0
    while ti < t.count {
      if pi < p.count, p[pi] == t[ti] {
        pi += 1; ti += 1
      } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
        star = pi; mark = ti; pi += 1
      } else if star >= 0 {
        pi = star + 1; mark += 1; ti = mark
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
    return pi == p.count
  }
}
