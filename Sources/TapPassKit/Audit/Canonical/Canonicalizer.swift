import Glibc

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
          appendString(buffer: UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.end)]), to: &output)
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
        if let decoded = member.decoded {
          if hasLoneSurrogateEscape(document.bytes[member.keyStart..<member.keyEnd]) {
            throw Failure(code: .loneSurrogate, path: document.path(of: member.node))
          }
          appendString(decoded, to: &output)
        } else {
          document.bytes.withUnsafeBufferPointer { bytes in
            appendString(buffer: UnsafeBufferPointer(rebasing: bytes[member.keyStart..<member.keyEnd]), to: &output)
          }
        }
        output.append(0x3A)
        try append(document, node: member.node, to: &output)
      }
      output.append(0x7D)
    }
  }

  struct Member {
    /// The decoded key when it had escapes; otherwise nil and the key is
    /// the raw bytes `keyStart..<keyEnd` of the document (no allocation).
    var decoded: [UInt8]?
    var keyStart: Int
    var keyEnd: Int
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
    var sorted = true
    document.bytes.withUnsafeBufferPointer { bytes in
      for child in document.children(of: index) {
        let node = document.nodes[child]
        var member = Member(decoded: nil, keyStart: Int(node.keyStart), keyEnd: Int(node.keyEnd), node: child, isASCII: true)
        if node.keyHasEscapes {
          let decoded = document.keyBytes(child)
          member.isASCII = decoded.allSatisfy { $0 < 0x80 }
          member.decoded = decoded
        } else {
          for position in member.keyStart..<member.keyEnd where bytes[position] >= 0x80 {
            member.isASCII = false
            break
          }
        }
        if sorted, let previous = members.last, !precedes(previous, member, bytes) { sorted = false }
        members.append(member)
      }
      if !sorted { members.sort { precedes($0, $1, bytes) } }
    }
    if members.count < 2 { return members }
    for position in 1..<members.count where keyBytes(members[position - 1], document) == keyBytes(members[position], document) {
      throw Failure(code: .duplicateKey, path: document.path(of: members[position].node))
    }
    return members
  }

  static func keyBytes(_ member: Member, _ document: JSONDocument) -> ArraySlice<UInt8> {
    if let decoded = member.decoded { return decoded[...] }
    return document.bytes[member.keyStart..<member.keyEnd]
  }

  static func precedes(_ lhs: Member, _ rhs: Member, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    func key(_ member: Member) -> [UInt8] { member.decoded ?? Array(bytes[member.keyStart..<member.keyEnd]) }
    if lhs.isASCII && rhs.isASCII {
      if lhs.decoded == nil && rhs.decoded == nil {
        let left = UnsafeBufferPointer(rebasing: bytes[lhs.keyStart..<lhs.keyEnd])
        let right = UnsafeBufferPointer(rebasing: bytes[rhs.keyStart..<rhs.keyEnd])
        let common = min(left.count, right.count)
        if common > 0 {
          let order = memcmp(left.baseAddress!, right.baseAddress!, common)
          if order != 0 { return order < 0 }
        }
        return left.count < right.count
      }
      return key(lhs).lexicographicallyPrecedes(key(rhs))
    }
    return utf16Precedes(key(lhs), key(rhs))
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
    if let done: Void = value.withContiguousStorageIfAvailable({ appendString(buffer: $0, to: &output) }) { return done }
    Array(value).withUnsafeBufferPointer { appendString(buffer: $0, to: &output) }
  }

  /// Copies runs of bytes that need no escape in one call each.
  public static func appendString(buffer value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    output.append(0x22)
    var runStart = 0
    for position in 0..<value.count {
      let byte = value[position]
      if byte >= 0x20 && byte != 0x22 && byte != 0x5C { continue }
      if position > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<position])) }
      runStart = position + 1
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
    if value.count > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<value.count])) }
    output.append(0x22)
  }
}
