import Glibc

/// Visits the text fields of a request record (the fields `RequestFields`
/// finds) as byte buffers, without copying strings that have no escapes:
/// the classifier and the router scan these directly.
public enum RecordText {
  public static func forEachField(
    _ document: JSONDocument, _ body: (_ node: Int, _ role: FieldRole, _ bytes: UnsafeBufferPointer<UInt8>) -> Void
  ) {
    let fields = RecordFields.extract(document)
    document.bytes.withUnsafeBufferPointer { all in
      for field in fields {
        let node = document.nodes[field.node]
        if node.isEscapedString {
          let decoded = document.stringBytes(field.node)
          decoded.withUnsafeBufferPointer { body(field.node, field.role, $0) }
        } else {
          body(field.node, field.role, UnsafeBufferPointer(rebasing: all[Int(node.start)..<Int(node.end)]))
        }
      }
    }
  }
}

/// The text fields of a record joined into one buffer, each followed by a
/// newline, so that one Hyperscan call scans a whole record (the per-call
/// cost dominated when each field was scanned on its own). The newline
/// keeps `^`/`\n` anchors and word boundaries at field edges; a match that
/// crosses from one field into the next is dropped by `field(containing:)`.
public struct JoinedText {
  public var bytes: [UInt8] = []
  /// Per field: its node and where its bytes start in `bytes`.
  public var nodes: [Int] = []
  public var starts: [Int] = []

  public init(_ document: JSONDocument) {
    self.init(document, fields: RecordFields.extract(document), bytes: [], nodes: [], starts: [])
  }

  /// Joins into buffers taken from `scratch`; `recycle` gives them back.
  init(_ document: JSONDocument, scratch: RecordScratch) {
    var fields = RecordScratch.take(&scratch.fields)
    RecordFields.extract(document, into: &fields)
    self.init(document, fields: fields, bytes: RecordScratch.take(&scratch.text),
      nodes: RecordScratch.take(&scratch.nodes), starts: RecordScratch.take(&scratch.starts))
    scratch.fields = fields
  }

  func recycle(_ scratch: RecordScratch) {
    scratch.text = bytes
    scratch.nodes = nodes
    scratch.starts = starts
  }

  private init(_ document: JSONDocument, fields: [RequestFields.Field], bytes: [UInt8], nodes: [Int], starts: [Int]) {
    var (bytes, nodes, starts) = (bytes, nodes, starts)
    if !fields.isEmpty {
      // A decoded string is never longer than its raw JSON body, so the
      // buffer is sized once; escaped strings are decoded in place.
      var capacity = fields.count
      for field in fields { capacity += Int(document.nodes[field.node].end - document.nodes[field.node].start) }
      nodes.reserveCapacity(fields.count)
      starts.reserveCapacity(fields.count)
      bytes.append(contentsOf: repeatElement(0, count: capacity))
      let count = bytes.withUnsafeMutableBufferPointer { buffer in
        document.bytes.withUnsafeBufferPointer { all in
          var position = 0
          for field in fields {
            let node = document.nodes[field.node]
            nodes.append(field.node)
            starts.append(position)
            let raw = UnsafeBufferPointer(rebasing: all[Int(node.start)..<Int(node.end)])
            if node.isEscapedString {
              position += JSONUnescape.decode(raw, into: buffer.baseAddress! + position)
            } else if !raw.isEmpty {
              UnsafeMutableRawPointer(buffer.baseAddress! + position).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
              position += raw.count
            }
            buffer[position] = 0x0A
            position += 1
          }
          return position
        }
      }
      bytes.removeLast(capacity - count)
    }
    self.bytes = bytes
    self.nodes = nodes
    self.starts = starts
  }

  /// The field holding `start..<end` and the range relative to the field,
  /// or nil when the range crosses a field boundary.
  public func field(containing start: Int, _ end: Int) -> (index: Int, start: Int, end: Int)? {
    var low = 0, high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= start { low = middle } else { high = middle - 1 }
    }
    let fieldEnd = low + 1 < starts.count ? starts[low + 1] - 1 : bytes.count - 1
    guard end <= fieldEnd else { return nil }
    return (low, start - starts[low], end - starts[low])
  }
}

