/// How demanding a request is, from four signals that are cheap to read
/// and easy to explain: estimated tokens, code markers, tool count and
/// conversation depth. The score is shown on every route so a rule such as
/// `min_complexity: 0.6` can be checked by eye.
public struct Complexity: Sendable, Equatable {
  public var tokens: Int
  public var codeMarkers: Int
  public var tools: Int
  public var depth: Int

  /// 0…1, rounded to two decimals (rules compare against the shown value).
  /// Each signal saturates: 8,000 tokens, 6 code markers, 6 tools and 12
  /// turns each count as "fully complex" for their weight.
  public var score: Double {
    let raw = 0.35 * min(1, Double(tokens) / 8000) + 0.25 * min(1, Double(codeMarkers) / 6)
      + 0.2 * min(1, Double(tools) / 6) + 0.2 * min(1, Double(depth) / 12)
    return (raw * 100).rounded() / 100
  }

  public var band: String { score < 0.34 ? "low" : (score < 0.67 ? "medium" : "high") }

  public func write(to out: inout [UInt8]) {
    JSONBytes.raw(#"{"score":"#, to: &out); JSONBytes.fixed(score, digits: 2, to: &out)
    JSONBytes.raw(#","band":""#, to: &out); out.append(contentsOf: band.utf8)
    JSONBytes.raw(#"","tokens":"#, to: &out); JSONBytes.int(tokens, to: &out)
    JSONBytes.raw(#","code_markers":"#, to: &out); JSONBytes.int(codeMarkers, to: &out)
    JSONBytes.raw(#","tools":"#, to: &out); JSONBytes.int(tools, to: &out)
    JSONBytes.raw(#","depth":"#, to: &out); JSONBytes.int(depth, to: &out)
    JSONBytes.raw("}", to: &out)
  }
}

/// What routing needs to know about a request besides its level.
public struct RequestFeatures: Sendable, Equatable {
  public var complexity: Complexity
  /// Output tokens for the cost estimate: `max_tokens` (or
  /// `max_completion_tokens`, `max_output_tokens`) when set.
  public var maxOutputTokens: Int?
  /// Capabilities the request needs: `tools`, `vision`, `json_mode`.
  public var capabilities: Set<String>
  public var flags: [String: String]
  public var context: RecordContext
}

/// Reads `RequestFeatures` from a record. Code markers are literals in a
/// small Hyperscan database scanned over each text field.
public final class FeatureReader: @unchecked Sendable {
  /// Fences, declarations and statements that rarely occur in prose.
  static let codePatterns = [
    "```", #"\bdef [A-Za-z_]+\("#, #"\bfunction [A-Za-z_$]"#, #"\bclass [A-Z][A-Za-z]+"#, "#include <",
    #"\bimport [a-z][a-z.]+"#, #"\bSELECT .{1,80} FROM\b"#, " => ", "};", #"\bfunc [a-z][A-Za-z]*\("#,
    #"\bpublic static\b"#, #"\$ (sudo|git|npm|pip|docker|kubectl) "#,
  ]
  private let database: HyperscanDatabase

  public init(cacheDirectory: String? = HyperscanDatabase.defaultCacheDirectory()) throws {
    database = try HyperscanDatabase(
      patterns: Self.codePatterns.enumerated().map { PatternSpec("code\($0.offset)", $0.element) },
      cacheDirectory: cacheDirectory)
  }

  public func features(of document: JSONDocument) -> RequestFeatures {
    let text = JoinedText(document)
    let bytes = text.bytes.count - text.nodes.count
    // No code pattern can span the newline between two fields, so every
    // match lies inside one field.
    let markers = text.bytes.isEmpty ? 0 : text.bytes.withUnsafeBufferPointer { database.scan($0).matches.count }
    func count(_ key: String) -> Int {
      guard let node = document.member(key, of: 0), document.nodes[node].kind == .array else { return 0 }
      return Int(document.nodes[node].count)
    }
    let tools = count("tools") + count("functions")
    let depth = max(count("messages"), count("input"))
    var capabilities = Set<String>()
    if tools > 0 { capabilities.insert("tools") }
    if Self.hasImage(document) { capabilities.insert("vision") }
    if let format = document.member("response_format", of: 0) {
      let type = document.member("type", of: format).flatMap { document.string($0) }
      if type == "json_object" || type == "json_schema" { capabilities.insert("json_mode") }
    }
    var maxOutput: Int?
    for key in ["max_tokens", "max_completion_tokens", "max_output_tokens"] {
      if let node = document.member(key, of: 0), let value = document.number(node), value >= 0, value < 1e9 {
        maxOutput = Int(value)
        break
      }
    }
    var flags: [String: String] = [:]
    if let node = document.member("flags", of: 0), document.nodes[node].kind == .object {
      for flag in document.children(of: node) {
        switch document.nodes[flag].kind {
        case .string: flags[document.key(flag)] = document.string(flag)
        case .bool: flags[document.key(flag)] = document.bool(flag)! ? "true" : "false"
        default: break
        }
      }
    }
    let complexity = Complexity(tokens: (bytes + 3) / 4, codeMarkers: min(markers, 1000), tools: tools, depth: depth)
    return RequestFeatures(complexity: complexity, maxOutputTokens: maxOutput, capabilities: capabilities,
      flags: flags, context: RecordContext(document))
  }

  /// Whether any content part is an image (`type` of `image`, `image_url`
  /// or `input_image`), found by one pass over the node table.
  static func hasImage(_ document: JSONDocument) -> Bool {
    let typeKey = Array("type".utf8)
    return typeKey.withUnsafeBufferPointer { key in
      for (index, node) in document.nodes.enumerated() where node.kind == .string && node.keyStart >= 0 {
        guard node.end - node.start >= 5, document.keyEquals(index, key) else { continue }
        let value = document.bytes[Int(node.start)..<Int(node.end)]
        if value.elementsEqual("image".utf8) || value.elementsEqual("image_url".utf8) || value.elementsEqual("input_image".utf8) {
          return true
        }
      }
      return false
    }
  }
}
