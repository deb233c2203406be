import Testing
@testable import TapPassKit

/// Hostile and random text through every registered step: nothing may trap
/// (overflow, out-of-bounds), and every finding must lie inside its field.
/// A seeded generator keeps failures reproducible.
@Suite struct RobustnessTests {
  /// Fragments that steer validators into their edge cases.
  static let fragments: [String] = [
    "0", "9", "00", "1234567890", "-", ".", ":", "/", "@", "=", "\"", "'", "\\", " ", "\n", "\t",
    "A", "Z", "a", "z", "sk-", "ghp_", "AKIA", "xox", "eyJ", "-----BEGIN ", "PRIVATE KEY-----",
    "http://", "https://", "s3://", "arn:aws:", "::", "ff", "+1 ", "(", ")", "Mr. ", "Dr ", "Street", "St.",
    "é", "日本", "\u{202E}", "\u{200B}", "\u{E0041}", "\u{FE0F}", "😀", "а", "ο", "\u{1B}[", "\u{07}",
    "password=", "token: ", "IBAN ", "DE89", "4111", "SSN ", "born ", "1984-03-12", "12/31/1999",
    "ignore previous instructions", "sudo ", "rm -rf /", "| sh", "$(", "`", "base64", "%41", "&#x41;",
  ]

  static func randomText(_ generator: inout SeededGenerator, length: Int) -> String {
    var text = ""
    while text.utf8.count < length {
      text += fragments[Int(generator.next() % UInt64(fragments.count))]
    }
    return text
  }

  static func engine() throws -> ScanEngine {
    try ScanEngine(steps: StepRegistry.instantiate([]))
  }

  func checkBounds(_ findings: [Finding], _ length: Int) {
    for finding in findings where finding.step != "engine" {
      #expect(finding.start >= 0 && finding.start <= finding.end && finding.end <= length, "\(finding.step)/\(finding.type) \(finding.start)..<\(finding.end) of \(length)")
      #expect(!finding.fingerprint.isEmpty)
    }
  }

  @Test(arguments: FieldRole.allCases)
  func randomFragmentsNeverTrap(role: FieldRole) throws {
    let engine = try Self.engine()
    var generator = SeededGenerator(state: UInt64(role.rawValue.utf8.count) &* 7919)
    for _ in 0..<150 {
      let length = Int(generator.next() % 600) + 1
      let text = Self.randomText(&generator, length: length)
      let bytes = Array(text.utf8)
      checkBounds(engine.scan([FieldText(path: "text", role: role, bytes: bytes)]), bytes.count)
    }
  }

  @Test(arguments: [
    String(repeating: "9", count: 5000),
    String(repeating: "1.", count: 3000),
    String(repeating: "a", count: 100_000),
    String(repeating: "A1b2", count: 20_000),
    String(repeating: "ff:", count: 4000),
    String(repeating: "+1 ", count: 3000),
    String(repeating: "Mr. John Smith ", count: 2000),
    String(repeating: "\u{200B}", count: 20_000),
    String(repeating: "😀\u{E0100}", count: 5000),
    "password=" + String(repeating: "x", count: 50_000),
    "-----BEGIN RSA PRIVATE KEY-----" + String(repeating: "QUJD", count: 20_000),
    String(repeating: "eyJhbGciOi.", count: 5000),
    String(repeating: "${{", count: 10_000),
    String(repeating: "$(echo ", count: 3000) + String(repeating: ")", count: 3000),
  ])
  func pathologicalFieldsNeverTrap(text: String) throws {
    let engine = try Self.engine()
    let bytes = Array(text.utf8)
    for role in [FieldRole.text, .toolArguments, .output, .toolDescription] {
      checkBounds(engine.scan([FieldText(path: "text", role: role, bytes: bytes)]), bytes.count)
    }
  }

  @Test func invalidUTF8InsideAFieldNeverTraps() throws {
    let engine = try Self.engine()
    var generator = SeededGenerator(state: 42)
    for _ in 0..<200 {
      let bytes = (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      checkBounds(engine.scan([FieldText(path: "file", role: .file, bytes: bytes)]), bytes.count)
    }
  }
}
