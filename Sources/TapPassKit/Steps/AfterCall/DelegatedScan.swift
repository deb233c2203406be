/// Runs other registered steps on a field from inside one step, for the
/// after-call steps that apply "the data-protection steps" to a response or
/// a tool result. Steps are chosen by category (and optional extra ids),
/// never by name, so data-protection steps added later are picked up
/// without a change here. Each finding keeps the inner step's type, and the
/// inner step id goes into its category and reasons.
final class DelegatedScan: @unchecked Sendable {
  let engine: ScanEngine?

  init(categories: Set<StepCategory>, extraIDs: [String] = [], reads: Set<FieldRole>) {
    let types = StepRegistry.ordered.filter { categories.contains($0.descriptor.category) || extraIDs.contains($0.descriptor.id) }
    let steps: [AnyStep] = types.compactMap { type in
      guard var step = try? type.configured(from: nil, source: "delegated") else { return nil }
      step = step.reading(reads)
      return step
    }
    engine = steps.isEmpty ? nil : try? ScanEngine(steps: steps)
  }

  func candidates(_ field: FieldText) -> [Candidate] {
    guard let engine else { return [] }
    let inner = FieldText(path: field.path, role: field.role, bytes: field.bytes, node: field.node)
    return engine.scan([inner]).filter { $0.step != "engine" }.map {
      Candidate(start: $0.start, end: $0.end, type: $0.type, score: $0.score, severity: $0.severity, category: $0.step,
                reasons: ["step:" + $0.step] + $0.reasons)
    }
  }
}
