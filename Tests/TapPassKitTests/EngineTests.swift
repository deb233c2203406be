import Foundation
import Testing
@testable import TapPassKit

@Suite struct EngineTests {
  let specs = [
    PatternSpec("word", "secret[0-9]+"),
    PatternSpec("anchor", ":[0-9a-f]{0,4}:", leftmostStart: false),
  ]

  func scan(_ database: HyperscanDatabase, _ text: String) -> [(id: Int, start: Int, end: Int)] {
    Array(text.utf8).withUnsafeBufferPointer { database.scan($0).matches }
  }

  @Test func mergesReportsIntoLeftmostLongestMatches() throws {
    let database = try HyperscanDatabase(patterns: specs, cacheDirectory: nil)
    let matches = scan(database, "x secret123 y :ab:cd:")
    #expect(matches.contains { $0.id == 0 && $0.start == 2 && $0.end == 11 })
    // Without start tracking, matches are empty ranges at their ends.
    #expect(matches.filter { $0.id == 1 }.allSatisfy { $0.start == $0.end })
    #expect(matches.filter { $0.id == 1 }.count == 2)
  }

  @Test func cacheIsUsedAndACorruptCacheIsRebuilt() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hs-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let first = try HyperscanDatabase(patterns: specs, cacheDirectory: directory)
    #expect(!first.loadedFromCache)
    let second = try HyperscanDatabase(patterns: specs, cacheDirectory: directory)
    #expect(second.loadedFromCache)
    for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
      try Data("garbage".utf8).write(to: URL(fileURLWithPath: directory + "/" + file))
    }
    let third = try HyperscanDatabase(patterns: specs, cacheDirectory: directory)
    #expect(!third.loadedFromCache)
    #expect(scan(third, "secret9").count == 1)
  }

  /// A deferred pattern gets its start from a second, one-pattern pass,
  /// whose database is cached on disk beside the main one.
  @Test func deferredStartsAreExactAndTheirDatabaseIsCached() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hs-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let amount = #"\$[0-9][0-9,]*(\.[0-9]+)?(k|m|bn)?"#
    let deferred = try HyperscanDatabase(patterns: [PatternSpec("amount", amount, deferredStart: true)], cacheDirectory: directory)
    let direct = try HyperscanDatabase(patterns: [PatternSpec("amount", amount)], cacheDirectory: nil)
    let text = "paid $1,200.50 then $3bn, not 45 or $"
    let found = scan(deferred, text)
    #expect(found.count == 2)
    #expect(found.map(\.start) == scan(direct, text).map(\.start))
    #expect(found.map(\.end) == scan(direct, text).map(\.end))
    let cached = try FileManager.default.contentsOfDirectory(atPath: directory + "/start")
    #expect(cached.count == 1 && cached[0].hasPrefix("hs-"))
    // Nothing to confirm, nothing compiled: a field without a match.
    #expect(scan(deferred, "no money here").isEmpty)
  }

  @Test func invalidPatternIsACompileErrorNamingThePattern() {
    #expect(throws: HyperscanDatabase.CompileError.self) {
      _ = try HyperscanDatabase(patterns: [PatternSpec("ok", "abc"), PatternSpec("bad", "a(b")], cacheDirectory: nil)
    }
  }

  @Test func resolveOverlapsKeepsTheBestCandidate() {
    let candidates = [
      Candidate(start: 0, end: 10, type: "weak", score: 0.6, severity: .low),
      Candidate(start: 2, end: 8, type: "strong", score: 0.9, severity: .high),
      Candidate(start: 12, end: 14, type: "other", score: 0.7, severity: .low),
    ]
    #expect(ScanEngine.resolveOverlaps(candidates).map(\.type) == ["strong", "other"])
  }

  /// The memchr search for `tappass:allow` agrees with the plain definition
  /// (the marker, any case, on the candidate's line) on random texts built
  /// from marker pieces, colons, line breaks and letters.
  @Test func suppressionSearchAgreesWithItsDefinition() throws {
    let engine = try ScanEngine(steps: [], cacheDirectory: nil)
    let pieces = ["tappass:allow", "TAPPASS:ALLOW", "TapPass:Allow", "tappass:", ":allow", "tappass", "allow", ":", "::", "\n", "x", "tap pass:allow", " "]
    func reference(_ bytes: [UInt8], _ candidate: Candidate) -> Bool {
      var lineStart = min(candidate.start, bytes.count)
      while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
      var lineEnd = max(candidate.end, lineStart)
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self).lowercased()
      return line.contains("tappass:allow")
    }
    var random = SeededGenerator(state: 41)
    for _ in 0..<3000 {
      let text = (0..<random.int(0...8)).map { _ in random.pick(pieces) }.joined()
      let bytes = Array(text.utf8)
      let start = random.int(0...bytes.count)
      let candidate = Candidate(start: start, end: random.int(start...bytes.count), type: "", score: 0, severity: .low)
      #expect(engine.isSuppressed(bytes, candidate) == reference(bytes, candidate), "\(text.debugDescription) at \(candidate.start)..<\(candidate.end)")
    }
  }

  @Test func previewsNeverShowMoreThanAQuarter() {
    let redactor = Redactor()
    #expect(redactor.preview(Array("ghp_abcdefghijklmnopqrstuvwxyz0123456789".utf8)) == "ghp_…[40]")
    #expect(redactor.preview(Array("hunter22".utf8)) == "hu…[8]")
    #expect(redactor.preview(Array("abc".utf8)) == "…[3]")
    #expect(redactor.preview(Array("\u{1B}[31mredtext!".utf8)).hasPrefix("?"))
    // Non-ASCII values count characters, not bytes, and show no non-ASCII.
    #expect(redactor.preview(Array("пароль-секрет-123".utf8)) == "????…[17]")
    #expect(redactor.preview(Array("e\u{301}e\u{301}e\u{301}e\u{301}".utf8)) == "?…[4]")
  }

  /// Every step's default configuration and settings, snapshotted so a
  /// changed default shows as a diff in review (set RECORD_SNAPSHOTS=1 to
  /// rewrite after an intended change).
  @Test func defaultConfigurationsMatchTheSnapshot() throws {
    var lines: [String] = []
    for type in StepRegistry.ordered {
      let step = try StepRegistry.instantiate([type.descriptor.id]).first!
      lines.append("\(step.id) position=\(step.descriptor.position) action=\(step.descriptor.defaultAction.rawValue) threshold=\(step.settings.threshold) config=\(step.configurationJSON)")
    }
    let actual = lines.joined(separator: "\n") + "\n"
    let path = URLPaths.packageRoot(#filePath) + "/Tests/TapPassKitTests/Fixtures/step-defaults.txt"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil || !FileManager.default.fileExists(atPath: path) {
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    #expect(actual == expected, "step defaults changed: review, then RECORD_SNAPSHOTS=1 swift test")
  }
}
