import Dispatch
import Glibc

/// Runs a set of configured steps over the text fields of records.
///
/// Per field: one Hyperscan pass over the shared database (every step's
/// patterns plus every step's prefilter keywords), then each step that
/// reads the field's role and has a match or keyword hit inspects it. The
/// engine then applies what is common to all steps: thresholds, overlap
/// resolution, inline suppression, fingerprints, previews, actions and the
/// baseline.
///
/// Delegating steps (scan_output, scan_tool_results) apply other steps to
/// their fields: the engine runs those steps on the same scan's matches,
/// views and model scores, so a field is scanned once whoever reads it.
public final class ScanEngine: @unchecked Sendable {
  /// The selected steps, by position.
  public let steps: [AnyStep]
  /// `steps`, then the steps a delegation needs that were not selected
  /// (with their default configuration, reading nothing on their own).
  /// Pattern owners and match lists index this array.
  private let runners: [AnyStep]
  /// Whether a step that runs keeps per-session state, so that parallel
  /// workers must keep a session's records together.
  public var keepsSessionState: Bool { runners.contains { $0.keepsSessionState } }
  public let redactor: Redactor
  /// Fingerprints accepted earlier (`--baseline`): not reported again.
  public var baseline: Set<String>
  private let database: HyperscanDatabase?
  /// What the normalised views are scanned with: only the patterns whose
  /// matches a view-reading step keeps (`ViewDatabase.patterns` maps its ids to
  /// global ids). Views were scanned with the whole database and every
  /// match of the data steps (secrets, PII, infra) dropped: those patterns
  /// cost about as much again as the threat rules (scripts/bench-scan, hsb).
  /// Nil when no step reads views. Made on the first field that has a
  /// view (`viewScanner`), shared with the workers.
  private let viewSource: ViewDatabase?
  /// This engine's copy of the view database (its own scratch space), and
  /// whether it could not be made (views then use the shared database).
  private var viewDatabase: HyperscanDatabase?
  private var viewDatabaseFailed = false
  private let cacheDirectory: String?
  private let normalizer = TextNormalizer()
  /// Global pattern id → (runner index, local pattern index); local index
  /// -1 marks a prefilter keyword.
  private let owners: [(step: Int, pattern: Int)]
  /// The further owners of an expression that several steps share
  /// (detect_tool_poison re-uses injection rules): it is compiled once and
  /// its matches go to each. Empty for most ids.
  private let sharedOwners: [[(step: Int, pattern: Int)]]
  /// What runs on a field of each role.
  private let plans: [FieldRole: FieldPlan]
  /// Per runner, the facts the per-field loop reads, kept flat so that the
  /// loop never copies an `AnyStep` (each copy retains its strings, arrays
  /// and closure: measurable per field).
  private let thresholds: [Double]
  private let prefiltered: [Bool]
  private let readsViews: [Bool]
  private let inspectors: [AnyStep.Inspector]
  private let stepIDs: [String]
  private let actions: [Action]
  /// This engine's (this worker's) fingerprint MAC context, made for the
  /// first finding: fetching HMAC from OpenSSL costs some 5M instructions,
  /// which a run that finds nothing (most pre-commit runs) need not pay.
  private lazy var fingerprinter: TPCrypto.HMACSHA256.Keyed? = redactor.keyed()
  /// The fingerprints made for the record being scanned.
  private let fingerprints = FingerprintMemo()
  /// Per-session state, with the record number that last touched it.
  private var sessions: [String: (state: [String: Double], lastRecord: Int)] = [:]
  /// The number of the record being scanned (its input line), set by the
  /// tool before each record; without it, records are counted here.
  public var recordNumber: Int?
  private var counted = 0
  /// A session idle for more records than this starts afresh. Counted in
  /// input records, not per worker, so the result is the same whatever the
  /// number of workers (a session's records always go to one worker); it
  /// also bounds memory: at most this many sessions are live.
  public var sessionIdleRecords = 100_000
  private var perStep: [[PatternMatch]]
  private var keywordHit: [Bool]
  private let modelScores = FieldModelScores()
  /// Thread CPU time per step, filled only when `measure` is set (`--benchmark`).
  public var measure = false
  public private(set) var stepSeconds: [String: Double] = [:]
  public private(set) var scanSeconds = 0.0

