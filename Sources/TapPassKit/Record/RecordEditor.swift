/// Adds a tool's section to a record without re-serialising the rest.
///
/// The output of every tool is the input record, byte for byte, with one
/// member added to (or replaced in) the top-level `tappass` object. That is
/// what lets `tp-scan | tp-classify | tp-route` compose: each tool reads the
/// sections of the tools before it and appends its own.
public enum RecordEditor {
  /// The schema version of the `tappass` object (docs/format.md).
  public static let schemaVersion = 1

  /// Returns `document` with `tappass.<name>` set to `value` (serialised
  /// JSON). Creates the `tappass` object when absent. Other edits (redacted
  /// string values) can be passed as byte-range replacements, which must not
  /// overlap and must lie outside an existing `tappass` object.
  public static func setSection(
    _ name: String, to value: [UInt8], in document: JSONDocument,
    replacements: [(range: Range<Int>, bytes: [UInt8])] = []
  ) -> [UInt8] {
    setSections([(name, value)], in: document, replacements: replacements)
  }

  public static func setSections(
    _ sections: [(name: String, value: [UInt8])], in document: JSONDocument,
    replacements: [(range: Range<Int>, bytes: [UInt8])] = []
  ) -> [UInt8] {
    let input = document.bytes
    var edits = replacements
    if let tappass = document.member("tappass", of: 0), document.nodes[tappass].kind == .object {
      // Replace existing members with the same names, append the others.
      var appended: [UInt8] = []
      // Sized once: growing it member by member reallocated it per record.
      appended.reserveCapacity(sections.reduce(0) { $0 + $1.name.utf8.count + $1.value.count + 4 })
      for (name, value) in sections {
        if let existing = document.member(name, of: tappass) {
          edits.append((document.rawRange(existing), value))
        } else {
          appended.append(0x2C)
          JSONString.appendQuoted(Array(name.utf8), to: &appended)
          appended.append(0x3A)
          appended.append(contentsOf: value)
        }
      }
      if !appended.isEmpty {
        let close = Int(document.nodes[tappass].end) - 1
        if document.nodes[tappass].count == 0 { appended.removeFirst() }
        edits.append((close..<close, appended))
      }
    } else {
      let existing = document.member("tappass", of: 0)
      // A new member goes before the root's closing brace, after a comma
      // when the root has members; the object is built in place there.
      var object: [UInt8] = []
      object.reserveCapacity(32 + sections.reduce(0) { $0 + $1.name.utf8.count + $1.value.count + 4 })
      if existing == nil {
        if document.root.count > 0 { object.append(0x2C) }
        object.append(contentsOf: #""tappass":"#.utf8)
      }
      object.append(contentsOf: "{\"version\":\(schemaVersion)".utf8)
      for (name, value) in sections {
        object.append(0x2C)
        JSONString.appendQuoted(name.utf8, to: &object)
        object.append(0x3A)
        object.append(contentsOf: value)
      }
      object.append(0x7D)
      if let existing {
        // A non-object `tappass` from upstream is replaced, not trusted.
        edits.append((document.rawRange(existing), object))
      } else {
        let close = Int(document.root.end) - 1
        edits.append((close..<close, object))
      }
    }
    return apply(edits, to: input, trimmingTo: document.rawRange(0))
  }

  /// Applies sorted, non-overlapping edits and drops surrounding whitespace
  /// and any trailing carriage return, so every output line is compact at
  /// its ends.
  static func apply(_ edits: [(range: Range<Int>, bytes: [UInt8])], to input: [UInt8], trimmingTo valueRange: Range<Int>) -> [UInt8] {
    // Most records get one edit (the section added at the end), which
    // needs no sorted copy.
    let sorted = edits.count < 2 ? edits : edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
    var output: [UInt8] = []
    output.reserveCapacity(input.count + sorted.reduce(0) { $0 + $1.bytes.count } + 1)
    var cursor = valueRange.lowerBound
    for edit in sorted {
      output.append(contentsOf: input[cursor..<edit.range.lowerBound])
      output.append(contentsOf: edit.bytes)
      cursor = edit.range.upperBound
    }
    output.append(contentsOf: input[cursor..<valueRange.upperBound])
    return output
  }

  /// An error record for a line that could not be read. It carries no byte
  /// of the input (which may hold secrets), and `action: block` so that a
  /// downstream enforcer fails closed.
  public static func errorRecord(line: Int, code: String, message: String, tool: String) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("tappass")
    writer.beginObject()
    writer.key("version"); writer.int(schemaVersion)
    writer.key("error")
    writer.beginObject()
    writer.key("line"); writer.int(line)
    writer.key("code"); writer.string(code)
    writer.key("message"); writer.string(message)
    writer.key("tool"); writer.string(tool)
    writer.key("action"); writer.string("block")
    writer.endObject()
    writer.endObject()
    writer.endObject()
    return writer.bytes
  }
}
