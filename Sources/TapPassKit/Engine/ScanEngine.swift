/// Runs a set of configured steps over the text fields of records.
///
/// Per field: one Hyperscan pass over the shared database (every step's
/// patterns plus every step's prefilter keywords), then each step that
/// reads the field's role and has a match or keyword hit inspects it. The
/// engine then applies what is common to all steps: thresholds, overlap
/// resolution, inline suppression, fingerprints, previews, actions and the
/// baseline.
public final class ScanEngine: @unchecked Sendable {
  public let steps: [AnyStep]
  public let redactor: Redactor
  /// Fingerprints accepted earlier (`--baseline`): not reported again.
  public var baseline: Set<String>
  private let database: HyperscanDatabase?
  private let normalizer = TextNormalizer()
  /// Global pattern id → (step index, local pattern index); local index -1
  /// marks a prefilter keyword.
  private let owners: [(step: Int, pattern: Int)]
  private var sessions: [String: [String: Double]] = [:]
  private var perStep: [[PatternMatch]]
  private var keywordHit: [Bool]
  /// Wall time per step, filled only when `measure` is set (`--benchmark`).
  public var measure = false
  public private(set) var stepSeconds: [String: Double] = [:]
  public private(set) var scanSeconds = 0.0

  /// The marker that suppresses findings on its line (like gitleaks:allow).
  public static let suppressionMarker = Array("tappass:allow".utf8)

  public init(steps: [AnyStep], redactor: Redactor = Redactor(), baseline: Set<String> = [], cacheDirectory: String? = HyperscanDatabase.defaultCacheDirectory()) throws {
    self.steps = steps.sorted { $0.descriptor.position < $1.descriptor.position }
    self.redactor = redactor
    self.baseline = baseline
    var specs: [PatternSpec] = []
    var owners: [(step: Int, pattern: Int)] = []
    for (index, step) in self.steps.enumerated() {
      for (local, spec) in step.patterns.enumerated() {
        specs.append(spec)
        owners.append((index, local))
      }
      for keyword in step.descriptor.keywords {
        specs.append(PatternSpec("keyword", Self.literal(keyword), caseless: true, leftmostStart: false))
        owners.append((index, -1))
      }
    }
    self.owners = owners
    perStep = [[PatternMatch]](repeating: [], count: self.steps.count)
    keywordHit = [Bool](repeating: false, count: self.steps.count)
    do {
      database = specs.isEmpty ? nil : try HyperscanDatabase(patterns: specs, cacheDirectory: cacheDirectory)
    } catch let error as HyperscanDatabase.CompileError {
      let owner = error.pattern >= 0 && error.pattern < owners.count ? self.steps[owners[error.pattern].step].id : "?"
      throw ToolError("cannot compile the patterns of step \(owner): \(error.message)")
    }
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
    if let session = context.sessionID { context.sessionState = sessions[session] ?? [:] }
    var findings: [Finding] = []
    for field in fields { scan(field, context: &context, into: &findings) }
    for note in context.incomplete {
      findings.append(Finding(
        step: "engine", type: "incomplete_inspection", path: note, start: 0, end: 0, score: 1,
        severity: .high, action: .block, fingerprint: "", preview: "", reasons: ["inspection bound reached"]))
    }
    if let session = context.sessionID, !context.sessionState.isEmpty {
      if sessions.count > 100_000 { sessions.removeAll() }
      sessions[session] = context.sessionState
    }
    return findings
  }

  private func scan(_ field: FieldText, context: inout InspectionContext, into findings: inout [Finding]) {
    // Reused across fields (the engine is single-threaded): no per-field
    // allocation of the per-step match lists.
    for index in perStep.indices { perStep[index].removeAll(keepingCapacity: true) }
    for index in keywordHit.indices { keywordHit[index] = false }
    if let database {
      let started = measure ? ProgressReporter.monotonicSeconds() : 0
      let result = field.bytes.withUnsafeBufferPointer { database.scan($0) }
      for match in result.matches {
        let owner = owners[match.id]
        if owner.pattern < 0 {
          keywordHit[owner.step] = true
        } else {
          perStep[owner.step].append(PatternMatch(pattern: owner.pattern, start: match.start, end: match.end))
        }
      }
      if result.truncated { context.incomplete.append(field.path) }
      context.views = []
      if steps.contains(where: { $0.readsNormalizedViews && $0.settings.enabled && $0.settings.reads.contains(field.role) }) {
        scanViews(field, database, context: &context, perStep: &perStep, keywordHit: &keywordHit)
      }
      if measure { scanSeconds += ProgressReporter.monotonicSeconds() - started }
    }
    // Whether the field holds the suppression marker at all, checked once:
    // per-candidate line scans are quadratic when thousands of candidates
    // sit on one long line (a dumped secrets file in a tool result).
    var markerPresent: Bool?
    for (index, step) in steps.enumerated() {
      guard step.settings.enabled, step.settings.reads.contains(field.role) else { continue }
      if step.inspectsOnlyWithMatches, perStep[index].isEmpty, !keywordHit[index] { continue }
      let started = measure ? ProgressReporter.monotonicSeconds() : 0
      var matches = perStep[index]
      matches.sort { $0.start < $1.start || ($0.start == $1.start && ($0.end > $1.end || ($0.end == $1.end && $0.pattern < $1.pattern))) }
      // A view can repeat a raw match at the same offsets: keep one.
      if step.readsNormalizedViews, matches.count > 1 {
        var unique = [matches[0]]
        for match in matches.dropFirst() where match != unique[unique.count - 1] { unique.append(match) }
        matches = unique
      }
      var candidates = step.inspect(field, matches: matches, context: &context)
      candidates = candidates.filter { $0.score >= step.settings.threshold && $0.start >= 0 && $0.end <= field.bytes.count && $0.start <= $0.end }
      for candidate in Self.resolveOverlaps(candidates) {
        if markerPresent == nil {
          markerPresent = isSuppressed(field.bytes, Candidate(start: 0, end: field.bytes.count, type: "", score: 0, severity: .low))
        }
        if markerPresent == true, isSuppressed(field.bytes, candidate) { continue }
        let finding = makeFinding(step, field, candidate)
        if !baseline.contains(finding.fingerprint) { findings.append(finding) }
      }
      if measure { stepSeconds[step.id, default: 0] += ProgressReporter.monotonicSeconds() - started }
    }
  }

