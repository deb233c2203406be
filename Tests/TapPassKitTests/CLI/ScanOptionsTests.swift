import Foundation
import Testing
@testable import TapPassKit

/// tp-scan's options end to end: redaction, baselines, configuration
/// errors, SARIF and text reports, diffs.
@Suite struct ScanOptionsTests {
  let input = Array(#"{"id":"a","messages":[{"role":"user","content":"db at 10.1.2.3 and 10.1.2.3 again"}]}"#.utf8) + [0x0A]

  func json(_ line: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
  }

  @Test func redactReplacesValuesWithStableTokens() throws {
    let result = try ToolProcess.run("tp-scan", ["--no-progress", "--steps", "detect_infra", "--redact"], stdin: input)
    #expect(result.status == 1)
    let line = result.lines[0]
    #expect(!line.contains("10.1.2.3"))
    let record = try json(line)
    let content = try #require(((record["messages"] as? [[String: Any]])?.first?["content"]) as? String)
    let tokens = content.split(separator: " ").filter { $0.hasPrefix("[IPV4_PRIVATE:") }
    #expect(tokens.count == 2 && tokens[0] == tokens[1], "\(content)")
  }

  @Test func baselineHidesAcceptedFindings() throws {
    let baseline = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: baseline) }
    let first = try ToolProcess.run("tp-scan", ["--no-progress", "--write-baseline", baseline], stdin: input)
    #expect(first.status == 1)
    let second = try ToolProcess.run("tp-scan", ["--no-progress", "--baseline", baseline], stdin: input)
    #expect(second.status == 0, "\(second.stderr)")
    let other = Array(#"{"text":"new host 10.9.9.9"}"#.utf8) + [0x0A]
    #expect(try ToolProcess.run("tp-scan", ["--no-progress", "--baseline", baseline], stdin: other).status == 1)
  }

  @Test func fingerprintsDependOnTheKeyNotThePosition() throws {
    let moved = Array(#"{"text":"elsewhere: 10.1.2.3"}"#.utf8) + [0x0A]
    func fingerprint(_ bytes: [UInt8], key: String) throws -> String {
      let result = try ToolProcess.run("tp-scan", ["--no-progress"], stdin: bytes, environment: ["TAPPASS_FINGERPRINT_KEY": key])
      let findings = try #require((try json(result.lines[0])["tappass"] as? [String: Any])?["findings"] as? [[String: Any]])
      return try #require(findings.first?["fingerprint"] as? String)
    }
    #expect(try fingerprint(input, key: "k1") == fingerprint(moved, key: "k1"))
    #expect(try fingerprint(input, key: "k1") != fingerprint(input, key: "k2"))
  }

  @Test(arguments: [
    (#"{"steps":{"detect_infra":{"public_ipz":false}}}"#, "unknown key 'public_ipz' in steps.detect_infra"),
    (#"{"steps":{"detect_infrastructure":{}}}"#, "unknown step 'detect_infrastructure'"),
    (#"{"steps":{"detect_infra":{"threshold":2}}}"#, "threshold must be a number from 0 to 1"),
    (#"{"steps":{"detect_infra":{"on_detection":"explode"}}}"#, "on_detection must be one of"),
    (#"{"version":2}"#, "unsupported version"),
    (#"{"stepz":{}}"#, "unknown key 'stepz'"),
    ("not json", "not valid JSON"),
  ])
  func configurationErrorsNameTheProblem(config: String, message: String) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try config.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try ToolProcess.run("tp-scan", ["--no-progress", "--config", path], stdin: input)
    #expect(result.status == 2)
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
  }

  @Test func configurationChangesActionsAndOptions() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try #"{"version":1,"steps":{"detect_infra":{"on_detection":"block"}}}"#.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try ToolProcess.run("tp-scan", ["--no-progress", "--config", path], stdin: input)
    let decision = try #require((try json(result.lines[0])["tappass"] as? [String: Any])?["decision"] as? [String: Any])
    #expect(decision["action"] as? String == "block")
  }

  @Test func sarifReportLocatesFileFindings() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sarif-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("hosts.cfg").path
    try "# hosts\nprimary = 10.0.0.12\n".write(toFile: file, atomically: true, encoding: .utf8)
    let result = try ToolProcess.run("tp-scan", ["--format", "sarif", file])
    #expect(result.status == 1)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    let region = try #require((((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Any])
    #expect(region["startLine"] as? Int == 2)
    #expect(region["startColumn"] as? Int == 11)
    #expect(!String(decoding: result.stdout, as: UTF8.self).contains("10.0.0.12"))
  }

  @Test func diffModeScansOnlyAddedLinesWithNewLineNumbers() throws {
    let diff = """
      diff --git a/app.cfg b/app.cfg
      --- a/app.cfg
      +++ b/app.cfg
      @@ -1,3 +1,4 @@
       name = app
      -old = 10.0.0.1
      +new = 10.0.0.2
       keep = 10.0.0.3
      +also = 10.0.0.4

      """
    let result = try ToolProcess.run("tp-scan", ["--diff", "--steps", "detect_infra", "--format", "text"], stdin: Array(diff.utf8))
    #expect(result.status == 1)
    let lines = result.lines
    #expect(lines.count == 2, "\(lines)")
    #expect(lines.first?.hasPrefix("app.cfg:2:7:") == true)
    #expect(lines.last?.hasPrefix("app.cfg:4:8:") == true)
  }

  @Test func listStepsDescribesEveryRegisteredStep() throws {
    let result = try ToolProcess.run("tp-scan", ["--list-steps"])
    #expect(result.status == 0)
    let ids = try result.lines.map { try #require(try json($0)["id"] as? String) }
    #expect(Set(ids) == Set(StepRegistry.all.map { $0.descriptor.id }))
    for line in result.lines {
      let step = try json(line)
      #expect((step["summary"] as? String)?.isEmpty == false)
    }
  }

  @Test func exitCodeOptionOverridesTheFoundStatus() throws {
    #expect(try ToolProcess.run("tp-scan", ["--no-progress", "--exit-code", "0"], stdin: input).status == 0)
  }
}
