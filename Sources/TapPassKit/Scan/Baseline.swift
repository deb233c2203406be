/// A baseline: fingerprints of findings accepted earlier, so that only new
/// ones are reported (detect-secrets' baseline, gitleaks' ignore file).
/// Fingerprints hash the value and type, never the position, so moving code
/// does not create new findings.
///
/// Format (docs/format.md): `{"version":1,"fingerprints":["fp1:…",…]}`. A
/// tp-scan JSON Lines output is also accepted: its fingerprints are taken.
public enum Baseline {
  public static func load(path: String) throws -> Set<String> {
    let bytes = try FileBytes.readOrThrow(path: path)
    var fingerprints = Set<String>()
    if let document = try? JSONDocument(bytes: bytes), let list = document.member("fingerprints", of: 0) {
      for item in document.children(of: list) {
        guard let text = document.string(item) else { throw ToolError("\(path): fingerprints must be strings") }
        fingerprints.insert(text)
      }
      return fingerprints
    }
    // Otherwise: JSON Lines, e.g. an earlier `tp-scan` output.
    var number = 0
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
      number += 1
      guard let document = try? JSONDocument(bytes: Array(line)) else {
        throw ToolError("\(path): line \(number) is neither a baseline object nor a tp-scan record")
      }
      collect(document, 0, into: &fingerprints)
    }
    return fingerprints
  }

  static func collect(_ document: JSONDocument, _ node: Int, into set: inout Set<String>) {
    for child in document.children(of: node) {
      let kind = document.nodes[child].kind
      if kind == .string, document.nodes[node].kind == .object, document.key(child) == "fingerprint", let value = document.string(child), !value.isEmpty {
        set.insert(value)
      } else if kind == .object || kind == .array {
        collect(document, child, into: &set)
      }
    }
  }

  public static func write(_ fingerprints: Set<String>, to path: String) throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("version"); writer.int(1)
    writer.key("fingerprints")
    writer.beginArray()
    for fingerprint in fingerprints.sorted() { writer.string(fingerprint) }
    writer.endArray()
    writer.endObject()
    try FileBytes.write(writer.bytes + [0x0A], to: path)
  }
}
