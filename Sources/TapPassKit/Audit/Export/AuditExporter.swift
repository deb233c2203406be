/// Turns stored entries into SIEM lines. Every format starts from the
/// *redacted* record (see `ExportRedactor`), so no PII or secret value leaves the
/// store in clear, and carries the entry's org, sequence number and leaf
/// hash so an analyst can ask the audit store for a proof of that event.
public struct AuditExporter {
  public enum Format: String, Sendable, CaseIterable {
    case ocsf
    case cef
    case jsonlHMAC = "jsonl-hmac"
  }

  public struct HMACKey: Sendable {
    public let bytes: [UInt8]
    /// Names the key without revealing it: first 16 hex digits of
    /// SHA-256("tappass-hmac-key-id\n" || key).
    public var keyID: String { Hex.encode(TPCrypto.SHA256.hash(Array("tappass-hmac-key-id\n".utf8) + bytes).prefix(8)) }
    public init(bytes: [UInt8]) throws {
      guard bytes.count >= 16 else { throw ToolError("the HMAC key must be at least 16 bytes") }
      self.bytes = bytes
    }
  }

  public let format: Format
  public let hmacKey: HMACKey?

  public init(format: Format, hmacKey: HMACKey? = nil) throws {
    if format == .jsonlHMAC && hmacKey == nil { throw ToolError("--format jsonl-hmac needs --hmac-key FILE") }
    self.format = format
    self.hmacKey = hmacKey
  }

  /// One output line (without newline) for a stored entry.
  public func line(org: String, entry: AuditStore.Entry) throws -> [UInt8] {
    let view = try RecordView(canonical: entry.record)
    let redacted = try canonicalRedacted(view.document)
    switch format {
    case .cef: return Array(cef(org: org, entry: entry, view: view, redacted: redacted).utf8)
    case .ocsf: return ocsf(org: org, entry: entry, view: view, redacted: redacted)
    case .jsonlHMAC: return hmacLine(org: org, entry: entry, redacted: redacted)
    }
  }

  func canonicalRedacted(_ document: JSONDocument) throws -> [UInt8] {
    let bytes = ExportRedactor.redact(document)
    do {
      return try Canonicalizer.canonicalize(try JSONDocument(bytes: bytes, maxDepth: 10_000))
    } catch {
      throw ToolError("redacted record cannot be re-serialised", status: .error)
    }
  }

  static func summary(_ view: RecordView) -> (name: String, findingTypes: [String]) {
    let types = Array(Set(view.findings.map(\.type))).sorted()
    let action = view.action
    let past = ["allow": "allowed", "block": "blocked", "deny": "denied", "redact": "redacted", "warn": "warned", "log": "logged"]
    let name = view.isError ? "Unreadable agent record" : past[action].map { "Agent request \($0)" } ?? "Agent request: \(action)"
    return (name, types)
  }

  /// 0–10 for CEF; OCSF's severity_id is derived from it.
  static func severity(_ view: RecordView) -> Int {
    if view.isBlocked { return 8 }
    let severities = view.findings.compactMap { $0.severity?.lowercased() }
    if severities.contains("critical") { return 9 }
    if severities.contains("high") { return 7 }
    if !view.findings.isEmpty { return 5 }
    if view.isError { return 4 }
    return 1
  }

  func cef(org: String, entry: AuditStore.Entry, view: RecordView, redacted: [UInt8]) -> String {
    let (name, types) = Self.summary(view)
    return CEF.line(
      signatureID: "tappass:\(view.action)", name: name, severity: Self.severity(view),
      extensions: [
        ("rt", String(entry.time)),
        ("act", view.action),
        ("suser", entry.agent),
        ("cs1Label", "org"), ("cs1", org),
        ("cn1Label", "seq"), ("cn1", String(entry.seq)),
        ("cs2Label", "findingTypes"), ("cs2", types.joined(separator: ",")),
        ("cs3Label", "leafHash"), ("cs3", Hex.encode(entry.leafHash)),
        ("msg", String(decoding: redacted, as: UTF8.self)),
      ])
  }

