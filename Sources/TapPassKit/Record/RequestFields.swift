/// Finds the text fields of a request record and the role of each, for the
/// shapes in docs/format.md: OpenAI chat completions, Anthropic Messages,
/// a bare `{"text": …}`, an optional `response`, and anything else (whose
/// string values are all read as text). tp-scan, the classifier and the
/// router all read a record through this one walker.
///
/// Keys and the `role` and `type` values are compared as bytes in place
/// (escaped keys decoded first). The names involved are ASCII without the
/// letters that have non-ASCII canonical equivalents, so byte equality is
/// Swift's `String ==`: RequestFieldsTests holds this walker equal to a
/// plain `String` reading of the same rules on generated records.
public enum RequestFields {
  /// Governance and routing fields: identifiers, never scanned as content.
  public static let governanceKeys: Set<String> = [
    "id", "agent_id", "org_id", "session_id", "trust_tier", "flags", "model", "tappass",
    "user_id", "request_id", "timestamp", "stream", "temperature", "max_tokens", "top_p",
  ]

  /// Members of a content block that are metadata, not text.
  static let blockMetadataKeys: Set<String> = ["type", "id", "cache_control"]

  public struct Field: Sendable, Equatable {
    public var node: Int
    public var role: FieldRole
  }

  /// Top-level keys whose presence means the record has a known shape;
  /// the order is the order of the cases in `extract`.
  static let shapeKeys = KeyList(["messages", "input", "system", "tools", "functions", "prompt", "text", "response"])
  static let governanceKeyList = KeyList(Array(governanceKeys))
  static let messageKeys = KeyList(["content", "tool_calls", "function_call", "name", "role", "tool_call_id", "id", "type"])
  static let roles = KeyList(["system", "developer", "assistant", "model", "tool", "function", "ipython"])
  static let roleValues: [FieldRole] = [.system, .system, .assistant, .assistant, .toolResult, .toolResult, .toolResult]
  static let blockTypes = KeyList([
    "tool_use", "server_tool_use", "function_call", "tool_result", "function_call_output", "image", "image_url", "input_image", "document",
  ])
  static let blockMetadataKeyList = KeyList(Array(blockMetadataKeys))
  static let descriptionKeys = KeyList(["description", "title", "instructions"])
  static let roleKey = KeyList(["role"]), typeKey = KeyList(["type"]), functionKey = KeyList(["function"])
  static let argumentsKey = KeyList(["arguments"]), textKey = KeyList(["text"]), contentKey = KeyList(["content"])
  static let inputKey = KeyList(["input"]), outputKey = KeyList(["output"]), choicesKey = KeyList(["choices"])
  static let messageKey = KeyList(["message"]), deltaKey = KeyList(["delta"]), toolCallsKey = KeyList(["tool_calls"])

  public static func extract(_ document: JSONDocument) -> [Field] {
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
        if document.keyIndex(member, in: governanceKeyList) < 0 { leaves(document, member, .text, into: &fields) }
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
        if document.keyIndex(member, in: blockMetadataKeyList) < 0 { leaves(document, member, role, into: &fields) }
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
