import Foundation
import Testing
@testable import TapPassKit

/// SIEM exports: CEF escaping per the ArcSight spec, redaction of every
/// located finding in every format, HMAC lines, and live --follow.
@Suite struct AuditExportTests {
  // MARK: CEF escaping (ArcSight CEF rev 25, "Character encoding")

  @Test(arguments: [
    ("plain", "plain"),
    (#"a|b"#, #"a\|b"#),
    (#"C:\dir"#, #"C:\\dir"#),
    (#"x\|y"#, #"x\\\|y"#),
    ("a=b", "a=b"),
    ("two\nlines", "two lines"),
  ])
  func headerEscaping(input: String, expected: String) {
    #expect(CEF.escapeHeader(input) == expected)
  }

  @Test(arguments: [
    ("plain", "plain"),
    ("a=b", #"a\=b"#),
    (#"C:\dir"#, #"C:\\dir"#),
    ("a|b", "a|b"),
    ("line1\nline2", #"line1\nline2"#),
    ("cr\rhere", #"cr\rhere"#),
    (#"\="#, #"\\\="#),
  ])
  func extensionEscaping(input: String, expected: String) {
    #expect(CEF.escapeExtension(input) == expected)
  }

  @Test func cefLineLayout() {
    let line = CEF.line(signatureID: "tappass:block", name: "Agent|x", severity: 12, extensions: [("act", "block"), ("msg", "a=b\nc")])
    #expect(line == #"CEF:0|TapPass|tp-audit|\#(TapPassVersion.string)|tappass:block|Agent\|x|10|act=block msg=a\=b\nc"#)
  }

  // MARK: Redaction

  static let secretRecords: [(record: String, secrets: [String])] = [
    (#"{"agent_id":"bot","messages":[{"role":"user","content":"mail jane.doe@example.com now"}],"tappass":{"action":"redact","findings":[{"step":"detect_pii","type":"email","path":"messages[0].content","start":5,"end":25,"value":"jane.doe@example.com","preview":"jane.doe@example.com"}]}}"#,
     ["jane.doe@example.com", "jane.doe"]),
    // Multibyte text before the span: offsets are bytes of the decoded string.
    (#"{"text":"é😀 token ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 end","tappass":{"findings":[{"step":"detect_secrets","type":"github_token","path":"text","start":13,"end":53}]}}"#,
     ["ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "ABCDEFGHIJ"]),
    // Escaped JSON in the stored form.
    (#"{"text":"line\n\"AKIAABCDEFGHIJKLMNOP\"","tappass":{"findings":[{"step":"detect_secrets","type":"aws_key","path":"text","start":6,"end":26}]}}"#,
     ["AKIAABCDEFGHIJKLMNOP"]),
    // Offsets that do not fit: the whole string goes.
    (#"{"text":"ssn 123-45-6789","tappass":{"findings":[{"step":"detect_pii","type":"ssn","path":"text","start":4,"end":400}]}}"#,
     ["123-45-6789"]),
    // Unknown path: every string outside tappass goes.
    (#"{"a":"4111 1111 1111 1111","b":{"c":"sk_live_abcdefghijklmnop"},"tappass":{"findings":[{"step":"detect_pii","type":"card","path":"zz","start":0,"end":4}]}}"#,
     ["4111 1111 1111 1111", "sk_live_abcdefghijklmnop"]),
  ]

  @Test func redactsLocatedSpansExactly() throws {
    let document = try JSONDocument(bytes: Array(Self.secretRecords[0].record.utf8))
    let redacted = String(decoding: ExportRedactor.redact(document), as: UTF8.self)
    #expect(redacted.contains(#""content":"mail [REDACTED:email] now""#))
    #expect(!redacted.contains("preview") && !redacted.contains("\"value\""))
    let multibyte = try JSONDocument(bytes: Array(Self.secretRecords[1].record.utf8))
    #expect(String(decoding: ExportRedactor.redact(multibyte), as: UTF8.self).contains(#""text":"é😀 token [REDACTED:github_token] end""#))
  }

  @Test(arguments: AuditExporter.Format.allCases)
  func noSecretLeavesInAnyFormat(format: AuditExporter.Format) throws {
    let exporter = try AuditExporter(format: format, hmacKey: try .init(bytes: Array(repeating: 7, count: 32)))
    for (index, sample) in Self.secretRecords.enumerated() {
      let document = try JSONDocument(bytes: Array(sample.record.utf8))
      let entry = AuditStore.Entry(seq: index, time: 1_700_000_000_000, agent: "bot",
                                   record: try Canonicalizer.canonicalize(document),
                                   leafHash: Array(repeating: 1, count: 32), chainHash: Array(repeating: 2, count: 32))
      let line = String(decoding: try exporter.line(org: "acme", entry: entry), as: UTF8.self)
      for secret in sample.secrets {
        #expect(!line.contains(secret), "\(format) leaks \(secret)")
      }
      #expect(line.contains("REDACTED"))
    }
  }

  @Test func hmacLinesVerify() throws {
    let key = try AuditExporter.HMACKey(bytes: Array("0123456789abcdef0123456789abcdef".utf8))
    let exporter = try AuditExporter(format: .jsonlHMAC, hmacKey: key)
    let entry = AuditStore.Entry(seq: 3, time: 42, agent: "bot", record: Array(#"{"a":1}"#.utf8),
                                 leafHash: Array(repeating: 9, count: 32), chainHash: [])
    let line = try exporter.line(org: "acme", entry: entry)
    let document = try JSONDocument(bytes: line)
    let hmacNode = try #require(document.member("hmac", of: 0))
    let macText = try #require(document.string(hmacNode))
    let mac = try #require(Hex.decode(macText))
    // Receiver: drop "hmac", canonicalise the rest, check the MAC.
    var body = RecordEditor.apply([(document.rawRange(hmacNode).lowerBound - #","hmac":"#.utf8.count..<document.rawRange(hmacNode).upperBound, [])],
                                  to: document.bytes, trimmingTo: document.rawRange(0))
    body = try Canonicalizer.canonicalize(try JSONDocument(bytes: body))
    #expect(TPCrypto.HMACSHA256.isValidAuthenticationCode(mac, for: body, key: key.bytes))
    #expect(!TPCrypto.HMACSHA256.isValidAuthenticationCode(mac, for: body + [0x20], key: key.bytes))
    #expect(document.string(try #require(document.member("key_id", of: 0))) == key.keyID)
    #expect(throws: ToolError.self) { try AuditExporter(format: .jsonlHMAC) }
  }

  @Test func followStreamsNewEntries() throws {
    let directory = AuditTestSupport.temporaryDirectory()
    defer { AuditTestSupport.removeDirectory(directory) }
    let db = directory + "/audit.db"
    let first = directory + "/a.jsonl"
    let second = directory + "/b.jsonl"
    AuditTestSupport.writeRecords(first, count: 3)
    AuditTestSupport.writeRecords(second, count: 4, offset: 3)
    #expect(try AuditTestSupport.run(["append", "--db", db, first]).status == 0)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: AuditTestSupport.binary)
    process.arguments = ["export", "--db", db, "--format", "cef", "--follow", "--poll-interval", "20", "--stop-after", "7"]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    usleep(300_000)
    #expect(try AuditTestSupport.run(["append", "--db", db, second]).status == 0)
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 7)
    #expect(lines.last?.contains("cn1=6") == true)
  }
}
