/// Output formats other than JSON Lines records: a human `text` listing and
/// SARIF 2.1.0 (which GitHub code scanning ingests).
public enum ScanFormat: String, CaseIterable, Sendable {
  case jsonl, text, sarif
}

/// A finding with where it was found, for the text and SARIF reports.
public struct LocatedFinding {
  public var finding: Finding
  public var uri: String
  public var line: Int
  public var column: Int
}

public enum ScanReports {
  public static func textLine(_ item: LocatedFinding) -> String {
    let finding = item.finding
    var line = "\(item.uri):\(item.line):\(item.column): \(finding.severity.rawValue) \(finding.step)/\(finding.type)"
    if let category = finding.category { line += " [\(category)]" }
    line += " \(finding.preview) \(finding.fingerprint)"
    if finding.path != item.uri && !finding.path.isEmpty { line += " at \(finding.path)" }
    return line
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .low: "note"
    case .medium: "warning"
    case .high, .critical: "error"
    }
  }

  /// One SARIF 2.1.0 log with one run.
  public static func sarif(_ items: [LocatedFinding], steps: [AnyStep]) -> [UInt8] {
    var writer = JSONWriter(capacity: 4096)
    writer.beginObject()
    writer.key("$schema"); writer.string("https://json.schemastore.org/sarif-2.1.0.json")
    writer.key("version"); writer.string("2.1.0")
    writer.key("runs")
    writer.beginArray()
    writer.beginObject()
    writer.key("tool")
    writer.beginObject()
    writer.key("driver")
    writer.beginObject()
    writer.key("name"); writer.string("tp-scan")
    writer.key("version"); writer.string(TapPassVersion.string)
    writer.key("informationUri"); writer.string("https://github.com/tappass/tappass-swift")
    writer.key("rules")
    writer.beginArray()
    for step in steps {
      writer.beginObject()
      writer.key("id"); writer.string(step.id)
      writer.key("name"); writer.string(String(step.descriptor.title.filter { $0 != " " }))
      writer.key("shortDescription"); writer.beginObject(); writer.key("text"); writer.string(step.descriptor.summary); writer.endObject()
      writer.key("fullDescription"); writer.beginObject(); writer.key("text"); writer.string(step.descriptor.rationale); writer.endObject()
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    writer.endObject()
    writer.key("columnKind"); writer.string("unicodeCodePoints")
    writer.key("results")
    writer.beginArray()
    for item in items {
      let finding = item.finding
      writer.beginObject()
      writer.key("ruleId"); writer.string(finding.step)
      if let index = steps.firstIndex(where: { $0.id == finding.step }) { writer.key("ruleIndex"); writer.int(index) }
      writer.key("level"); writer.string(level(finding.severity))
      writer.key("message")
      writer.beginObject()
      writer.key("text"); writer.string("\(finding.type) (\(finding.severity.rawValue)): \(finding.preview)")
      writer.endObject()
      writer.key("locations")
      writer.beginArray()
      writer.beginObject()
      writer.key("physicalLocation")
      writer.beginObject()
      writer.key("artifactLocation"); writer.beginObject(); writer.key("uri"); writer.string(item.uri); writer.endObject()
      writer.key("region")
      writer.beginObject()
      writer.key("startLine"); writer.int(item.line)
      writer.key("startColumn"); writer.int(item.column)
      writer.endObject()
      writer.endObject()
      writer.endObject()
      writer.endArray()
      writer.key("partialFingerprints")
      writer.beginObject(); writer.key("tappass/v1"); writer.string(finding.fingerprint); writer.endObject()
      writer.key("properties")
      writer.beginObject()
      writer.key("type"); writer.string(finding.type)
      writer.key("score"); writer.double(finding.score, digits: 3)
      writer.key("action"); writer.string(finding.action.rawValue)
      writer.endObject()
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }
}
