/// Strict reading of configuration files (policies, catalogues, health
/// files) on top of `JSONDocument`.
///
/// Every error names the file, the line and the field path, and an unknown
/// key is an error that lists the allowed ones: a typo in a policy must
/// never silently become a default. Used by Classify and Route alike.
public struct StrictJSON {
  public let document: JSONDocument
  /// The file name written in errors.
  public let source: String
  private let lineStarts: [Int]

  public init(bytes: [UInt8], source: String) throws {
    self.source = source
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
    lineStarts = starts
    do {
      document = try JSONDocument(bytes: bytes, maxDepth: 64, rejectDuplicateKeys: true)
    } catch {
      let line = Self.line(of: error.offset, in: starts)
      let what = error.code == .duplicateKey ? "duplicate key" : "not valid JSON: \(error.message)"
      throw ToolError("\(source):\(line): \(what)")
    }
  }

  public static func load(path: String) throws -> StrictJSON {
    try StrictJSON(bytes: FileBytes.readOrThrow(path: path), source: path)
  }

  static func line(of offset: Int, in starts: [Int]) -> Int {
    var low = 0, high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low + 1
  }

  /// The 1-based line of a node: its key for an object member, else its
  /// first byte.
  public func line(of node: Int) -> Int {
    let value = document.nodes[node]
    let offset = value.keyStart >= 0 ? Int(value.keyStart) : Int(value.start)
    return Self.line(of: offset, in: lineStarts)
  }

  public func error(at node: Int, _ field: String, _ message: String) -> ToolError {
    ToolError("\(source):\(line(of: node)): \(field): \(message)")
  }

  public var root: StrictObject {
    get throws {
      guard document.root.kind == .object else { throw error(at: 0, "(top level)", "must be a JSON object") }
      return StrictObject(json: self, node: 0, path: "")
    }
  }
}

/// An object inside a strict file, with typed, field-naming accessors.
public struct StrictObject {
  public let json: StrictJSON
  public let node: Int
  /// The field path of this object, e.g. `rules[2].when`; empty at the top.
  public let path: String

  public func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  public var line: Int { json.line(of: node) }

  public var document: JSONDocument { json.document }

  public func error(_ key: String, _ message: String) -> ToolError {
    json.error(at: document.member(key, of: node) ?? node, field(key), message)
  }

  /// Fails on the first key not in `allowed`, naming it and its line.
  public func allowOnly(_ allowed: [String]) throws {
    for child in document.children(of: node) {
      let key = document.key(child)
      if !allowed.contains(key) {
        throw json.error(at: child, field(key), "unknown key '\(key)' (allowed: \(allowed.joined(separator: ", ")))")
      }
    }
  }

  /// The member keys in file order.
  public var keys: [String] { document.children(of: node).map { document.key($0) } }

  public func has(_ key: String) -> Bool { document.member(key, of: node) != nil }

  public func member(_ key: String) -> Int? { document.member(key, of: node) }

  public func string(_ key: String) throws -> String? {
    guard let child = member(key) else { return nil }
    guard let value = document.string(child) else { throw error(key, "must be a string") }
    return value
  }

  public func requiredString(_ key: String) throws -> String {
    guard let value = try string(key) else { throw json.error(at: node, field(key), "is required") }
    guard !value.isEmpty else { throw error(key, "must not be empty") }
    return value
  }

  public func number(_ key: String) throws -> Double? {
    guard let child = member(key) else { return nil }
    guard let value = document.number(child) else { throw error(key, "must be a number") }
    return value
  }

  public func bool(_ key: String) throws -> Bool? {
    guard let child = member(key) else { return nil }
    guard let value = document.bool(child) else { throw error(key, "must be true or false") }
    return value
  }

  public func level(_ key: String) throws -> ClassificationLevel? {
    guard let name = try string(key) else { return nil }
    guard let level = ClassificationLevel(name: name) else {
      throw error(key, "unknown level '\(name)' (levels: \(ClassificationLevel.allNames))")
    }
    return level
  }

  public func stringArray(_ key: String) throws -> [String]? {
    guard let child = member(key) else { return nil }
    guard document.nodes[child].kind == .array else { throw error(key, "must be an array of strings") }
    return try document.children(of: child).map { element in
      guard let value = document.string(element) else {
        throw json.error(at: element, field(key), "must be an array of strings")
      }
      return value
    }
  }

  public func object(_ key: String) throws -> StrictObject? {
    guard let child = member(key) else { return nil }
    guard document.nodes[child].kind == .object else { throw error(key, "must be an object") }
    return StrictObject(json: json, node: child, path: field(key))
  }

  /// The elements of an array member that must all be objects.
  public func objects(_ key: String) throws -> [StrictObject] {
    guard let child = member(key) else { return [] }
    guard document.nodes[child].kind == .array else { throw error(key, "must be an array of objects") }
    var result: [StrictObject] = []
    for (index, element) in document.children(of: child).enumerated() {
      let path = "\(field(key))[\(index)]"
      guard document.nodes[element].kind == .object else { throw json.error(at: element, path, "must be an object") }
      result.append(StrictObject(json: json, node: element, path: path))
    }
    return result
  }

  /// A `{"name": "LEVEL", …}` table. `IGNORE` maps to nil: the name then
  /// contributes nothing (used to switch a built-in marker off).
  public func levelTable(_ key: String) throws -> [(name: String, level: ClassificationLevel?, line: Int)] {
    guard let table = try object(key) else { return [] }
    return try table.keys.map { name in
      guard let value = try table.string(name) else { throw table.error(name, "must be a level name") }
      if value == "IGNORE" { return (name, nil, json.line(of: table.member(name)!)) }
      guard let level = ClassificationLevel(name: value) else {
        throw table.error(name, "unknown level '\(value)' (levels: \(ClassificationLevel.allNames), or IGNORE)")
      }
      return (name, level, json.line(of: table.member(name)!))
    }
  }
}
