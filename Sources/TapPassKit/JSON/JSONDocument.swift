/// A validating, byte-level JSON parser that produces a flat node table.
///
/// Why not Foundation: `JSONSerialization` costs ~170 µs per 1 KB record and
/// `Codable` ~18 µs; this parser builds an index of byte ranges (no string
/// is decoded until a step asks for it), which keeps the hot path at memory
/// speed. The original bytes are kept so that tools can append their section
/// to the record without re-serialising the rest (see `RecordEditor`).
///
/// It enforces RFC 8259 strictly: UTF-8 must be valid, control characters in
/// strings must be escaped, numbers follow the grammar, and nesting is limited
/// so that a hostile 10,000-deep record is an error rather than a crash.
public struct JSONDocument: Sendable {
  public enum Kind: UInt8, Sendable { case object, array, string, number, bool, null }

  /// One value. Offsets are byte offsets into `bytes`.
  public struct Node: Sendable {
    public var kind: Kind
    /// For strings: the first byte after the opening quote. Otherwise the
    /// first byte of the value.
    public var start: Int32
    /// For strings: the closing quote. Otherwise one past the last byte.
    public var end: Int32
    public var parent: Int32
    /// For members of an object: the raw key bytes (between the quotes).
    public var keyStart: Int32
    public var keyEnd: Int32
    /// For elements of an array: the index; for object members, the member
    /// position.
    public var index: Int32
    /// For containers: number of direct children. For strings: 1 when the
    /// raw value contains a backslash escape.
    public var count: Int32
    /// For containers: index of the node after the last descendant.
    public var next: Int32
    public var keyHasEscapes: Bool

    public var isEscapedString: Bool { kind == .string && count != 0 }
  }

