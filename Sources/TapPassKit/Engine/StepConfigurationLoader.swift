import Foundation

/// Reads `--config FILE` (docs/config.md): per-step `enabled`,
/// `on_detection`, `threshold` and the step's own options, validated
/// strictly so that a typo is an error naming the key, never a silent
/// default.
///
/// ```json
/// {"version": 1, "steps": {"detect_pii": {"on_detection": "redact", "threshold": 0.7}}}
/// ```
public struct ScanConfiguration: Sendable {
  /// Per-step JSON objects as given, by canonical step id.
  public var steps: [String: [UInt8]] = [:]

  public init() {}

  public static let topLevelKeys: Set<String> = ["version", "steps"]

  public static func load(path: String) throws -> ScanConfiguration {
    try parse(FileBytes.readOrThrow(path: path), source: path)
  }

  public static func parse(_ bytes: [UInt8], source: String) throws -> ScanConfiguration {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
      throw ToolError("\(source): not valid JSON")
    }
    guard let top = object as? [String: Any] else { throw ToolError("\(source): the configuration must be a JSON object") }
    for key in top.keys where !topLevelKeys.contains(key) {
      throw ToolError("\(source): unknown key '\(key)' (expected one of: \(topLevelKeys.sorted().joined(separator: ", ")))")
    }
    if let version = top["version"], (version as? Int) != 1 {
      throw ToolError("\(source): unsupported version \(version); this tp-scan reads version 1")
    }
    var configuration = ScanConfiguration()
    guard let steps = top["steps"] else { return configuration }
    guard let stepObjects = steps as? [String: Any] else { throw ToolError("\(source): 'steps' must be an object") }
    for (name, value) in stepObjects {
      guard let type = StepRegistry.lookup(name) else {
        throw ToolError("\(source): unknown step '\(name)'\(StepRegistry.suggestion(for: name))")
      }
      guard value is [String: Any] else { throw ToolError("\(source): steps.\(name) must be an object") }
      let data = try JSONSerialization.data(withJSONObject: value)
      configuration.steps[type.descriptor.id] = Array(data)
    }
    return configuration
  }
}

extension ScanConfiguration {
  /// Sets one option of a step from a command-line flag (e.g. `--tool-pins`
  /// → `detect_tool_poison.pins_file`), over what a config file gave.
  mutating func setOption(_ key: String, _ path: String, step: String, readable: Bool) throws {
    if readable, FileBytes.read(path: path) == nil { throw ToolError("cannot read \(path)") }
    var object = steps[step].flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] } ?? [:]
    object[key] = path
    steps[step] = Array(try JSONSerialization.data(withJSONObject: object))
  }
}

extension Step {
  /// Builds a configured instance from a user's config object (or defaults).
  static func configured(from json: [UInt8]?, source: String) throws -> AnyStep {
    var settings = StepSettings(descriptor: descriptor)
    guard let json else { return AnyStep(Self.self, settings: settings) }
    let id = descriptor.id
    guard let user = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
      throw ToolError("\(source): steps.\(id) must be an object")
    }
    let defaultsData = try JSONEncoder().encode(Configuration())
    var merged = (try JSONSerialization.jsonObject(with: defaultsData) as? [String: Any]) ?? [:]
    let known = Set(merged.keys)
    for (key, value) in user {
      if StepSettings.keys.contains(key) { continue }
      guard known.contains(key) else {
        let allowed = (known.union(StepSettings.keys)).sorted().joined(separator: ", ")
        throw ToolError("\(source): unknown key '\(key)' in steps.\(id) (allowed: \(allowed))")
      }
      merged[key] = value
    }
    if let enabled = user["enabled"] {
      guard let flag = enabled as? Bool else { throw ToolError("\(source): steps.\(id).enabled must be true or false") }
      settings.enabled = flag
    }
    if let action = user["on_detection"] {
      guard let name = action as? String, let parsed = Action(rawValue: name) else {
        throw ToolError("\(source): steps.\(id).on_detection must be one of \(Action.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      settings.onDetection = parsed
    }
    if let threshold = user["threshold"] {
      guard let number = threshold as? Double, (0...1).contains(number) else {
        throw ToolError("\(source): steps.\(id).threshold must be a number from 0 to 1")
      }
      settings.threshold = number
    }
    let configuration: Configuration
    do {
      configuration = try JSONDecoder().decode(Configuration.self, from: JSONSerialization.data(withJSONObject: merged))
    } catch {
      throw ToolError("\(source): steps.\(id): \(Self.describe(error))")
    }
    return AnyStep(Self.self, configuration: configuration, settings: settings)
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return "\(path.isEmpty ? "value" : path) has the wrong type or value"
    default:
      return "invalid options"
    }
  }
}
