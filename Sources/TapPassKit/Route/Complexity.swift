import Glibc

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

  var bandName: StaticString { score < 0.34 ? "low" : (score < 0.67 ? "medium" : "high") }

  public func write(to out: inout [UInt8]) { write(into: &out) }

  func write<Sink: ByteSink>(into out: inout Sink) {
    JSONBytes.raw(#"{"score":"#, to: &out); JSONBytes.fixed(score, digits: 2, to: &out)
    JSONBytes.raw(#","band":""#, to: &out); JSONBytes.raw(bandName, to: &out)
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
  private let cacheDirectory: String?

  public init(cacheDirectory: String? = HyperscanDatabase.defaultCacheDirectory()) throws {
    self.cacheDirectory = cacheDirectory
    database = try HyperscanDatabase(
      patterns: Self.codePatterns.enumerated().map { PatternSpec("code\($0.offset)", $0.element) },
      cacheDirectory: cacheDirectory)
  }

  /// Another reader for one more worker thread, with its own database
  /// scratch space (see `Classifier.worker()`).
  public func worker() throws -> FeatureReader {
    try FeatureReader(cacheDirectory: cacheDirectory)
  }

  public func features(of document: JSONDocument) -> RequestFeatures {
    var store = TextStore()
    let request = request(of: document, level: .public, flagKeys: [], store: &store)
    var capabilities = Set<String>()
    for (index, name) in Catalogue.capabilities.enumerated() where request.capabilities & (1 << index) != 0 { capabilities.insert(name) }
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
    return RequestFeatures(complexity: request.complexity, maxOutputTokens: request.maxOutputTokens, capabilities: capabilities,
      flags: flags, context: RecordContext(document))
  }

  static let rootKeys = KeyList([
    "tools", "functions", "messages", "input", "response_format", "max_tokens", "max_completion_tokens", "max_output_tokens",
    "flags", "org_id", "agent_id",
  ])
  static let typeKey = KeyList(["type"])
  static let jsonModes = KeyList(["json_object", "json_schema"])

  /// What routing reads from a record, in one pass over its top level:
  /// the complexity signals, `max_tokens`, the capabilities it needs, the
  /// org and agent, and the values of the flags in `flagKeys`.
  func request(of document: JSONDocument, level: ClassificationLevel, flagKeys: [[UInt8]], store: inout TextStore) -> CompiledRouting.Request {
    let members = document.firstMembers(of: 0, Self.rootKeys)
    let (tools, functions, messages, input, format, flagsNode, org, agent) =
      (members[0], members[1], members[2], members[3], members[4], members[8], members[9], members[10])
    let scratch = RecordScratch.current
    let text = JoinedText(document, scratch: scratch)
    defer { text.recycle(scratch) }
    let bytes = text.bytes.count - text.nodes.count
    // No code pattern can span the newline between two fields, so every
    // match lies inside one field.
    let markers = text.bytes.isEmpty ? 0 : text.bytes.withUnsafeBufferPointer { database.scan($0).matches.count }
    func count(_ node: Int) -> Int {
      node >= 0 && document.nodes[node].kind == .array ? Int(document.nodes[node].count) : 0
    }
    let toolCount = count(tools) + count(functions)
    let depth = max(count(messages), count(input))
    var capabilities: UInt8 = 0
    if toolCount > 0 { capabilities |= 1 << 0 }
    if Self.hasImage(document) { capabilities |= 1 << 1 }
    if format >= 0, let type = RequestFields.member(document, Self.typeKey, of: format), RequestFields.value(document, type, in: Self.jsonModes) >= 0 {
      capabilities |= 1 << 2
    }
    var maxOutput: Int?
    // max_tokens, max_completion_tokens, max_output_tokens: the first set.
    for key in 5...7 where members[key] >= 0 {
      if let value = document.wholeNumber(members[key]), value >= 0, value < 1e9 {
        maxOutput = Int(value)
        break
      }
    }
    var flags = [CompiledRouting.Flag](repeating: .absent, count: flagKeys.count)
    if !flagKeys.isEmpty, flagsNode >= 0, document.nodes[flagsNode].kind == .object {
      document.forEachChild(of: flagsNode) { flag in
        let value: CompiledRouting.Flag
        switch document.nodes[flag].kind {
        case .string: value = .text(store.ref(document, flag))
        case .bool: value = .bool(document.bool(flag)!)
        default: return
        }
        let key = document.keySlice(flag)
        // Later members win, as they did in the flags dictionary.
        for (index, wanted) in flagKeys.enumerated() where ByteString.equal(key, wanted) { flags[index] = value }
      }
    }
    let complexity = Complexity(tokens: (bytes + 3) / 4, codeMarkers: min(markers, 1000), tools: toolCount, depth: depth)
    return CompiledRouting.Request(
      level: level, complexity: complexity, maxOutputTokens: maxOutput, capabilities: capabilities, otherCapability: nil,
      org: store.string(document, org), agent: store.string(document, agent), flags: flags)
  }

  /// Whether any content part is an image (`type` of `image`, `image_url`
  /// or `input_image`), found by one pass over the node table.
  static func hasImage(_ document: JSONDocument) -> Bool {
    // Only the node table is walked, never the line: a record has a few
    // dozen nodes per kilobyte (35 per 1.5 KB request, 114 per 3 KB corpus
    // request once scanned and classified), so rejecting a node on its
    // kind and value length costs less than a memmem for `image` over
    // every byte did (that was 5.6% of tp-route, callgrind).
    document.nodes.withUnsafeBufferPointer { nodes in
      document.bytes.withUnsafeBufferPointer { bytes in
        for index in nodes.indices {
          let node = nodes[index]
          guard node.kind == .string, node.keyStart >= 0 else { continue }
          let length = Int(node.end - node.start)
          guard length == 5 || length == 9 || length == 11 else { continue }
          let isType = node.keyHasEscapes
            ? document.keyBytes(index) == typeName
            : node.keyEnd - node.keyStart == 4 && memcmp(bytes.baseAddress! + Int(node.keyStart), typeName, 4) == 0
          guard isType else { continue }
          let value = UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)])
          if value.elementsEqual("image".utf8) || value.elementsEqual("image_url".utf8) || value.elementsEqual("input_image".utf8) {
            return true
          }
        }
        return false
      }
    }
  }

  static let typeName = Array("type".utf8)
}
