/// What tp-audit reads *inside* a stored record, in one place: the
/// verdict action, the findings, and the few usage fields that health,
/// drift, metrics and the SIEM exports summarise.
///
/// Record shape assumed (docs/format.md in the main tree is authoritative;
/// anything absent is simply not counted):
/// - `tappass.action` or `tappass.verdict.action`: `allow`, `block`,
///   `redact`, `warn`… (`tappass.error.action` for error records);
/// - `tappass.findings`: array of objects with `step`, `type`, optional
///   `severity`, and `path`/`start`/`end` locating the matched bytes in the
///   decoded string at `path` (a `JSONDocument.path`);
/// - usage: `tool` or `tool_call.name`, `model`, `usage.total_tokens` or
///   `tokens`, `session_id`, `latency_ms`.
public struct RecordView {
  public struct Finding: Sendable, Equatable {
    public var step: String
    public var type: String
    public var severity: String?
    public var path: String?
    public var start: Int?
    public var end: Int?
  }

  public let document: JSONDocument

  public init(document: JSONDocument) { self.document = document }

  public init(canonical bytes: [UInt8]) throws {
    do {
      document = try JSONDocument(bytes: bytes, maxDepth: 10_000)
    } catch {
      throw ToolError("stored record is not valid JSON (\(error.code.rawValue))", status: .found)
    }
  }

  var tappass: Int? {
    guard let index = document.member("tappass", of: 0), document.nodes[index].kind == .object else { return nil }
    return index
  }

  func string(_ path: [String], from start: Int = 0) -> String? {
    var node = start
    for key in path {
      guard let next = document.member(key, of: node) else { return nil }
      node = next
    }
    return document.string(node)
  }

  func number(_ path: [String]) -> Double? {
    var node = 0
    for key in path {
      guard let next = document.member(key, of: node) else { return nil }
      node = next
    }
    return document.number(node)
  }

  /// The verdict action, lower-cased; `allow` when the record has none.
  public var action: String {
    guard let tappass else { return "allow" }
    let value = string(["action"], from: tappass) ?? string(["verdict", "action"], from: tappass)
      ?? string(["error", "action"], from: tappass) ?? "allow"
    return value.lowercased()
  }

  public var isBlocked: Bool { action == "block" || action == "deny" }
  public var isError: Bool { tappass.flatMap { document.member("error", of: $0) } != nil }

  public var findings: [Finding] {
    guard let tappass, let list = document.member("findings", of: tappass), document.nodes[list].kind == .array else { return [] }
    return document.children(of: list).compactMap { item in
      guard document.nodes[item].kind == .object else { return nil }
      func text(_ key: String) -> String? { document.member(key, of: item).flatMap { document.string($0) } }
      func int(_ key: String) -> Int? {
        document.member(key, of: item).flatMap { document.number($0) }.flatMap { $0 >= 0 && $0 < 1e12 ? Int($0) : nil }
      }
      return Finding(step: text("step") ?? "unknown", type: text("type") ?? text("entity") ?? "unknown",
                     severity: text("severity"), path: text("path"), start: int("start"), end: int("end"))
    }
  }

  public var tool: String? { string(["tool"]) ?? string(["tool_call", "name"]) }
  public var model: String? { string(["model"]) }
  public var tokens: Double? { number(["usage", "total_tokens"]) ?? number(["tokens"]) }
  public var session: String? { string(["session_id"]) ?? string(["session"]) }
  public var latencyMilliseconds: Double? { number(["latency_ms"]) }
  public var event: String? { string(["event"]) ?? string(["type"]) }
}
