import Testing
@testable import TapPassKit

/// The one field walker, `RequestFields.extract` (bytes compared in
/// place), against the same rules read with `String` keys and values:
/// the same fields, in the same order, on generated records of every shape
/// (escaped keys and values, unknown roles and block types, nesting).
@Suite struct RequestFieldsTests {
  @Test func byteWalkerMatchesTheStringReading() throws {
    for record in ClassifyCompiledTests.records + ParallelClassifyRouteTests.raw() {
      guard let document = try? Fixtures.document(record) else { continue }
      #expect(RequestFields.extract(document) == ReferenceRequestFields.extract(document), "\(record)")
    }
  }
}

/// The field rules of docs/format.md read plainly, with `String`
/// comparisons (Swift's canonical equivalence): the reference the byte
/// walker is checked against.
enum ReferenceRequestFields {
  /// Top-level keys whose presence means the record has a known shape.
  static let shapeKeys: Set<String> = ["messages", "system", "tools", "prompt", "input", "text", "response", "functions"]

  static func extract(_ document: JSONDocument) -> [RequestFields.Field] {
    var fields: [RequestFields.Field] = []
    let root = 0
    var knownShape = false
    for member in document.children(of: root) {
      let key = document.key(member)
      guard shapeKeys.contains(key) else { continue }
      knownShape = true
      switch key {
      case "messages":
        messages(document, member, into: &fields)
      case "input":
        if document.nodes[member].kind == .array { messages(document, member, into: &fields) } else { leaves(document, member, .user, into: &fields) }
      case "system":
        content(document, member, .system, into: &fields)
      case "tools", "functions":
        tools(document, member, into: &fields)
      case "prompt":
        leaves(document, member, .user, into: &fields)
      case "text":
        leaves(document, member, .text, into: &fields)
      case "response":
        response(document, member, into: &fields)
      default:
        break
      }
    }
    if !knownShape {
      for member in document.children(of: root) where !RequestFields.governanceKeys.contains(document.key(member)) {
        leaves(document, member, .text, into: &fields)
      }
    }
    return fields
  }

  /// Every string under `node` (including `node` itself).
  static func leaves(_ document: JSONDocument, _ node: Int, _ role: FieldRole, into fields: inout [RequestFields.Field]) {
    switch document.nodes[node].kind {
    case .string:
      fields.append(RequestFields.Field(node: node, role: role))
    case .object, .array:
      for child in document.children(of: node) { leaves(document, child, role, into: &fields) }
    default:
      break
    }
  }

  static func role(named name: String?) -> FieldRole {
    switch name {
    case "system", "developer": .system
    case "assistant", "model": .assistant
    case "tool", "function", "ipython": .toolResult
    default: .user
    }
  }

  static func messages(_ document: JSONDocument, _ node: Int, into fields: inout [RequestFields.Field]) {
    guard document.nodes[node].kind == .array else { return leaves(document, node, .text, into: &fields) }
    for message in document.children(of: node) {
      guard document.nodes[message].kind == .object else {
        leaves(document, message, .text, into: &fields)
        continue
      }
      let role = role(named: document.member("role", of: message).flatMap { document.string($0) })
      for member in document.children(of: message) {
        switch document.key(member) {
        case "content":
          content(document, member, role, into: &fields)
        case "tool_calls":
          for call in document.children(of: member) {
            if let function = document.member("function", of: call), let arguments = document.member("arguments", of: function) {
              leaves(document, arguments, .toolArguments, into: &fields)
            }
          }
        case "function_call":
          if let arguments = document.member("arguments", of: member) { leaves(document, arguments, .toolArguments, into: &fields) }
        case "name", "role", "tool_call_id", "id", "type":
          break
        default:
          leaves(document, member, role, into: &fields)
        }
      }
    }
  }

  /// A content value: a string, or an array of parts/blocks.
  static func content(_ document: JSONDocument, _ node: Int, _ role: FieldRole, into fields: inout [RequestFields.Field]) {
    switch document.nodes[node].kind {
    case .string:
      fields.append(RequestFields.Field(node: node, role: role))
    case .array:
      for part in document.children(of: node) { block(document, part, role, into: &fields) }
    case .object:
      block(document, node, role, into: &fields)
    default:
      break
    }
  }

  static func block(_ document: JSONDocument, _ node: Int, _ role: FieldRole, into fields: inout [RequestFields.Field]) {
    guard document.nodes[node].kind == .object else { return leaves(document, node, role, into: &fields) }
    let type = document.member("type", of: node).flatMap { document.string($0) }
    switch type {
    case "tool_use", "server_tool_use", "function_call":
      for key in ["input", "arguments"] {
        if let input = document.member(key, of: node) { leaves(document, input, .toolArguments, into: &fields) }
      }
    case "tool_result", "function_call_output":
      for key in ["content", "output"] {
        if let result = document.member(key, of: node) { content(document, result, .toolResult, into: &fields) }
      }
    case "image", "image_url", "input_image", "document":
      // Binary payloads (base64 images) are not text; their captions are.
      if let text = document.member("text", of: node) { leaves(document, text, role, into: &fields) }
    default:
      for member in document.children(of: node) where !RequestFields.blockMetadataKeys.contains(document.key(member)) {
        leaves(document, member, role, into: &fields)
      }
    }
  }

  static func tools(_ document: JSONDocument, _ node: Int, into fields: inout [RequestFields.Field]) {
    for tool in document.children(of: node) {
      descriptions(document, tool, into: &fields)
    }
  }

  /// Tool descriptions, at any depth of a tool definition (function
  /// description, parameter descriptions, enum docs), are what a poisoned
  /// tool uses to talk to the model.
  static func descriptions(_ document: JSONDocument, _ node: Int, into fields: inout [RequestFields.Field]) {
    for member in document.children(of: node) {
      let kind = document.nodes[member].kind
      if kind == .string {
        let key = document.nodes[node].kind == .object ? document.key(member) : ""
        if key == "description" || key == "title" || key == "instructions" || document.nodes[node].kind == .array {
          fields.append(RequestFields.Field(node: member, role: .toolDescription))
        }
      } else if kind == .object || kind == .array {
        descriptions(document, member, into: &fields)
      }
    }
  }

  static func response(_ document: JSONDocument, _ node: Int, into fields: inout [RequestFields.Field]) {
    if document.nodes[node].kind == .object, let choices = document.member("choices", of: node) {
      for choice in document.children(of: choices) {
        if let message = document.member("message", of: choice) ?? document.member("delta", of: choice) {
          if let content = document.member("content", of: message) { self.content(document, content, .output, into: &fields) }
          if let calls = document.member("tool_calls", of: message) {
            for call in document.children(of: calls) {
              if let function = document.member("function", of: call), let arguments = document.member("arguments", of: function) {
                leaves(document, arguments, .output, into: &fields)
              }
            }
          }
        }
        if let text = document.member("text", of: choice) { leaves(document, text, .output, into: &fields) }
      }
      return
    }
    if document.nodes[node].kind == .object, let content = document.member("content", of: node) {
      self.content(document, content, .output, into: &fields)
      return
    }
    leaves(document, node, .output, into: &fields)
  }
}