  /// The marker that suppresses findings on its line (like gitleaks:allow).
  public static let suppressionMarker = Array("tappass:allow".utf8)

  /// The runners that inspect fields of one role, in position order.
  struct FieldPlan {
    /// Runner index, and for a delegating step the runners it applies.
    var entries: [(runner: Int, delegated: [Int])] = []
    var readsViews = false
  }

  /// `sharing`: the databases of an engine with the same steps, whose
  /// compiled patterns this one scans with (`worker()`).
  public convenience init(steps: [AnyStep], redactor: Redactor = Redactor(), baseline: Set<String> = [],
                          cacheDirectory: String? = HyperscanDatabase.defaultCacheDirectory()) throws {
    try self.init(steps: steps, redactor: redactor, baseline: baseline, cacheDirectory: cacheDirectory, sharing: nil, sharingViews: nil)
  }

  private init(steps: [AnyStep], redactor: Redactor, baseline: Set<String>, cacheDirectory: String?,
               sharing shared: HyperscanDatabase?, sharingViews sharedViews: ViewDatabase?) throws {
    let sorted = steps.sorted { $0.descriptor.position < $1.descriptor.position }
    self.steps = sorted
    self.redactor = redactor
    self.baseline = baseline
    self.cacheDirectory = cacheDirectory
    let (runners, targets) = Self.resolveDelegations(sorted)
    self.runners = runners
    thresholds = runners.map(\.settings.threshold)
    prefiltered = runners.map(\.inspectsOnlyWithMatches)
    readsViews = runners.map(\.readsNormalizedViews)
    inspectors = runners.map(\.inspectClosure)
    stepIDs = runners.map(\.id)
    actions = runners.map { $0.settings.onDetection ?? $0.descriptor.defaultAction }
    plans = Self.plans(runners: runners, visible: sorted.count, targets: targets)
    var specs: [PatternSpec] = []
    var owners: [(step: Int, pattern: Int)] = []
    var sharedOwners: [[(step: Int, pattern: Int)]] = []
    var compiled: [PatternSpec.Identity: Int] = [:]
    func add(_ spec: PatternSpec, _ owner: (step: Int, pattern: Int)) {
      if let id = compiled[spec.identity] {
        sharedOwners[id].append(owner)
        return
      }
      compiled[spec.identity] = specs.count
      specs.append(spec)
      owners.append(owner)
      sharedOwners.append([])
    }
    for (index, step) in runners.enumerated() {
      for (local, spec) in step.patterns.enumerated() { add(spec, (index, local)) }
      for keyword in step.descriptor.keywords {
        add(PatternSpec("keyword", Self.literal(keyword), caseless: true, leftmostStart: false), (index, -1))
      }
    }
    self.owners = owners
    self.sharedOwners = sharedOwners
    let viewPatterns = Self.viewPatterns(owners: owners, sharedOwners: sharedOwners, readsViews: readsViews)
    viewSource = sharedViews ?? (viewPatterns.isEmpty ? nil : ViewDatabase(patterns: viewPatterns, specs: viewPatterns.map { specs[$0] },
                                                                             cacheDirectory: cacheDirectory))
    perStep = [[PatternMatch]](repeating: [], count: runners.count)
    keywordHit = [Bool](repeating: false, count: runners.count)
    if shared == nil {
      // Lazily loaded tables are initialised once per process (swift_once):
      // a record that needs one before this is done waits for it.
      let warmUps = runners.map(\.warmUp)
      DispatchQueue.global(qos: .userInitiated).async { for warmUp in warmUps { warmUp() } }
    }
    do {
      if let shared {
        precondition(shared.patternCount == specs.count, "a shared database must hold the same patterns")
        database = try shared.copy()
      } else {
        database = specs.isEmpty ? nil : try HyperscanDatabase(patterns: specs, cacheDirectory: cacheDirectory)
      }
    } catch let error as HyperscanDatabase.CompileError {
      let owner = error.pattern >= 0 && error.pattern < owners.count ? runners[owners[error.pattern].step].id : "?"
      throw ToolError("cannot compile the patterns of step \(owner): \(error.message)")
    }
  }

