/// RFC 8785 JSON Canonicalization Scheme (JCS) over `JSONDocument`.
///
/// Why: an audit entry is hashed, so its bytes must not depend on how the
/// producing tool happened to order keys, spell numbers (`1.0`, `1e0`) or
/// escape strings. JCS fixes all three:
/// - objects: members sorted by their keys as arrays of UTF-16 code units
///   (RFC 8785 §3.2.3), no whitespace;
/// - numbers: the IEEE 754 double the text denotes, printed the way
///   ECMAScript's `Number.prototype.toString` prints it (§3.2.2.3, see
///   `ECMAScriptNumber`);
/// - strings: only `"`, `\` and the C0 controls escaped, with the short forms
///   `\b \f \n \r \t` and lower-case `\u00xx` otherwise (§3.2.2.2).
///
/// Duplicate keys, numbers outside the double range, and lone surrogate
/// escapes are errors (JCS requires I-JSON input, RFC 7493).
public enum Canonicalizer {
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable { case duplicateKey = "duplicate_key", numberOutOfRange = "number_out_of_range", loneSurrogate = "lone_surrogate" }
    public var code: Code
    /// Where in the record, as a `JSONDocument.path`.
    public var path: String
    public var description: String { "\(code.rawValue) at \(path.isEmpty ? "(root)" : path)" }
  }

  /// The canonical bytes of the whole document.
  public static func canonicalize(_ document: JSONDocument) throws(Failure) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(document.bytes.count)
    try append(document, node: 0, to: &output)
    return output
  }

  /// Appends the canonical form of one node (and its descendants).
  public static func append(_ document: JSONDocument, node index: Int, to output: inout [UInt8]) throws(Failure) {
    let node = document.nodes[index]
    switch node.kind {
    case .null: output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    case .bool:
      if document.bytes[Int(node.start)] == UInt8(ascii: "t") {
        output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
      } else {
        output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
      }
    case .number:
      let raw = document.bytes[Int(node.start)..<Int(node.end)]
      guard let text = ECMAScriptNumber.canonicalText(ofJSONNumber: raw) else {
        throw Failure(code: .numberOutOfRange, path: document.path(of: index))
      }
      output.append(contentsOf: text)
    case .string:
      if node.isEscapedString {
        let raw = document.bytes[Int(node.start)..<Int(node.end)]
        if hasLoneSurrogateEscape(raw) { throw Failure(code: .loneSurrogate, path: document.path(of: index)) }
        appendString(document.stringBytes(index), to: &output)
      } else {
        // No escapes in the input: the raw bytes are the decoded bytes.
        document.bytes.withUnsafeBufferPointer { buffer in
          appendString(UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.end)]), to: &output)
        }
      }
    case .array:
      output.append(0x5B)
      var first = true
      for child in document.children(of: index) {
        if !first { output.append(0x2C) }
        first = false
        try append(document, node: child, to: &output)
      }
      output.append(0x5D)
    case .object:
      output.append(0x7B)
      let members = try sortedMembers(document, of: index)
      for (position, member) in members.enumerated() {
        if position > 0 { output.append(0x2C) }
        if document.nodes[member.node].keyHasEscapes {
          let raw = document.bytes[Int(document.nodes[member.node].keyStart)..<Int(document.nodes[member.node].keyEnd)]
          if hasLoneSurrogateEscape(raw) { throw Failure(code: .loneSurrogate, path: document.path(of: member.node)) }
        }
        appendString(member.key, to: &output)
        output.append(0x3A)
        try append(document, node: member.node, to: &output)
      }
      output.append(0x7D)
    }
  }

  struct Member {
    var key: [UInt8]
    var node: Int
    var isASCII: Bool
  }

  /// Members in RFC 8785 order. UTF-8 byte order equals code point order,
  /// which equals UTF-16 order except that supplementary characters (4-byte
  /// UTF-8, surrogate pairs in UTF-16) sort *before* U+E000…U+FFFF in UTF-16.
  /// So keys compare as bytes when both are ASCII, and as UTF-16 otherwise.
  static func sortedMembers(_ document: JSONDocument, of index: Int) throws(Failure) -> [Member] {
    var members: [Member] = []
    members.reserveCapacity(Int(document.nodes[index].count))
    for child in document.children(of: index) {
      let key = document.keyBytes(child)
      members.append(Member(key: key, node: child, isASCII: key.allSatisfy { $0 < 0x80 }))
    }
    if members.count < 2 { return members }
    members.sort { lhs, rhs in
      if lhs.isASCII && rhs.isASCII { return lhs.key.lexicographicallyPrecedes(rhs.key) }
      return utf16Precedes(lhs.key, rhs.key)
    }
    for position in 1..<members.count where members[position - 1].key == members[position].key {
      throw Failure(code: .duplicateKey, path: document.path(of: members[position].node))
    }
    return members
  }

  /// Compares two UTF-8 strings by their UTF-16 code units.
  public static func utf16Precedes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    let left = String(decoding: lhs, as: UTF8.self).utf16
    let right = String(decoding: rhs, as: UTF8.self).utf16
    return left.lexicographicallyPrecedes(right)
  }

  /// Whether a raw string body holds a `\uD800`…`\uDFFF` escape that is not
  /// part of a valid high+low pair (the shared parser maps those to U+FFFD,
  /// which would make two different inputs canonicalise alike).
  static func hasLoneSurrogateEscape(_ raw: ArraySlice<UInt8>) -> Bool {
    let bytes = Array(raw)
    func unit(at position: Int) -> UInt32? {
      guard position + 6 <= bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 else { return nil }
      return UInt32(String(decoding: bytes[position + 2..<position + 6], as: UTF8.self), radix: 16)
    }
    var position = 0
    while position < bytes.count {
      guard bytes[position] == 0x5C else { position += 1; continue }
      if bytes[position + 1] != 0x75 { position += 2; continue }
      let value = unit(at: position) ?? 0
      if (0xDC00...0xDFFF).contains(value) { return true }
      if (0xD800...0xDBFF).contains(value) {
        guard let low = unit(at: position + 6), (0xDC00...0xDFFF).contains(low) else { return true }
        position += 12
        continue
      }
      position += 6
    }
    return false
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends a JCS string literal for valid UTF-8 `value`.
  public static func appendString(_ value: some Collection<UInt8>, to output: inout [UInt8]) {
    output.append(0x22)
    for byte in value {
      if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
        output.append(byte)
        continue
      }
      output.append(0x5C)
      switch byte {
      case 0x22: output.append(0x22)
      case 0x5C: output.append(0x5C)
      case 0x08: output.append(0x62)
      case 0x0C: output.append(0x66)
      case 0x0A: output.append(0x6E)
      case 0x0D: output.append(0x72)
      case 0x09: output.append(0x74)
      default: output.append(contentsOf: [0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
      }
    }
    output.append(0x22)
  }
}
