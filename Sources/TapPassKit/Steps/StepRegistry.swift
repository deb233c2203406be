/// The one list of steps. `all` is generated from the step files by
/// scripts/gen-registry (StepRegistry+Generated.swift); everything else
/// (ids, presets, `--list-steps`, docs) is derived from it.
public enum StepRegistry {
  /// Steps in the order they run (by position).
  public static var ordered: [any Step.Type] {
    all.sorted { $0.descriptor.position < $1.descriptor.position }
  }

  /// Finds a step by id or deprecated alias.
  public static func lookup(_ name: String) -> (any Step.Type)? {
    all.first { $0.descriptor.id == name || $0.descriptor.deprecatedAliases.contains(name) }
  }

  /// " (did you mean …?)" for a mistyped id, or "".
  public static func suggestion(for name: String) -> String {
    let ids = all.map { $0.descriptor.id }
    let close = ids.filter { $0.contains(name) || name.contains($0) || editDistance($0, name) <= 3 }
    return close.isEmpty ? "; see --list-steps" : " (did you mean \(close.joined(separator: ", "))?)"
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  /// Builds configured instances of the named steps (all when `names` is
  /// empty), applying `configuration`.
  public static func instantiate(_ names: [String], configuration: ScanConfiguration = ScanConfiguration(), source: String = "--config") throws -> [AnyStep] {
    var types: [any Step.Type] = []
    if names.isEmpty {
      types = ordered
    } else {
      for name in names {
        guard let type = lookup(name) else { throw ToolError("unknown step '\(name)'\(suggestion(for: name))", status: .usage) }
        if !types.contains(where: { $0.descriptor.id == type.descriptor.id }) { types.append(type) }
      }
    }
    return try types.map { try $0.configured(from: configuration.steps[$0.descriptor.id], source: source) }
  }
}