/// What a record says about itself: who sends it and which data categories
/// it declares (`data_categories` at the top level or in `metadata`).
public struct RecordContext: Sendable, Equatable {
  public var org: String?
  public var agent: String?
  public var trustTier: String?
  public var categories: [String] = []

  public init(org: String? = nil, agent: String? = nil, trustTier: String? = nil, categories: [String] = []) {
    self.org = org
    self.agent = agent
    self.trustTier = trustTier
    self.categories = categories
  }

  public init(_ document: JSONDocument) {
    func text(_ key: String) -> String? { document.member(key, of: 0).flatMap { document.string($0) } }
    org = text("org_id")
    agent = text("agent_id")
    trustTier = text("trust_tier")
    var holder: Int? = document.member("data_categories", of: 0)
    if holder == nil, let metadata = document.member("metadata", of: 0) {
      holder = document.member("data_categories", of: metadata)
    }
    if let holder {
      if let single = document.string(holder) {
        categories = [single]
      } else {
        categories = document.children(of: holder).compactMap { document.string($0) }
      }
    }
  }
}

/// The part of a finding classification needs (the finding contract:
/// `step`, `type`, `path`), read from `tappass.findings` or taken from an
/// in-process scan.
public struct FindingFact: Sendable, Equatable {
  public var step: String
  public var type: String
  public var path: String

  public init(step: String, type: String, path: String) {
    self.step = step
    self.type = type
    self.path = path
  }

  public init(_ finding: Finding) {
    self.init(step: finding.step, type: finding.type, path: finding.path)
  }

  /// The findings already on the record, or nil when it was never scanned
  /// (no `tappass.findings` array).
  public static func read(_ document: JSONDocument) -> [FindingFact]? {
    guard let tappass = document.member("tappass", of: 0),
      let findings = document.member("findings", of: tappass),
      document.nodes[findings].kind == .array
    else { return nil }
    return document.children(of: findings).compactMap { item in
      guard let step = document.member("step", of: item).flatMap({ document.string($0) }),
        let type = document.member("type", of: item).flatMap({ document.string($0) })
      else { return nil }
      let path = document.member("path", of: item).flatMap { document.string($0) } ?? ""
      return FindingFact(step: step, type: type, path: path)
    }
  }
}

/// `JSONString.unescape` writing into a caller's buffer, with the runs
/// between backslashes found by `memchr`: the joined text of a record is
/// decoded without an array per escaped field. The common one-character
/// escapes are decoded here; from the first `\u` on, the rest is left to
/// `JSONString.unescape` (decoding is stateless at an escape, so its
/// decoding of the rest is the rest of its decoding of the whole).
enum JSONUnescape {
  /// Decodes the raw string body `input` into `output`, which has room
  /// for `input.count` bytes, and returns the number of bytes written.
  static func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
    guard let base = input.baseAddress else { return 0 }
    let count = input.count
    var position = 0, written = 0
    while position < count {
      let run = memchr(base + position, 0x5C, count - position).map { $0.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base) - position }
        ?? (count - position)
      if run > 0 {
        UnsafeMutableRawPointer(output + written).copyMemory(from: base + position, byteCount: run)
        written += run
        position += run
      }
      guard position + 1 < count else { break }
      let decoded: UInt8
      switch input[position + 1] {
      case 0x62: decoded = 0x08
      case 0x66: decoded = 0x0C
      case 0x6E: decoded = 0x0A
      case 0x72: decoded = 0x0D
      case 0x74: decoded = 0x09
      case 0x75:
        let rest = JSONString.unescape(UnsafeBufferPointer(rebasing: input[position...]))
        rest.withUnsafeBufferPointer { UnsafeMutableRawPointer(output + written).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return written + rest.count
      case let other: decoded = other
      }
      output[written] = decoded
      written += 1
      position += 2
    }
    if position < count {
      // A lone trailing backslash (never in validated JSON) is kept.
      output[written] = input[position]
      written += 1
    }
    return written
  }
}