  public struct ParseError: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
      case malformedJSON = "malformed_json"
      case invalidUTF8 = "invalid_utf8"
      case tooDeep = "too_deep"
      case notAnObject = "not_an_object"
      case duplicateKey = "duplicate_key"
      case empty = "empty_line"
    }
    public var code: Code
    /// Byte offset in the line where the problem was found.
    public var offset: Int
    public var message: String
  }

  public let bytes: [UInt8]
  public private(set) var nodes: [Node]

  public var root: Node { nodes[0] }

  /// Parses one JSON text. `maxDepth` bounds nesting (containers inside
  /// containers); `rejectDuplicateKeys` is for security-sensitive inputs
  /// such as token headers, where an ambiguous key is an attack.
  public init(bytes: [UInt8], maxDepth: Int = 256, rejectDuplicateKeys: Bool = false) throws(ParseError) {
    self.bytes = bytes
    var parser = Parser(maxDepth: maxDepth)
    nodes = try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in
      try parser.parseDocument(buffer)
    }
    if rejectDuplicateKeys { try checkDuplicateKeys() }
  }

  // MARK: Navigation

  /// The children of a container node, as node indices.
  public func children(of index: Int) -> ChildSequence {
    ChildSequence(nodes: nodes, parent: index)
  }

  public struct ChildSequence: Sequence {
    let nodes: [Node]
    let parent: Int
    public struct Iterator: IteratorProtocol {
      let nodes: [Node]
      var current: Int
      let stop: Int
      public mutating func next() -> Int? {
        guard current < stop else { return nil }
        let result = current
        let node = nodes[current]
        current = (node.kind == .object || node.kind == .array) ? Int(node.next) : current + 1
        return result
      }
    }
    public func makeIterator() -> Iterator {
      let node = nodes[parent]
      let isContainer = node.kind == .object || node.kind == .array
      return Iterator(nodes: nodes, current: parent + 1, stop: isContainer ? Int(node.next) : parent + 1)
    }
  }

  /// The member of an object node with the given key, if any. Keys are
  /// compared after unescaping, so `"te\u0078t"` finds `text`.
  public func member(_ key: String, of index: Int) -> Int? {
    guard nodes[index].kind == .object else { return nil }
    var wanted = key
    return wanted.withUTF8 { keyBytes in
      for child in children(of: index) where keyEquals(child, keyBytes) {
        return child
      }
      return nil
    }
  }

  func keyEquals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let node = nodes[index]
    guard node.keyStart >= 0 else { return false }
    if node.keyHasEscapes { return key.elementsEqual(keyBytes(index)) }
    let length = Int(node.keyEnd - node.keyStart)
    guard length == key.count else { return false }
    var position = Int(node.keyStart)
    for byte in key {
      if bytes[position] != byte { return false }
      position += 1
    }
    return true
  }

  /// The decoded key of an object member.
  public func keyBytes(_ index: Int) -> [UInt8] {
    let node = nodes[index]
    guard node.keyStart >= 0 else { return [] }
    let raw = bytes[Int(node.keyStart)..<Int(node.keyEnd)]
    return node.keyHasEscapes ? JSONString.unescape(raw) : Array(raw)
  }

  public func key(_ index: Int) -> String {
    let node = nodes[index]
    guard node.keyStart >= 0 else { return "" }
    if node.keyHasEscapes { return String(decoding: keyBytes(index), as: UTF8.self) }
    return String(decoding: bytes[Int(node.keyStart)..<Int(node.keyEnd)], as: UTF8.self)
  }

  /// The decoded bytes of a string node (UTF-8).
  public func stringBytes(_ index: Int) -> [UInt8] {
    let node = nodes[index]
    let raw = bytes[Int(node.start)..<Int(node.end)]
    return node.count != 0 ? JSONString.unescape(raw) : Array(raw)
  }

  public func string(_ index: Int) -> String? {
    let node = nodes[index]
    guard node.kind == .string else { return nil }
    if node.count != 0 { return String(decoding: stringBytes(index), as: UTF8.self) }
    return String(decoding: bytes[Int(node.start)..<Int(node.end)], as: UTF8.self)
  }

  /// The raw bytes of any value, as they appear in the input (strings
  /// include their quotes).
  public func rawRange(_ index: Int) -> Range<Int> {
    let node = nodes[index]
    if node.kind == .string { return Int(node.start) - 1..<Int(node.end) + 1 }
    return Int(node.start)..<Int(node.end)
  }

  public func number(_ index: Int) -> Double? {
    guard nodes[index].kind == .number else { return nil }
    return Double(String(decoding: bytes[rawRange(index)], as: UTF8.self))
  }

  public func bool(_ index: Int) -> Bool? {
    guard nodes[index].kind == .bool else { return nil }
    return bytes[Int(nodes[index].start)] == UInt8(ascii: "t")
  }

  /// The path of a node from the root, e.g. `messages[1].content`. Keys that
  /// are not plain identifiers are written as `["key"]`.
  public func path(of index: Int) -> String {
    // The nodes from the root down, then the path spelled into one byte
    // buffer: a String per part, joined, cost a few allocations per finding.
    var depth = 0
    var current = index
    while current > 0 {
      depth += 1
      current = Int(nodes[current].parent)
    }
    var chain = [Int](repeating: 0, count: depth)
    current = index
    for level in stride(from: depth - 1, through: 0, by: -1) {
      chain[level] = current
      current = Int(nodes[current].parent)
    }
    var path: [UInt8] = []
    path.reserveCapacity(32)
    for current in chain {
      let node = nodes[current]
      let parent = Int(node.parent)
      if nodes[parent].kind == .array {
        path.append(0x5B)
        JSONWriter.appendInteger(Int(node.index), to: &path)
        path.append(0x5D)
      } else if node.keyStart >= 0, !node.keyHasEscapes, node.keyEnd > node.keyStart,
        bytes[Int(node.keyStart)..<Int(node.keyEnd)].allSatisfy({ isIdentifierByte($0) })
      {
        // An identifier is ASCII: its bytes are the decoded key.
        if parent != 0 { path.append(0x2E) }
        path.append(contentsOf: bytes[Int(node.keyStart)..<Int(node.keyEnd)])
      } else {
        let name = key(current)
        if !name.isEmpty, name.utf8.allSatisfy({ isIdentifierByte($0) }) {
          if parent != 0 { path.append(0x2E) }
          path.append(contentsOf: name.utf8)
        } else {
          path.append(0x5B)
          JSONString.appendQuoted(Array(name.utf8), to: &path)
          path.append(0x5D)
        }
      }
    }
    return String(decoding: path, as: UTF8.self)
  }

  private func isIdentifierByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
      || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D
  }

  private func checkDuplicateKeys() throws(ParseError) {
    for (index, node) in nodes.enumerated() where node.kind == .object && node.count > 1 {
      var seen = Set<[UInt8]>()
      for child in children(of: index) {
        if !seen.insert(keyBytes(child)).inserted {
          throw ParseError(
            code: .duplicateKey, offset: Int(nodes[child].keyStart),
            message: "duplicate object key")
        }
      }
    }
  }
}
