extension JSONDocument {
  /// The recursive-descent core. Works on an unsafe buffer for speed; every
  /// index is bounds-checked against `end` by hand.
  struct Parser {
    let maxDepth: Int
    var nodes: [Node] = []
    var depth = 0

    init(maxDepth: Int) { self.maxDepth = maxDepth }

    mutating func parseDocument(_ input: UnsafeBufferPointer<UInt8>) throws(ParseError) -> [Node] {
      nodes.reserveCapacity(64)
      var position = skipWhitespace(input, 0)
      if position == input.count {
        throw ParseError(code: .empty, offset: 0, message: "empty line")
      }
      position = try parseValue(input, position, parent: -1, keyStart: -1, keyEnd: -1, keyEscaped: false, index: 0)
      position = skipWhitespace(input, position)
      if position != input.count {
        throw ParseError(code: .malformedJSON, offset: position, message: "unexpected data after the JSON value")
      }
      return nodes
    }

    @inline(__always)
    func skipWhitespace(_ input: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
      var position = start
      while position < input.count {
        let byte = input[position]
        if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 } else { break }
      }
      return position
    }

    func fail(_ offset: Int, _ message: String) -> ParseError {
      ParseError(code: .malformedJSON, offset: offset, message: message)
    }

    mutating func parseValue(
      _ input: UnsafeBufferPointer<UInt8>, _ start: Int, parent: Int32,
      keyStart: Int32, keyEnd: Int32, keyEscaped: Bool, index: Int32
    ) throws(ParseError) -> Int {
      guard start < input.count else { throw fail(start, "unexpected end of input") }
      let nodeIndex = nodes.count
      nodes.append(Node(
        kind: .null, start: Int32(start), end: Int32(start), parent: parent,
        keyStart: keyStart, keyEnd: keyEnd, index: index, count: 0, next: 0,
        keyHasEscapes: keyEscaped))
      switch input[start] {
      case UInt8(ascii: "{"):
        return try parseObject(input, start, nodeIndex)
      case UInt8(ascii: "["):
        return try parseArray(input, start, nodeIndex)
      case UInt8(ascii: "\""):
        let (end, escaped) = try scanString(input, start + 1)
        nodes[nodeIndex].kind = .string
        nodes[nodeIndex].start = Int32(start + 1)
        nodes[nodeIndex].end = Int32(end)
        nodes[nodeIndex].count = escaped ? 1 : 0
        return end + 1
      case UInt8(ascii: "t"):
        try expectLiteral(input, start, "true")
        nodes[nodeIndex].kind = .bool
        nodes[nodeIndex].end = Int32(start + 4)
        return start + 4
      case UInt8(ascii: "f"):
        try expectLiteral(input, start, "false")
        nodes[nodeIndex].kind = .bool
        nodes[nodeIndex].end = Int32(start + 5)
        return start + 5
      case UInt8(ascii: "n"):
        try expectLiteral(input, start, "null")
        nodes[nodeIndex].end = Int32(start + 4)
        return start + 4
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        let end = try scanNumber(input, start)
        nodes[nodeIndex].kind = .number
        nodes[nodeIndex].end = Int32(end)
        return end
      default:
        throw fail(start, "unexpected character")
      }
    }

    mutating func enter(_ offset: Int) throws(ParseError) {
      depth += 1
      if depth > maxDepth {
        throw ParseError(code: .tooDeep, offset: offset, message: "nesting deeper than \(maxDepth) levels")
      }
    }

    mutating func parseObject(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ nodeIndex: Int) throws(ParseError) -> Int {
      try enter(start)
      nodes[nodeIndex].kind = .object
      var position = skipWhitespace(input, start + 1)
      var count: Int32 = 0
      if position < input.count, input[position] == UInt8(ascii: "}") {
        position += 1
      } else {
        while true {
          guard position < input.count, input[position] == UInt8(ascii: "\"") else {
            throw fail(position, "expected an object key")
          }
          let keyOpen = position + 1
          let (keyClose, keyEscaped) = try scanString(input, keyOpen)
          position = skipWhitespace(input, keyClose + 1)
          guard position < input.count, input[position] == UInt8(ascii: ":") else {
            throw fail(position, "expected ':' after an object key")
          }
          position = skipWhitespace(input, position + 1)
          position = try parseValue(
            input, position, parent: Int32(nodeIndex), keyStart: Int32(keyOpen),
            keyEnd: Int32(keyClose), keyEscaped: keyEscaped, index: count)
          count += 1
          position = skipWhitespace(input, position)
          guard position < input.count else { throw fail(position, "unterminated object") }
          if input[position] == UInt8(ascii: ",") {
            position = skipWhitespace(input, position + 1)
            continue
          }
          if input[position] == UInt8(ascii: "}") { position += 1; break }
          throw fail(position, "expected ',' or '}' in an object")
        }
      }
      depth -= 1
      nodes[nodeIndex].count = count
      nodes[nodeIndex].end = Int32(position)
      nodes[nodeIndex].next = Int32(nodes.count)
      return position
    }

