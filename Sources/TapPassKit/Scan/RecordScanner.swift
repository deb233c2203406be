/// Scans one request record: extracts its fields, runs the engine, and
/// writes the record back with `tappass.findings` (and, with `redact`, the
/// found values replaced by stable tokens).
public struct RecordScanner {
  public let engine: ScanEngine
  public var redact = false

  public init(engine: ScanEngine) { self.engine = engine }

  public struct Result {
    public var output: [UInt8]
    public var findings: [Finding]
  }

  public static func context(for document: JSONDocument) -> InspectionContext {
    func text(_ key: String) -> String? { document.member(key, of: 0).flatMap { document.string($0) } }
    var context = InspectionContext(sessionID: text("session_id"), agentID: text("agent_id"), orgID: text("org_id"), trustTier: text("trust_tier"))
    if let tools = document.member("tools", of: 0) {
      for (index, tool) in document.children(of: tools).enumerated() {
        let holder = document.member("function", of: tool) ?? tool
        if let name = document.member("name", of: holder).flatMap({ document.string($0) }) { context.toolNames[index] = name }
      }
    }
    return context
  }

  public static func fields(of document: JSONDocument) -> [FieldText] {
    RequestFields.extract(document).map { FieldText(document: document, node: $0.node, role: $0.role) }
  }

  public func findings(in document: JSONDocument) -> (fields: [FieldText], findings: [Finding]) {
    let fields = Self.fields(of: document)
    return (fields, engine.scan(fields, context: Self.context(for: document)))
  }

  static let emptyFindings = Array("[]".utf8)
  static let passDecision = Array(#"{"action":"pass","findings":0,"steps":[]}"#.utf8)

  public func scan(_ document: JSONDocument) -> Result {
    let (fields, findings) = findings(in: document)
    if findings.isEmpty {
      return Result(output: RecordEditor.setSections([("findings", Self.emptyFindings), ("decision", Self.passDecision)], in: document), findings: [])
    }
    var sections: [(name: String, value: [UInt8])] = [("findings", Finding.jsonArray(findings))]
    sections.append(("decision", Self.decision(findings)))
    let replacements = redact ? redactions(document, fields, findings) : []
    return Result(output: RecordEditor.setSections(sections, in: document, replacements: replacements), findings: findings)
  }

  /// The strongest action among the findings, and which steps asked for it.
  static func decision(_ findings: [Finding]) -> [UInt8] {
    let action = findings.lazy.map(\.action).max() ?? .continue
    // Fixed keys and commas into this thread's ByteWriter, as the findings.
    return ByteWriter.write { out in
      out.append(#"{"action":"#); out.appendQuoted(findings.isEmpty ? "pass" : action.rawValue)
      out.append(#","findings":"#); JSONWriter.appendInteger(findings.count, to: &out)
      out.append(#","steps":["#)
      // A record names few steps: a linear check beats hashing each name.
      var seen: [String] = []
      for finding in findings where finding.action == action && !seen.contains(finding.step) {
        if !seen.isEmpty { out.append(0x2C) }
        seen.append(finding.step)
        out.appendQuoted(finding.step)
      }
      out.append(#"]}"#)
    }
  }

  /// Rewrites each string that holds findings with the found spans replaced
  /// by `[TYPE:fingerprint]` tokens (stable: the same value always becomes
  /// the same token, so a redacted conversation stays coherent).
  func redactions(_ document: JSONDocument, _ fields: [FieldText], _ findings: [Finding]) -> [(range: Range<Int>, bytes: [UInt8])] {
    var byPath: [String: [Finding]] = [:]
    for finding in findings where finding.end > finding.start { byPath[finding.path, default: []].append(finding) }
    var edits: [(range: Range<Int>, bytes: [UInt8])] = []
    for field in fields where !byPath.isEmpty {
      guard let node = field.node, let list = byPath[field.path] else { continue }
      var value: [UInt8] = []
      var cursor = 0
      for finding in list.sorted(by: { $0.start < $1.start }) where finding.start >= cursor {
        value.append(contentsOf: field.bytes[cursor..<finding.start])
        value.append(contentsOf: Array(engine.redactor.token(type: finding.type, value: field.bytes[finding.start..<finding.end]).utf8))
        cursor = finding.end
      }
      value.append(contentsOf: field.bytes[cursor...])
      var quoted: [UInt8] = []
      JSONString.appendQuoted(value, to: &quoted)
      edits.append((document.rawRange(node), quoted))
    }
    return edits
  }

}
