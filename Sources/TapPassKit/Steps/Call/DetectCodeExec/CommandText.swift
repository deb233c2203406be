/// Where the command lines are in a field. A tool-call argument is usually
/// a JSON object (`{"command": "rm -rf /"}`): its string values are the
/// commands, so each one is parsed on its own, at its offsets in the field
/// (values with escapes are parsed from their raw bytes, which for shell
/// text differ only in the escaped quotes and backslashes).
enum CommandText {
  static func ranges(in bytes: [UInt8]) -> [Range<Int>] {
    var start = 0
    while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x09 { start += 1 }
    guard start < bytes.count, bytes[start] == 0x7B, let document = try? JSONDocument(bytes: bytes) else { return [0..<bytes.count] }
    var ranges: [Range<Int>] = []
    collect(document, 0, into: &ranges)
    return ranges
  }

  static func collect(_ document: JSONDocument, _ node: Int, into ranges: inout [Range<Int>]) {
    switch document.nodes[node].kind {
    case .string:
      let raw = document.rawRange(node)
      if raw.count >= 2 { ranges.append(raw.lowerBound + 1..<raw.upperBound - 1) }
    case .object, .array:
      for child in document.children(of: node) { collect(document, child, into: &ranges) }
    default:
      break
    }
  }
}