    mutating func parseArray(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ nodeIndex: Int) throws(ParseError) -> Int {
      try enter(start)
      nodes[nodeIndex].kind = .array
      var position = skipWhitespace(input, start + 1)
      var count: Int32 = 0
      if position < input.count, input[position] == UInt8(ascii: "]") {
        position += 1
      } else {
        while true {
          position = try parseValue(input, position, parent: Int32(nodeIndex), keyStart: -1, keyEnd: -1, keyEscaped: false, index: count)
          count += 1
          position = skipWhitespace(input, position)
          guard position < input.count else { throw fail(position, "unterminated array") }
          if input[position] == UInt8(ascii: ",") {
            position = skipWhitespace(input, position + 1)
            continue
          }
          if input[position] == UInt8(ascii: "]") { position += 1; break }
          throw fail(position, "expected ',' or ']' in an array")
        }
      }
      depth -= 1
      nodes[nodeIndex].count = count
      nodes[nodeIndex].end = Int32(position)
      nodes[nodeIndex].next = Int32(nodes.count)
      return position
    }

    func expectLiteral(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ literal: StaticString) throws(ParseError) {
      let length = literal.utf8CodeUnitCount
      guard start + length <= input.count else { throw fail(start, "unexpected end of input") }
      let pointer = literal.utf8Start
      for offset in 0..<length where input[start + offset] != pointer[offset] {
        throw fail(start + offset, "invalid literal")
      }
    }

    func scanNumber(_ input: UnsafeBufferPointer<UInt8>, _ start: Int) throws(ParseError) -> Int {
      var position = start
      @inline(__always) func isDigit(_ p: Int) -> Bool { p < input.count && input[p] >= 0x30 && input[p] <= 0x39 }
      if input[position] == UInt8(ascii: "-") { position += 1 }
      guard isDigit(position) else { throw fail(position, "invalid number") }
      if input[position] == UInt8(ascii: "0") {
        position += 1
      } else {
        while isDigit(position) { position += 1 }
      }
      if position < input.count, input[position] == UInt8(ascii: ".") {
        position += 1
        guard isDigit(position) else { throw fail(position, "invalid number") }
        while isDigit(position) { position += 1 }
      }
      if position < input.count, input[position] | 0x20 == UInt8(ascii: "e") {
        position += 1
        if position < input.count, input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-") { position += 1 }
        guard isDigit(position) else { throw fail(position, "invalid number") }
        while isDigit(position) { position += 1 }
      }
      return position
    }

    /// Scans a string body starting after the opening quote. Returns the
    /// offset of the closing quote and whether any escape occurred. Validates
    /// escapes, rejects raw control characters, and validates UTF-8.
    func scanString(_ input: UnsafeBufferPointer<UInt8>, _ start: Int) throws(ParseError) -> (Int, Bool) {
      var position = start
      var escaped = false
      let count = input.count
      let base = UnsafeRawPointer(input.baseAddress!)
      while position < count {
        // Eight plain bytes at a time (no quote, backslash, control or
        // non-ASCII byte): the common case in agent text (SWAR, "has zero
        // byte" tests on the word XORed with each special byte).
        while position + 8 <= count {
          let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
          let quote = word ^ 0x2222_2222_2222_2222
          let slash = word ^ 0x5C5C_5C5C_5C5C_5C5C
          let special = ((quote &- 0x0101_0101_0101_0101) & ~quote)
            | ((slash &- 0x0101_0101_0101_0101) & ~slash)
            | (word &- 0x2020_2020_2020_2020)
            | word
          if special & 0x8080_8080_8080_8080 != 0 { break }
          position += 8
        }
        guard position < count else { break }
        let byte = input[position]
        if byte == 0x22 { return (position, escaped) }
        if byte == 0x5C {
          escaped = true
          guard position + 1 < count else { break }
          switch input[position + 1] {
          case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
            position += 2
          case 0x75:
            guard position + 5 < count,
              isHex(input[position + 2]), isHex(input[position + 3]),
              isHex(input[position + 4]), isHex(input[position + 5])
            else { throw fail(position, "invalid \\u escape") }
            position += 6
          default:
            throw fail(position, "invalid escape")
          }
          continue
        }
        if byte < 0x20 {
          throw fail(position, byte == 0 ? "NUL byte inside a string" : "unescaped control character in a string")
        }
        if byte < 0x80 {
          position += 1
          continue
        }
        let length = UTF8Validation.sequenceLength(input, position)
        if length == 0 {
          throw ParseError(code: .invalidUTF8, offset: position, message: "invalid UTF-8 at byte \(position)")
        }
        position += length
      }
      throw fail(count, "unterminated string")
    }

    @inline(__always)
    func isHex(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }
  }
}
