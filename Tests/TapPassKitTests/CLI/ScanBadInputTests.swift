import Foundation
import Testing
@testable import TapPassKit

/// Bad input never crashes tp-scan and never loses a line: each unreadable
/// line becomes an error record at its position, and the rest is scanned.
@Suite struct ScanBadInputTests {
  let good = Array(#"{"text":"reach me at 10.1.2.3"}"#.utf8) + [0x0A]

  func errorCode(_ line: String) throws -> String? {
    let document = try JSONDocument(bytes: Array(line.utf8))
    guard let tappass = document.member("tappass", of: 0), let error = document.member("error", of: tappass) else { return nil }
    #expect(document.member("line", of: error) != nil)
    return document.member("code", of: error).flatMap { document.string($0) }
  }

  func findingCount(_ line: String) throws -> Int {
    let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    let tappass = try #require(record["tappass"] as? [String: Any])
    return try #require(tappass["findings"] as? [Any]).count
  }

  func check(_ bad: [UInt8], code: String, arguments: [String] = []) throws {
    let input = good + bad + [0x0A] + good
    let result = try ToolProcess.run("tp-scan", ["--no-progress", "--steps", "detect_infra"] + arguments, stdin: input)
    #expect(result.status == 2, "stderr: \(result.stderr)")
    let lines = result.lines
    try #require(lines.count == 3, "one output line per input line, got \(lines.count)")
    #expect(try errorCode(lines[1]) == code)
    #expect(try findingCount(lines[0]) == 1)
    #expect(try findingCount(lines[2]) == 1)
    #expect(lines[1].contains(#""line":2"#))
  }

  @Test func malformedJSON() throws { try check(Array(#"{"text": "unterminated"#.utf8), code: "malformed_json") }
  @Test func invalidUTF8() throws { try check(Array(#"{"text":"caf"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), code: "invalid_utf8") }
  @Test func rawNULByte() throws { try check(Array(#"{"text":"a"#.utf8) + [0] + Array(#"b"}"#.utf8), code: "malformed_json") }
  @Test func notAnObject() throws { try check(Array("[1,2,3]".utf8), code: "not_an_object") }
  @Test func emptyLine() throws { try check([], code: "empty_line") }
  @Test func deepNesting() throws {
    try check(Array((String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8), code: "too_deep")
  }

  @Test func hundredMegabyteLine() throws {
    var bad = Array(#"{"text":""#.utf8)
    bad.append(contentsOf: [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 20))
    bad.append(contentsOf: Array(#""}"#.utf8))
    try check(bad, code: "record_too_large")
  }

  @Test func largeLineUnderARaisedLimitIsScanned() throws {
    var line = Array(#"{"text":""#.utf8)
    line.append(contentsOf: [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20))
    line.append(contentsOf: Array(#" 10.9.8.7"}"#.utf8))
    let result = try ToolProcess.run("tp-scan", ["--no-progress", "--steps", "detect_infra", "--max-record-bytes", String(32 << 20)], stdin: line + [0x0A])
    #expect(result.status == 1)
    #expect(try findingCount(result.lines[0]) == 1)
  }

  @Test func escapesAreDecodedAndOffsetsAreIntoTheDecodedValue() throws {
    let escaped = String(repeating: #"\"\\\n\t\u00e9\ud83d\ude00"#, count: 500)
    let input = Array(#"{"text":"\#(escaped) 10.4.4.4"}"#.utf8) + [0x0A]
    let result = try ToolProcess.run("tp-scan", ["--no-progress", "--steps", "detect_infra"], stdin: input)
    #expect(result.status == 1)
    let record = try #require(try JSONSerialization.jsonObject(with: Data(result.lines[0].utf8)) as? [String: Any])
    let decoded = try #require(record["text"] as? String)
    let tappass = try #require(record["tappass"] as? [String: Any])
    let first = try #require((tappass["findings"] as? [[String: Any]])?.first)
    let start = try #require(first["start"] as? Int)
    let end = try #require(first["end"] as? Int)
    #expect(String(decoding: Array(decoded.utf8)[start..<end], as: UTF8.self) == "10.4.4.4")
  }

  @Test func emptyInputGivesNoOutputAndStatusZero() throws {
    let result = try ToolProcess.run("tp-scan", ["--no-progress"], stdin: [])
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
  }

  @Test func lastLineWithoutNewlineIsScanned() throws {
    let result = try ToolProcess.run("tp-scan", ["--no-progress", "--steps", "detect_infra"], stdin: good + Array(#"{"text":"clean"}"#.utf8))
    #expect(result.status == 1)
    #expect(result.lines.count == 2)
    #expect(try findingCount(result.lines[1]) == 0)
  }

  @Test func unknownFieldsPassThroughByteForByte() throws {
    let input = #"{"id":"r1","custom":{"x":[1,2.50,"é"]},"text":"ok"}"#
    let result = try ToolProcess.run("tp-scan", ["--no-progress"], stdin: Array(input.utf8) + [0x0A])
    #expect(result.status == 0)
    #expect(result.lines[0].hasPrefix(String(input.dropLast()) + #","tappass":"#))
  }

  @Test func usageErrorsExit64() throws {
    #expect(try ToolProcess.run("tp-scan", ["--no-such-flag"]).status == 64)
    #expect(try ToolProcess.run("tp-scan", ["--steps", "detect_nothing"]).status == 64)
  }

  @Test func brokenPipeEndsQuietly() throws {
    let script = "yes '{\"text\":\"10.0.0.1\"}' | head -n 200000 | '\(ToolProcess.binDirectory)/tp-scan' --no-progress | head -n 1 >/dev/null; echo ${PIPESTATUS[2]}"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    let pipe = Pipe()
    let errors = Pipe()
    process.standardOutput = pipe
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    let status = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(status == "0")
    #expect(!stderr.contains("error"), "stderr: \(stderr)")
  }
}