  /// Scans the normalised views of a field (folded text, decoded blobs) and
  /// adds their matches, mapped to original offsets, for the steps that
  /// read views; a bound reached while normalising is reported.
  private func scanViews(_ field: FieldText, _ database: HyperscanDatabase, context: inout InspectionContext,
                         perStep: inout [[PatternMatch]], keywordHit: inout [Bool]) {
    let normalized = normalizer.views(of: field.bytes)
    if normalized.incomplete { context.incomplete.append(field.path) }
    context.views = normalized.views
    for view in normalized.views {
      let result = view.bytes.withUnsafeBufferPointer { database.scan($0) }
      if result.truncated { context.incomplete.append(field.path) }
      for match in result.matches {
        let owner = owners[match.id]
        guard steps[owner.step].readsNormalizedViews else { continue }
        if owner.pattern < 0 {
          keywordHit[owner.step] = true
          continue
        }
        let range = view.originalRange(match.start, match.end)
        let mapped = PatternMatch(pattern: owner.pattern, start: range.lowerBound, end: range.upperBound)
        perStep[owner.step].append(mapped)
      }
    }
  }

  /// Keeps, among overlapping candidates of one step, the highest-scoring
  /// (then the longest), so one value is reported once with its best type.
  static func resolveOverlaps(_ candidates: [Candidate]) -> [Candidate] {
    guard candidates.count > 1 else { return candidates }
    let ranked = candidates.sorted {
      if $0.score != $1.score { return $0.score > $1.score }
      return ($0.end - $0.start) > ($1.end - $1.start)
    }
    // Kept spans never overlap, so sorted by start they are also sorted by
    // end: one binary search per candidate finds its only possible
    // neighbours (O(n log n) even for tens of thousands of candidates).
    var kept: [Candidate] = []
    var empty: [Candidate] = []
    for candidate in ranked {
      if candidate.start == candidate.end {
        empty.append(candidate)
        continue
      }
      var low = 0
      var high = kept.count
      while low < high {
        let middle = (low + high) / 2
        if kept[middle].start < candidate.start { low = middle + 1 } else { high = middle }
      }
      let overlapsNext = low < kept.count && kept[low].start < candidate.end
      let overlapsPrevious = low > 0 && kept[low - 1].end > candidate.start
      if !overlapsNext && !overlapsPrevious { kept.insert(candidate, at: low) }
    }
    return (kept + empty).sorted { $0.start < $1.start }
  }

  /// Whether the line holding the candidate carries `tappass:allow`.
  func isSuppressed(_ bytes: [UInt8], _ candidate: Candidate) -> Bool {
    var lineStart = min(candidate.start, bytes.count)
    while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    var lineEnd = max(candidate.end, lineStart)
    while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
    let marker = Self.suppressionMarker
    guard lineEnd - lineStart >= marker.count else { return false }
    var position = lineStart
    search: while position + marker.count <= lineEnd {
      for offset in 0..<marker.count {
        var byte = bytes[position + offset]
        if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
        if byte != marker[offset] {
          position += 1
          continue search
        }
      }
      return true
    }
    return false
  }

  func makeFinding(_ step: AnyStep, _ field: FieldText, _ candidate: Candidate) -> Finding {
    let value = Array(field.bytes[candidate.start..<candidate.end])
    var action = step.settings.onDetection ?? step.descriptor.defaultAction
    if candidate.severity == .low, action > .log { action = .log }
    return Finding(
      step: step.id, type: candidate.type, path: field.path, start: candidate.start, end: candidate.end,
      score: candidate.score, severity: candidate.severity, action: action,
      fingerprint: redactor.fingerprint(type: candidate.type, value: value),
      preview: redactor.preview(value), category: candidate.category,
      output: field.role == .output, reasons: candidate.reasons)
  }
}