  /// Another engine with the same steps, redactor and baseline, for one
  /// more worker thread (its own buffers, scratch space and session state;
  /// the compiled database is this engine's, not loaded again).
  public func worker() throws -> ScanEngine {
    let copy = try ScanEngine(steps: steps, redactor: redactor, baseline: baseline, cacheDirectory: cacheDirectory,
                              sharing: database, sharingViews: viewSource)
    copy.measure = measure
    return copy
  }

  /// Adds a worker's `--benchmark` timings to this engine's.
  public func absorbMeasurements(of worker: ScanEngine) {
    scanSeconds += worker.scanSeconds
    for (step, seconds) in worker.stepSeconds { stepSeconds[step, default: 0] += seconds }
  }

  /// Appends to the selected steps those a delegation needs and that were
  /// not selected, and lists each delegating step's targets.
  static func resolveDelegations(_ steps: [AnyStep]) -> (runners: [AnyStep], targets: [[Int]]) {
    var runners = steps
    var targets = [[Int]](repeating: [], count: steps.count)
    for (index, step) in steps.enumerated() {
      guard let delegation = step.delegation else { continue }
      for type in StepRegistry.ordered where type.delegation == nil && delegation.includes(type.descriptor) {
        if let existing = runners.firstIndex(where: { $0.id == type.descriptor.id }) {
          targets[index].append(existing)
        } else if let auxiliary = try? type.configured(from: nil, source: "delegated") {
          runners.append(auxiliary.reading([]))
          targets.append([])
          targets[index].append(runners.count - 1)
        }
      }
    }
    return (runners, targets)
  }

  /// Per role: the enabled steps reading it, and for each delegating one
  /// the enabled targets that do not already report on this role
  /// themselves (a selected detect_pii reading tool results is not run a
  /// second time for scan_tool_results).
  static func plans(runners: [AnyStep], visible: Int, targets: [[Int]]) -> [FieldRole: FieldPlan] {
    var plans: [FieldRole: FieldPlan] = [:]
    for role in FieldRole.allCases {
      var plan = FieldPlan()
      for (index, step) in runners.enumerated() where step.settings.enabled && step.settings.reads.contains(role) {
        guard step.delegation != nil else {
          plan.entries.append((index, []))
          if step.readsNormalizedViews { plan.readsViews = true }
          continue
        }
        let delegated = targets[index].filter { target in
          let inner = runners[target]
          let reportsItself = target < visible && inner.settings.reads.contains(role)
          return inner.settings.enabled && !reportsItself
        }
        if delegated.isEmpty { continue }
        plan.entries.append((index, delegated))
        if delegated.contains(where: { runners[$0].readsNormalizedViews }) { plan.readsViews = true }
      }
      plans[role] = plan
    }
    return plans
  }