  func ocsf(org: String, entry: AuditStore.Entry, view: RecordView, redacted: [UInt8]) -> [UInt8] {
    let (name, types) = Self.summary(view)
    let cefSeverity = Self.severity(view)
    let severity: (Int, String) = switch cefSeverity {
    case 9...: (5, "Critical")
    case 7...8: (4, "High")
    case 5...6: (3, "Medium")
    case 2...4: (2, "Low")
    default: (1, "Informational")
    }
    let uid = "\(org):\(entry.seq)"
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("activity_id"); writer.int(1)
    writer.key("activity_name"); writer.string("Create")
    writer.key("category_uid"); writer.int(2)
    writer.key("category_name"); writer.string("Findings")
    writer.key("class_uid"); writer.int(2004)
    writer.key("class_name"); writer.string("Detection Finding")
    writer.key("type_uid"); writer.int(200_401)
    writer.key("type_name"); writer.string("Detection Finding: Create")
    writer.key("severity_id"); writer.int(severity.0)
    writer.key("severity"); writer.string(severity.1)
    writer.key("status_id"); writer.int(1)
    writer.key("status"); writer.string("New")
    writer.key("time"); writer.int(Int(entry.time))
    writer.key("message"); writer.string(name)
    writer.key("metadata")
    writer.beginObject()
    writer.key("version"); writer.string("1.5.0")
    writer.key("uid"); writer.string(uid)
    writer.key("sequence"); writer.int(entry.seq)
    writer.key("tenant_uid"); writer.string(org)
    writer.key("log_name"); writer.string("tappass-audit")
    writer.key("product")
    writer.beginObject()
    writer.key("name"); writer.string("tp-audit")
    writer.key("vendor_name"); writer.string("TapPass")
    writer.key("version"); writer.string(TapPassVersion.string)
    writer.endObject()
    writer.endObject()
    writer.key("finding_info")
    writer.beginObject()
    writer.key("uid"); writer.string(uid + ":" + Hex.encode(entry.leafHash.prefix(8)))
    writer.key("title"); writer.string(name)
    writer.key("created_time"); writer.int(Int(entry.time))
    writer.key("types"); writer.beginArray(); for type in types { writer.string(type) }; writer.endArray()
    writer.key("data_sources"); writer.beginArray(); writer.string("tappass"); writer.endArray()
    writer.endObject()
    writer.key("unmapped")
    writer.beginObject()
    writer.key("agent"); writer.string(entry.agent)
    writer.key("action"); writer.string(view.action)
    writer.key("leaf_hash"); writer.string(Hex.encode(entry.leafHash))
    writer.key("record"); writer.raw(redacted)
    writer.endObject()
    writer.endObject()
    return writer.bytes
  }

  /// `{"agent","key_id","leaf_hash","org","record","seq","time"}` in RFC 8785
  /// form, then `"hmac"`: HMAC-SHA256 under the key of exactly those
  /// canonical bytes. A receiver removes `hmac`, canonicalises, and checks.
  func hmacLine(org: String, entry: AuditStore.Entry, redacted: [UInt8]) -> [UInt8] {
    let key = hmacKey!
    var body: [UInt8] = Array(#"{"agent":"#.utf8)
    Canonicalizer.appendString(Array(entry.agent.utf8), to: &body)
    body += Array(#","key_id":""#.utf8) + Array(key.keyID.utf8)
    body += Array(#"","leaf_hash":""#.utf8) + Array(Hex.encode(entry.leafHash).utf8)
    body += Array(#"","org":"#.utf8)
    Canonicalizer.appendString(Array(org.utf8), to: &body)
    body += Array(#","record":"#.utf8) + redacted
    body += Array(#","seq":"#.utf8)
    EntryEnvelope.appendDecimal(Int64(entry.seq), to: &body)
    body += Array(#","time":"#.utf8)
    EntryEnvelope.appendDecimal(entry.time, to: &body)
    body.append(0x7D)
    let mac = TPCrypto.HMACSHA256.authenticationCode(for: body, key: key.bytes)
    var line = body
    line.removeLast()
    line += Array(#","hmac":""#.utf8) + Array(Hex.encode(mac).utf8) + Array("\"}".utf8)
    return line
  }
}
