import Foundation

/// Files and diffs scanned for pre-commit use. Each becomes one text field
/// (role `file`); a line map turns finding offsets back into line numbers of
/// the real file, so a diff's added lines report their new line numbers.
public struct SourceText: Sendable {
  public var path: String
  public var bytes: [UInt8]
  /// For each line of `bytes`: its start offset and its line number in the
  /// file. Empty means "line n of bytes is line n of the file".
  public var lineStarts: [(offset: Int, line: Int)] = []

  /// The 1-based line and code-point column of a byte offset.
  public func position(of offset: Int) -> (line: Int, column: Int) {
    var lineStart = offset
    while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
    if lineStarts.isEmpty {
      var line = 1
      for index in 0..<lineStart where bytes[index] == 0x0A { line += 1 }
      return (line, column)
    }
    var low = 0, high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle].offset <= offset { low = middle } else { high = middle - 1 }
    }
    return (lineStarts[low].line, column)
  }
}

public enum SourceFiles {
  /// Reads a file; nil for binary files (a NUL byte in the first 8 KiB),
  /// which pre-commit scanners skip.
  public static func read(path: String) throws -> SourceText? {
    let bytes = try FileBytes.readOrThrow(path: path)
    if bytes.prefix(8192).contains(0) { return nil }
    return SourceText(path: path, bytes: bytes)
  }

  /// The added lines of a unified diff, grouped by new file path.
  public static func fromDiff(_ diff: [UInt8]) -> [SourceText] {
    var files: [SourceText] = []
    var current: SourceText?
    var newLine = 0
    func flush() {
      if let file = current, !file.lineStarts.isEmpty { files.append(file) }
      current = nil
    }
    for rawLine in diff.split(separator: 0x0A, omittingEmptySubsequences: false) {
      let line = Array(rawLine)
      if line.starts(with: Array("+++ ".utf8)) {
        flush()
        var name = String(decoding: line.dropFirst(4), as: UTF8.self)
        if let tab = name.firstIndex(of: "\t") { name = String(name[..<tab]) }
        if name.hasPrefix("b/") { name.removeFirst(2) }
        if name != "/dev/null" { current = SourceText(path: name, bytes: []) }
        continue
      }
      if line.starts(with: Array("@@ ".utf8)) {
        // @@ -a,b +c,d @@: the new side starts at line c.
        let text = String(decoding: line, as: UTF8.self)
        if let plus = text.split(separator: " ").first(where: { $0.hasPrefix("+") }) {
          newLine = Int(plus.dropFirst().split(separator: ",").first ?? "1") ?? 1
        }
        continue
      }
      guard current != nil else { continue }
      if line.first == UInt8(ascii: "+") {
        current!.lineStarts.append((current!.bytes.count, newLine))
        current!.bytes.append(contentsOf: line.dropFirst())
        current!.bytes.append(0x0A)
        newLine += 1
      } else if line.first == UInt8(ascii: " ") {
        newLine += 1
      }
    }
    flush()
    return files
  }

  /// The added lines of the staged changes (`git diff --cached`).
  public static func gitStaged() throws -> [SourceText] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "diff", "--cached", "--no-color", "--no-ext-diff", "--unified=0", "--diff-filter=ACMR"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { throw ToolError("cannot run git: \(error.localizedDescription)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ToolError("git diff --cached failed (status \(process.terminationStatus)); is this a git repository?") }
    return fromDiff(Array(data))
  }
}
