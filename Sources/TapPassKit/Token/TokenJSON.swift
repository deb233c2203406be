/// The JSON reading tokens need, on top of `JSONDocument`, tuned for the
/// verify hot path (a token has two small objects and is read once):
/// strings are built straight from the document's bytes when unescaped
/// (no intermediate arrays), and duplicate keys are found by comparing
/// byte ranges pairwise, which for a dozen keys is several times cheaper
/// than hashing each key into a set.
enum TokenJSON {
  /// Objects larger than this use `JSONDocument`'s set-based duplicate check.
  static let pairwiseLimit = 48

  /// Parses one JSON object with unique keys, mapping parser errors to
  /// rejection reasons.
  static func parseObject(_ bytes: [UInt8], depth: Int, what: String) throws(TokenRejection) -> JSONDocument {
    var document: JSONDocument
    do {
      document = try JSONDocument(bytes: bytes, maxDepth: depth)
      if !hasUniqueKeys(document) {
        // Let the core report it (and double-check) with its own rule.
        document = try JSONDocument(bytes: bytes, maxDepth: depth, rejectDuplicateKeys: true)
      }
    } catch {
      let reason: TokenRejection.Reason
      switch error.code {
      case .invalidUTF8: reason = .invalidUTF8
      case .duplicateKey: reason = .duplicateKey
      case .tooDeep: reason = .tooDeep
      default: reason = .badJSON
      }
      throw TokenRejection(reason, "\(what): \(error.message)")
    }
    guard document.root.kind == .object else { throw TokenRejection(.badJSON, "\(what) is not a JSON object") }
    return document
  }

  /// False when some object has two members with the same (decoded) key,
  /// or is too large for the pairwise check.
  static func hasUniqueKeys(_ document: JSONDocument) -> Bool {
    var members: [Int] = []
    for (index, node) in document.nodes.enumerated() where node.kind == .object && node.count > 1 {
      if node.count > pairwiseLimit { return false }
      members.removeAll(keepingCapacity: true)
      for child in document.children(of: index) { members.append(child) }
      for i in 1..<members.count {
        for j in 0..<i where sameKey(document, members[i], members[j]) { return false }
      }
    }
    return true
  }

  private static func sameKey(_ document: JSONDocument, _ a: Int, _ b: Int) -> Bool {
    let left = document.nodes[a], right = document.nodes[b]
    if left.keyHasEscapes || right.keyHasEscapes { return document.keyBytes(a) == document.keyBytes(b) }
    let length = Int(left.keyEnd - left.keyStart)
    guard length == Int(right.keyEnd - right.keyStart) else { return false }
    return document.bytes[Int(left.keyStart)..<Int(left.keyEnd)]
      .elementsEqual(document.bytes[Int(right.keyStart)..<Int(right.keyEnd)])
  }

  /// A member's key; claim names fit Swift's inline small strings, so
  /// this does not allocate.
  static func name(_ document: JSONDocument, _ member: Int) -> String {
    let node = document.nodes[member]
    if node.keyHasEscapes { return document.key(member) }
    return String(decoding: document.bytes[Int(node.keyStart)..<Int(node.keyEnd)], as: UTF8.self)
  }

  /// A string value, or a `badJSON` rejection naming `what`.
  static func string(_ document: JSONDocument, _ node: Int, _ what: String) throws(TokenRejection) -> String {
    let value = document.nodes[node]
    guard value.kind == .string else { throw TokenRejection(.badJSON, "\(what) must be a string") }
    if value.isEscapedString { return document.string(node)! }
    return String(decoding: document.bytes[Int(value.start)..<Int(value.end)], as: UTF8.self)
  }

  static func optionalString(_ document: JSONDocument, _ name: String) throws(TokenRejection) -> String? {
    guard let node = document.member(name, of: 0) else { return nil }
    return try string(document, node, name)
  }
}