/// `RequestFields.extract` with keys and the `role` and `type` values
/// compared as bytes in place: the same fields in the same order (checked
/// against it in ClassifyCompiledTests), for the text classification and
/// routing join on every record. The names involved are ASCII without the
/// letters that have non-ASCII canonical equivalents, so byte equality is
/// the `String ==` the original uses.
enum RecordFields {
  typealias Field = RequestFields.Field

  static let shapeKeys = KeyList(["messages", "input", "system", "tools", "functions", "prompt", "text", "response"])
  static let governanceKeys = KeyList(Array(RequestFields.governanceKeys))
  static let messageKeys = KeyList(["content", "tool_calls", "function_call", "name", "role", "tool_call_id", "id", "type"])
  static let roles = KeyList(["system", "developer", "assistant", "model", "tool", "function", "ipython"])
  static let roleValues: [FieldRole] = [.system, .system, .assistant, .assistant, .toolResult, .toolResult, .toolResult]
  static let blockTypes = KeyList([
    "tool_use", "server_tool_use", "function_call", "tool_result", "function_call_output", "image", "image_url", "input_image", "document",
  ])
  static let blockMetadataKeys = KeyList(Array(RequestFields.blockMetadataKeys))
  static let descriptionKeys = KeyList(["description", "title", "instructions"])
  static let roleKey = KeyList(["role"]), typeKey = KeyList(["type"]), functionKey = KeyList(["function"])
  static let argumentsKey = KeyList(["arguments"]), textKey = KeyList(["text"]), contentKey = KeyList(["content"])
  static let inputKey = KeyList(["input"]), outputKey = KeyList(["output"]), choicesKey = KeyList(["choices"])
  static let messageKey = KeyList(["message"]), deltaKey = KeyList(["delta"]), toolCallsKey = KeyList(["tool_calls"])

  static func extract(_ document: JSONDocument) -> [Field] {
    var fields: [Field] = []
    fields.reserveCapacity(16)
    extract(document, into: &fields)
    return fields
  }

  /// Appends the fields to `fields`.
  static func extract(_ document: JSONDocument, into fields: inout [Field]) {
    var knownShape = false
    document.forEachChild(of: 0) { member in
      let key = document.keyIndex(member, in: shapeKeys)
      guard key >= 0 else { return }
      knownShape = true
      switch key {
      case 0: messages(document, member, into: &fields)
      case 1:
        if document.nodes[member].kind == .array { messages(document, member, into: &fields) } else { leaves(document, member, .user, into: &fields) }
      case 2: content(document, member, .system, into: &fields)
      case 3, 4: document.forEachChild(of: member) { descriptions(document, $0, into: &fields) }
      case 5: leaves(document, member, .user, into: &fields)
      case 6: leaves(document, member, .text, into: &fields)
      default: response(document, member, into: &fields)
      }
    }
    if !knownShape {
      document.forEachChild(of: 0) { member in
        if document.keyIndex(member, in: governanceKeys) < 0 { leaves(document, member, .text, into: &fields) }
      }
    }
  }

  /// The first member of `object` named by the one-key list `key`.
  @inline(__always)
  static func member(_ document: JSONDocument, _ key: KeyList, of object: Int) -> Int? {
    guard document.nodes[object].kind == .object else { return nil }
    var found = -1
    document.forEachChild(of: object) { child in
      if found < 0, document.keyIndex(child, in: key) == 0 { found = child }
    }
    return found >= 0 ? found : nil
  }

  /// Which of `values` the string `node` is: -1 for another string or
  /// for a node that is not a string.
  static func value(_ document: JSONDocument, _ node: Int?, in values: KeyList) -> Int {
    guard let node, document.nodes[node].kind == .string else { return -1 }
    let string = document.nodes[node]
    if string.count != 0 { return values.index(of: document.stringSlice(node)) }
    return document.bytes.withUnsafeBufferPointer { values.index(of: UnsafeBufferPointer(rebasing: $0[Int(string.start)..<Int(string.end)])) }
  }

  static func leaves(_ document: JSONDocument, _ node: Int, _ role: FieldRole, into fields: inout [Field]) {
    switch document.nodes[node].kind {
    case .string: fields.append(Field(node: node, role: role))
    case .object, .array: document.forEachChild(of: node) { leaves(document, $0, role, into: &fields) }
    default: break
    }
  }

