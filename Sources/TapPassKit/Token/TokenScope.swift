/// Scope strings and their glob semantics (docs/token-format.md, "Scopes").
///
/// A scope is `tool:resource`, split at the first `:`; a scope without `:`
/// means every resource of the tool (`tool:**`). Both halves are globs:
/// - `*` matches any run of characters except `/`;
/// - `**` matches any run of characters, `/` included;
/// - `?` matches one character except `/`;
/// - every other character matches itself (there is no escape character).
///
/// A `--require` value is checked with the inclusion rule below: a concrete
/// value such as `read_file:/workspace/a.txt` is granted by
/// `read_file:/workspace/**`, and a required glob is granted only by a
/// scope that includes all of it.
///
/// Delegation needs more than matching: a child scope must be *included*
/// in a parent scope, i.e. every string the child glob matches, the parent
/// glob matches too. `covers` decides a sound, conservative version of
/// that: it treats the child's wildcards as symbols that only an equal or
/// wider parent wildcard may absorb (`**` ⊇ `*` ⊇ `?` ⊇ one non-`/`
/// character). It never says yes wrongly; it may say no to an exotic pair
/// that is in fact included, which is the safe direction.
public enum TokenScope {
  /// Longest accepted scope string, bounding the matcher's table.
  public static let maxLength = 256

  enum Symbol: Equatable {
    case literal(UInt8)
    case one        // ?
    case segment    // *
    case any        // **
  }

  /// Why a scope string is malformed, or nil when it is fine.
  public static func problem(_ scope: String) -> String? {
    if scope.isEmpty { return "empty scope" }
    if scope.utf8.count > maxLength { return "scope longer than \(maxLength) bytes" }
    if scope.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return "scope contains whitespace or control characters" }
    return nil
  }

  /// Whether `parent` includes every operation `child` names.
  public static func covers(_ parent: String, _ child: String) -> Bool {
    guard problem(parent) == nil, problem(child) == nil else { return false }
    let (parentTool, parentResource) = split(parent)
    let (childTool, childResource) = split(child)
    return halfCovers(parentTool, childTool) && halfCovers(parentResource, childResource)
  }

  /// One half (tool or resource). The common shapes, a literal and
  /// `literal-prefix/**`, are decided on the bytes directly; the general
  /// inclusion table is built only for other globs.
  static func halfCovers(_ parent: Substring.UTF8View, _ child: Substring.UTF8View) -> Bool {
    let wildcard = parent.firstIndex { $0 == 0x2A || $0 == 0x3F }
    guard let wildcard else { return parent.elementsEqual(child) }
    let prefix = parent[..<wildcard]
    if parent.distance(from: wildcard, to: parent.endIndex) == 2, parent[parent.index(after: wildcard)] == 0x2A {
      // `prefix**`: `**` absorbs whatever follows a literal copy of the
      // prefix (the prefix has no wildcard, so equal bytes are literals).
      return child.starts(with: prefix)
    }
    return includes(symbols(parent), symbols(child))
  }

  /// Whether some scope of `granted` covers `required`.
  public static func grants(_ granted: [String], _ required: String) -> Bool {
    granted.contains { covers($0, required) }
  }

  static func split(_ scope: String) -> (Substring.UTF8View, Substring.UTF8View) {
    let bytes = scope.utf8
    guard let colon = bytes.firstIndex(of: 0x3A) else {
      return (Substring(scope).utf8, Substring("**").utf8)
    }
    return (scope[..<colon].utf8, scope[scope.index(after: colon)...].utf8)
  }

  static func symbols(_ text: Substring.UTF8View) -> [Symbol] {
    let bytes = Array(text)
    var result: [Symbol] = []
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case 0x2A:
        if index + 1 < bytes.count, bytes[index + 1] == 0x2A {
          result.append(.any)
          index += 2
          while index < bytes.count, bytes[index] == 0x2A { index += 1 }
          continue
        }
        result.append(.segment)
      case 0x3F: result.append(.one)
      default: result.append(.literal(bytes[index]))
      }
      index += 1
    }
    return result
  }

  /// Dynamic programming over (parent position, child position):
  /// `table[i][j]` says parent[i...] includes child[j...].
  static func includes(_ parent: [Symbol], _ child: [Symbol]) -> Bool {
    let width = child.count + 1
    var table = [Bool](repeating: false, count: (parent.count + 1) * width)
    table[parent.count * width + child.count] = true
    for i in stride(from: parent.count - 1, through: 0, by: -1) {
      for j in stride(from: child.count, through: 0, by: -1) {
        let here = j < child.count ? child[j] : nil
        let advanceBoth = j < child.count && table[(i + 1) * width + j + 1]
        let advanceChild = j < child.count && table[i * width + j + 1]
        let skipParent = table[(i + 1) * width + j]
        var result: Bool
        switch parent[i] {
        case .any:
          result = skipParent || advanceChild
        case .segment:
          result = skipParent || (advanceChild && withinSegment(here, allowStar: true))
        case .one:
          result = advanceBoth && withinSegment(here, allowStar: false)
        case .literal(let byte):
          result = advanceBoth && here == .literal(byte)
        }
        table[i * width + j] = result
      }
    }
    return table[0]
  }

  /// Whether a child symbol stays inside one `/`-free segment: what a
  /// parent `*` (allowStar) or `?` may absorb.
  private static func withinSegment(_ symbol: Symbol?, allowStar: Bool) -> Bool {
    switch symbol {
    case .literal(let byte): return byte != 0x2F
    case .one: return true
    case .segment: return allowStar
    case .any, nil: return false
    }
  }
}
