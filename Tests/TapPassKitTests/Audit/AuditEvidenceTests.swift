import Testing
@testable import TapPassKit

/// Evidence bundles verify offline, and any edit to them is caught.
@Suite struct AuditEvidenceTests {
  static func bundle(agent: String? = nil) throws -> (bytes: [UInt8], key: Ed25519PrivateKey, directory: String) {
    let directory = AuditTestSupport.temporaryDirectory()
    let store = try AuditTestSupport.makeStore(at: directory + "/audit.db", count: 40)
    let key = try Ed25519PrivateKey.generate()
    let bytes = try EvidenceBundle.build(
      store: store, log: try store.requireLog(org: nil),
      selection: .init(from: 0, to: 4_102_444_800_000, agent: agent), key: key, now: 5)
    return (bytes, key, directory)
  }

  func verify(_ bytes: [UInt8], key: Ed25519PrivateKey? = nil) throws -> EvidenceBundle.Verdict {
    try EvidenceBundle.verify(try JSONDocument(bytes: bytes, maxDepth: 10_000), pinnedKey: key?.publicKey)
  }

  func edited(_ bytes: [UInt8], _ old: String, _ new: String) -> [UInt8] {
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains(old), "fixture lacks \(old)")
    return Array(text.replacingOccurrences(of: old, with: new).utf8)
  }

  @Test func bundleVerifiesOfflineWithAndWithoutPin() throws {
    let (bytes, key, directory) = try Self.bundle()
    defer { AuditTestSupport.removeDirectory(directory) }
    #expect(try verify(bytes).valid)
    #expect(try verify(bytes, key: key).entries == 40)
    #expect(try !verify(bytes, key: try Ed25519PrivateKey.generate()).valid)
  }

  @Test func agentFilteredBundle() throws {
    let (bytes, _, directory) = try Self.bundle(agent: "agent-1")
    defer { AuditTestSupport.removeDirectory(directory) }
    let verdict = try verify(bytes)
    #expect(verdict.valid && verdict.entries == 10)
  }

  @Test func timeRangeSelectsExactlyTheEntriesInside() throws {
    let directory = AuditTestSupport.temporaryDirectory()
    defer { AuditTestSupport.removeDirectory(directory) }
    let store = try AuditStore(path: directory + "/audit.db", access: .write(sync: .normal))
    let appender = try AuditAppender(store: store)
    for batch in 0..<10 {
      appender.clock = { Int64(1_000 * batch) }
      let items = try (0..<5).map { index in
        AuditAppender.Item(org: "acme", agent: "a", record: try Canonicalizer.canonicalize(try JSONDocument(bytes: AuditTestSupport.record(batch * 5 + index))))
      }
      _ = try appender.append(items)
    }
    let key = try Ed25519PrivateKey.generate()
    let bytes = try EvidenceBundle.build(store: store, log: try store.requireLog(org: nil),
                                         selection: .init(from: 2_000, to: 4_500, agent: nil), key: key, now: 9)
    let verdict = try verify(bytes, key: key)
    #expect(verdict.valid && verdict.entries == 15)  // times 2000, 3000, 4000
    #expect(String(decoding: bytes, as: UTF8.self).contains(#"{"index":10,"#))
    #expect(!String(decoding: bytes, as: UTF8.self).contains(#"{"index":9,"#))
  }

  @Test func editsAreDetected() throws {
    let (bytes, _, directory) = try Self.bundle()
    defer { AuditTestSupport.removeDirectory(directory) }
    let edits: [(String, String)] = [
      ("entry number 17 ", "entry number 71 "),          // entry content
      (#""entry_count":40"#, #""entry_count":39"#),       // manifest
      (#""org":"acme","size":40"#, #""org":"acme","size":41"#),  // checkpoint
      (#""agent":null"#, #""agent":"agent-1""#),          // manifest selection
    ]
    for (old, new) in edits {
      #expect(try !verify(edited(bytes, old, new)).valid, "\(old) → \(new)")
    }
    // Dropping one entry from the list breaks contiguity or the manifest.
    let text = String(decoding: bytes, as: UTF8.self)
    let start = try #require(text.range(of: #"{"index":5,"#))
    let end = try #require(text.range(of: #"{"index":6,"#))
    let dropped = String(text[..<start.lowerBound]) + String(text[end.lowerBound...])
    let verdict = try verify(Array(dropped.utf8))
    #expect(!verdict.valid)
  }

  @Test(arguments: [
    ("0", Int64(0)),
    ("1700000000000", 1_700_000_000_000),
    ("1970-01-01T00:00:00Z", 0),
    ("2026-03-06T12:00:00Z", 1_772_798_400_000),
    ("2026-03-06T12:00:00.25Z", 1_772_798_400_250),
    ("2026-03-06T13:30:00+01:30", 1_772_798_400_000),
    ("2000-02-29T23:59:59.999Z", 951_868_799_999),
  ])
  func parsesTimes(text: String, expected: Int64) {
    #expect(AuditTime.parse(text) == expected)
  }

  @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "2026-03-06T12:00:00", "2026-03-06T12:00:00.Z", "-5"])
  func rejectsBadTimes(text: String) {
    #expect(AuditTime.parse(text) == nil)
  }
}