  static func messages(_ document: JSONDocument, _ node: Int, into fields: inout [Field]) {
    guard document.nodes[node].kind == .array else { return leaves(document, node, .text, into: &fields) }
    document.forEachChild(of: node) { message in
      guard document.nodes[message].kind == .object else { return leaves(document, message, .text, into: &fields) }
      let named = value(document, member(document, roleKey, of: message), in: roles)
      let role = named >= 0 ? roleValues[named] : .user
      document.forEachChild(of: message) { member in
        switch document.keyIndex(member, in: messageKeys) {
        case 0:
          content(document, member, role, into: &fields)
        case 1:
          document.forEachChild(of: member) { call in
            if let function = self.member(document, functionKey, of: call), let arguments = self.member(document, argumentsKey, of: function) {
              leaves(document, arguments, .toolArguments, into: &fields)
            }
          }
        case 2:
          if let arguments = self.member(document, argumentsKey, of: member) { leaves(document, arguments, .toolArguments, into: &fields) }
        case 3, 4, 5, 6, 7:
          break
        default:
          leaves(document, member, role, into: &fields)
        }
      }
    }
  }

  static func content(_ document: JSONDocument, _ node: Int, _ role: FieldRole, into fields: inout [Field]) {
    switch document.nodes[node].kind {
    case .string: fields.append(Field(node: node, role: role))
    case .array: document.forEachChild(of: node) { block(document, $0, role, into: &fields) }
    case .object: block(document, node, role, into: &fields)
    default: break
    }
  }

  static func block(_ document: JSONDocument, _ node: Int, _ role: FieldRole, into fields: inout [Field]) {
    guard document.nodes[node].kind == .object else { return leaves(document, node, role, into: &fields) }
    switch value(document, member(document, typeKey, of: node), in: blockTypes) {
    case 0, 1, 2:
      for key in [inputKey, argumentsKey] {
        if let input = member(document, key, of: node) { leaves(document, input, .toolArguments, into: &fields) }
      }
    case 3, 4:
      for key in [contentKey, outputKey] {
        if let result = member(document, key, of: node) { content(document, result, .toolResult, into: &fields) }
      }
    case 5, 6, 7, 8:
      if let text = member(document, textKey, of: node) { leaves(document, text, role, into: &fields) }
    default:
      document.forEachChild(of: node) { member in
        if document.keyIndex(member, in: blockMetadataKeys) < 0 { leaves(document, member, role, into: &fields) }
      }
    }
  }

  static func descriptions(_ document: JSONDocument, _ node: Int, into fields: inout [Field]) {
    let isArray = document.nodes[node].kind == .array
    document.forEachChild(of: node) { member in
      let kind = document.nodes[member].kind
      if kind == .string {
        if isArray || document.keyIndex(member, in: descriptionKeys) >= 0 { fields.append(Field(node: member, role: .toolDescription)) }
      } else if kind == .object || kind == .array {
        descriptions(document, member, into: &fields)
      }
    }
  }

  static func response(_ document: JSONDocument, _ node: Int, into fields: inout [Field]) {
    if let choices = member(document, choicesKey, of: node) {
      document.forEachChild(of: choices) { choice in
        if let message = member(document, messageKey, of: choice) ?? member(document, deltaKey, of: choice) {
          if let content = member(document, contentKey, of: message) { self.content(document, content, .output, into: &fields) }
          if let calls = member(document, toolCallsKey, of: message) {
            document.forEachChild(of: calls) { call in
              if let function = member(document, functionKey, of: call), let arguments = member(document, argumentsKey, of: function) {
                leaves(document, arguments, .output, into: &fields)
              }
            }
          }
        }
        if let text = member(document, textKey, of: choice) { leaves(document, text, .output, into: &fields) }
      }
      return
    }
    if let content = member(document, contentKey, of: node) {
      self.content(document, content, .output, into: &fields)
      return
    }
    leaves(document, node, .output, into: &fields)
  }
}
