import Foundation

/// Rug-pull detection: a tool's top-level description hashed and compared
/// with its pin (from `--tool-pins FILE`) and, within a session, with the
/// first description seen for that tool name. The tool name comes from the
/// record (InspectionContext.toolNames), since a description alone does not
/// say whose it is.
struct ToolPins: Sendable {
  /// Tool name → SHA-256 hex of its description.
  let pinned: [String: String]

  init(path: String) {
    guard !path.isEmpty, let bytes = FileBytes.read(path: path),
      let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
    else {
      pinned = [:]
      return
    }
    pinned = object.compactMapValues { ($0 as? String)?.lowercased() }
  }

  /// The tool index in a path such as `tools[2].function.description`,
  /// when the field is that tool's own description (not a parameter's).
  static func toolIndex(_ path: String) -> Int? {
    guard path.hasPrefix("tools["), let close = path.firstIndex(of: "]") else { return nil }
    let rest = path[path.index(after: close)...]
    guard rest == ".description" || rest == ".function.description" else { return nil }
    return Int(path[path.index(path.startIndex, offsetBy: 6)..<close])
  }

  func check(_ field: FieldText, context: inout InspectionContext) -> Candidate? {
    guard let index = Self.toolIndex(field.path), let name = context.toolNames[index] else { return nil }
    let digest = TPCrypto.SHA256.hash(field.bytes)
    let hex = Hex.encode(digest)
    if let pin = pinned[name] {
      guard pin != hex else { return nil }
      return Candidate(start: 0, end: field.bytes.count, type: "rug_pull", score: 0.95, severity: .high,
                       category: "rug_pull", reasons: ["pin:description_changed"])
    }
    // Trust on first use within the session: 52 bits of the hash fit a Double exactly.
    guard context.sessionID != nil else { return nil }
    let value = Double(digest.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    let key = "tool_pin:" + name
    let seen = context.sessionValue(key)
    if seen == 0 {
      context.setSessionValue(key, value)
      return nil
    }
    guard seen != value else { return nil }
    return Candidate(start: 0, end: field.bytes.count, type: "rug_pull", score: 0.9, severity: .high,
                     category: "rug_pull", reasons: ["session:description_changed"])
  }
}