  /// Escapes a keyword for use as a Hyperscan literal.
  static func literal(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " " {
        output.unicodeScalars.append(scalar)
      } else {
        for byte in String(scalar).utf8 { output += String(format: "\\x%02x", byte) }
      }
    }
    return output
  }

  /// Scans every field and returns the findings, in field then offset order.
  public func scan(_ fields: [FieldText], context: InspectionContext = InspectionContext()) -> [Finding] {
    var context = context
    context.modelScores = modelScores
    counted += 1
    let record = recordNumber ?? counted
    if let session = context.sessionID, let entry = sessions[session], record - entry.lastRecord <= sessionIdleRecords {
      context.sessionState = entry.state
    }
    var findings: [Finding] = []
    for field in fields { scan(field, context: &context, into: &findings) }
    fingerprints.clear()
    for note in context.incomplete {
      findings.append(Finding(
        step: "engine", type: "incomplete_inspection", path: note, start: 0, end: 0, score: 1,
        severity: .high, action: .block, fingerprint: "", preview: "", reasons: ["inspection bound reached"]))
    }
    if let session = context.sessionID, !context.sessionState.isEmpty {
      assert(keepsSessionState, "a step wrote session state without declaring keepsSessionState")
      sessions[session] = (context.sessionState, record)
      // Dropping sessions that are idle anyway changes no result.
      if sessions.count > 2 * sessionIdleRecords { sessions = sessions.filter { record - $0.value.lastRecord <= sessionIdleRecords } }
    }
    return findings
  }

  private func scan(_ field: FieldText, context: inout InspectionContext, into findings: inout [Finding]) {
    guard let plan = plans[field.role], !plan.entries.isEmpty else { return }
    let measure = self.measure
    // Reused across fields (the engine is single-threaded): no per-field
    // allocation of the per-step match lists.
    for index in perStep.indices { perStep[index].removeAll(keepingCapacity: true) }
    for index in keywordHit.indices { keywordHit[index] = false }
    context.modelScores.clear()
    context.views = []
    if let database {
      let started = measure ? ProgressReporter.threadCPUSeconds() : 0
      let result = field.bytes.withUnsafeBufferPointer { database.scan($0) }
      for match in result.matches {
        Self.record(owners[match.id], match.start, match.end, perStep: &perStep, keywordHit: &keywordHit)
        for shared in sharedOwners[match.id] { Self.record(shared, match.start, match.end, perStep: &perStep, keywordHit: &keywordHit) }
      }
      if result.truncated { context.incomplete.append(field.path) }
      if plan.readsViews { scanViews(field, context: &context, perStep: &perStep, keywordHit: &keywordHit) }
      if measure { scanSeconds += ProgressReporter.threadCPUSeconds() - started }
    }
    // Whether the field holds the suppression marker at all, checked once:
    // per-candidate line scans are quadratic when thousands of candidates
    // sit on one long line (a dumped secrets file in a tool result).
    var markerPresent: Bool?
    var path: String?
    // Read once per field, not per step: each read of a class's `var` is
    // a run-time exclusivity check (begin and end access, about a percent
    // of a corpus run with those below).
    let perStep = self.perStep, keywordHit = self.keywordHit
    for entry in plan.entries {
      let started = measure ? ProgressReporter.threadCPUSeconds() : 0
      var candidates: [Candidate]
      if entry.delegated.isEmpty {
        candidates = inspect(entry.runner, field, perStep[entry.runner], hit: keywordHit[entry.runner], context: &context)
      } else {
        // The targets' own candidates, each marked with the target's id.
        candidates = []
        for target in entry.delegated {
          let inner = stepIDs[target]
          for candidate in inspect(target, field, perStep[target], hit: keywordHit[target], context: &context) {
            var marked = candidate
            marked.category = inner
            marked.reasons = ["step:" + inner] + candidate.reasons
            candidates.append(marked)
          }
        }
        let threshold = thresholds[entry.runner]
        candidates = candidates.filter { $0.score >= threshold }
      }
      for candidate in Self.resolveOverlaps(candidates) {
        if markerPresent == nil {
          markerPresent = isSuppressed(field.bytes, Candidate(start: 0, end: field.bytes.count, type: "", score: 0, severity: .low))
        }
        if markerPresent == true, isSuppressed(field.bytes, candidate) { continue }
        let fieldPath = path ?? field.path
        path = fieldPath
        let finding = makeFinding(entry.runner, field, candidate, path: fieldPath)
        if baseline.isEmpty || !baseline.contains(finding.fingerprint) { findings.append(finding) }
      }
      if measure { stepSeconds[stepIDs[entry.runner], default: 0] += ProgressReporter.threadCPUSeconds() - started }
    }
  }

  /// One step's candidates on a field, above its threshold and with
  /// overlaps among them resolved; nothing when its prefilter says so.
  /// `matches` and `hit` are the step's pattern matches and keyword hit.
  private func inspect(_ runner: Int, _ field: FieldText, _ matches: [PatternMatch], hit: Bool, context: inout InspectionContext) -> [Candidate] {
    if prefiltered[runner], matches.isEmpty, !hit { return [] }
    var matches = matches
    // Sorting makes the list unique, a copy of the engine's buffer (an
    // allocation per step and field): only when there is something to order.
    if matches.count > 1 { matches.sort { $0.start < $1.start || ($0.start == $1.start && ($0.end > $1.end || ($0.end == $1.end && $0.pattern < $1.pattern))) } }
    // A view can repeat a raw match at the same offsets: keep one.
    if readsViews[runner], matches.count > 1 {
      var unique = [matches[0]]
      for match in matches.dropFirst() where match != unique[unique.count - 1] { unique.append(match) }
      matches = unique
    }
    let threshold = thresholds[runner]
    let count = field.bytes.count
    let candidates = inspectors[runner](field, matches, &context).filter {
      $0.score >= threshold && $0.start >= 0 && $0.end <= count && $0.start <= $0.end
    }
    return Self.resolveOverlaps(candidates)
  }

  /// Scans the normalised views of a field (folded text, decoded blobs) and
  /// adds their matches, mapped to original offsets, for the steps that
  /// read views; a bound reached while normalising is reported.
  private func scanViews(_ field: FieldText, context: inout InspectionContext,
                         perStep: inout [[PatternMatch]], keywordHit: inout [Bool]) {
    let normalized = normalizer.views(of: field.bytes)
    if normalized.incomplete { context.incomplete.append(field.path) }
    context.views = normalized.views
    guard !normalized.views.isEmpty, let scanner = viewScanner() else { return }
    for view in normalized.views {
      let truncated = recordViewMatches(view.bytes, scanner.database, global: scanner.global, map: view.originalRange,
                                        perStep: &perStep, keywordHit: &keywordHit)
      if truncated { context.incomplete.append(field.path) }
    }
  }

  /// Scans one view with `database` and records, for each view-reading
  /// owner, its matches at the offsets `map` gives; `global` maps the
  /// database's ids to global ones (nil: they are global). Returns whether
  /// the scan was truncated.
  ///
  /// A pattern's matches do not depend on the other patterns compiled with
  /// it, so the view database gives these owners what the shared one gives
  /// them (a test holds the two equal); only the report limit counts fewer
  /// reports, those of patterns no view reader keeps.
  private func recordViewMatches(_ bytes: [UInt8], _ database: HyperscanDatabase, global: [Int]?, map: (Int, Int) -> Range<Int>,
                                 perStep: inout [[PatternMatch]], keywordHit: inout [Bool]) -> Bool {
    let result = bytes.withUnsafeBufferPointer { database.scan($0) }
    for match in result.matches {
      let id = global.map { $0[match.id] } ?? match.id
      let owner = owners[id]
      let shared = sharedOwners[id]
      guard readsViews[owner.step] || !shared.isEmpty else { continue }
      let range = map(match.start, match.end)
      if readsViews[owner.step] { Self.record(owner, range.lowerBound, range.upperBound, perStep: &perStep, keywordHit: &keywordHit) }
      for other in shared where readsViews[other.step] {
        Self.record(other, range.lowerBound, range.upperBound, perStep: &perStep, keywordHit: &keywordHit)
      }
    }
    return result.truncated
  }

  /// What views are scanned with, and the map of its ids to global ids:
  /// this engine's copy of the view database, made on first use, or the
  /// shared database should the view database not compile (a view reader
  /// gets the same matches from both); nil when no step reads views.
  private func viewScanner() -> (database: HyperscanDatabase, global: [Int]?)? {
    guard let viewSource else { return nil }
    if let viewDatabase { return (viewDatabase, viewSource.patterns) }
    if !viewDatabaseFailed, let copy = try? viewSource.shared()?.copy() {
      viewDatabase = copy
      return (copy, viewSource.patterns)
    }
    viewDatabaseFailed = true
    return database.map { (database: $0, global: nil) }
  }

  /// The global ids of the patterns a view-reading step keeps: its own and
  /// those it shares with another step.
  static func viewPatterns(owners: [(step: Int, pattern: Int)], sharedOwners: [[(step: Int, pattern: Int)]], readsViews: [Bool]) -> [Int] {
    owners.indices.filter { id in readsViews[owners[id].step] || sharedOwners[id].contains { readsViews[$0.step] } }
  }

  /// What the view-reading steps get from `bytes` scanned as a view (at
  /// view offsets), with the view database or, `whole`, with the shared
  /// one as views were scanned before; for tests.
  func viewMatches(_ bytes: [UInt8], whole: Bool) -> (perStep: [[PatternMatch]], keywordHit: [Bool]) {
    var perStep = [[PatternMatch]](repeating: [], count: runners.count)
    var keywordHit = [Bool](repeating: false, count: runners.count)
    let scanner = whole ? database.map { (database: $0, global: [Int]?.none) } : viewScanner()
    if let scanner {
      _ = recordViewMatches(bytes, scanner.database, global: scanner.global, map: { $0..<$1 }, perStep: &perStep, keywordHit: &keywordHit)
    }
    return (perStep, keywordHit)
  }

  /// A match for one owner: a keyword hit, or a match of the step's pattern.
  @inline(__always)
  private static func record(_ owner: (step: Int, pattern: Int), _ start: Int, _ end: Int, perStep: inout [[PatternMatch]], keywordHit: inout [Bool]) {
    if owner.pattern < 0 {
      keywordHit[owner.step] = true
    } else {
      perStep[owner.step].append(PatternMatch(pattern: owner.pattern, start: start, end: end))
    }
  }

  /// Keeps, among overlapping candidates of one step, the highest-scoring
  /// (then the longest), so one value is reported once with its best type.
  static func resolveOverlaps(_ candidates: [Candidate]) -> [Candidate] {
    guard candidates.count > 1 else { return candidates }
    // Their indices are sorted, not the candidates (moving one retains its
    // strings): the sort compares the same values, so the order is the same.
    return candidates.withUnsafeBufferPointer { all in
      let ranked = all.indices.sorted {
        if all[$0].score != all[$1].score { return all[$0].score > all[$1].score }
        return (all[$0].end - all[$0].start) > (all[$1].end - all[$1].start)
      }
      // Kept spans never overlap, so sorted by start they are also sorted by
      // end: one binary search per candidate finds its only possible
      // neighbours (O(n log n) even for tens of thousands of candidates).
      var kept: [Int] = []
      var empty: [Int] = []
      for index in ranked {
        let start = all[index].start, end = all[index].end
        if start == end {
          empty.append(index)
          continue
        }
        var low = 0
        var high = kept.count
        while low < high {
          let middle = (low + high) / 2
          if all[kept[middle]].start < start { low = middle + 1 } else { high = middle }
        }
        let overlapsNext = low < kept.count && all[kept[low]].start < end
        let overlapsPrevious = low > 0 && all[kept[low - 1]].end > start
        if !overlapsNext && !overlapsPrevious { kept.insert(index, at: low) }
      }
      return (kept + empty).sorted { all[$0].start < all[$1].start }.map { all[$0] }
    }
  }

  /// Whether the line holding the candidate carries `tappass:allow`.
  func isSuppressed(_ bytes: [UInt8], _ candidate: Candidate) -> Bool {
    var lineStart = min(candidate.start, bytes.count)
    while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    var lineEnd = max(candidate.end, lineStart)
    while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
    let marker = Self.suppressionMarker
    guard lineEnd - lineStart >= marker.count else { return false }
    // The marker's colon is rare in text: memchr finds each one (vectorised)
    // and only there is the marker compared, case-insensitively. A byte-by-
    // byte search cost about 2 µs per record with findings (perf).
    let colon = Self.markerColon
    return bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      var from = lineStart + colon
      while from < lineEnd - (marker.count - colon - 1) {
        guard let found = memchr(base + from, 0x3A, lineEnd - from) else { return false }
        let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - colon
        if position + marker.count <= lineEnd, Self.matchesMarker(buffer, at: position) { return true }
        from = position + colon + 1
      }
      return false
    }
  }

  /// Where the colon sits in `tappass:allow`.
  static let markerColon = suppressionMarker.firstIndex(of: 0x3A)!

  /// Whether the marker starts at `position` (ASCII case-insensitive).
  private static func matchesMarker(_ buffer: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
    for (offset, expected) in suppressionMarker.enumerated() {
      var byte = buffer[position + offset]
      if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
      if byte != expected { return false }
    }
    return true
  }

  /// `path` is the field's path spelled once for all its findings (a
  /// record field spells it from the document on each `field.path`).
  func makeFinding(_ runner: Int, _ field: FieldText, _ candidate: Candidate, path: String) -> Finding {
    let slice = field.bytes[candidate.start..<candidate.end]
    var action = actions[runner]
    if candidate.severity == .low, action > .log { action = .log }
    return Finding(
      step: stepIDs[runner], type: candidate.type, path: path, start: candidate.start, end: candidate.end,
      score: candidate.score, severity: candidate.severity, action: action,
      fingerprint: fingerprints.fingerprint(type: candidate.type, field.bytes, candidate.start..<candidate.end) {
        redactor.fingerprint(type: candidate.type, value: slice, using: fingerprinter)
      },
      preview: redactor.preview(slice), category: candidate.category,
      output: field.role == .output, reasons: candidate.reasons)
  }
}
