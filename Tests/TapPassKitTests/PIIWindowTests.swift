import Testing
@testable import TapPassKit

/// detect_pii reads names, addresses and letter-and-digit ids only in
/// windows of tokens around seeds (`NameSeeds`, `TokenWindows`); reading
/// the whole field must find exactly the same. Random texts built from the
/// words and signs those rules react to (names, cues, titles, street words,
/// numbers, apostrophes, hyphens, non-ASCII letters, line breaks) are
/// inspected both ways and compared, for several configurations.
@Suite struct PIIWindowTests {
  static let words: [String] = [
    "John", "Maria", "Smith", "Gonzalez", "Miller", "Anne-Marie", "O'Neil", "Emily", "Will", "May", "Grant", "Jordan",
    "Sjöberg", "Émile", "Lépicier", "Fleischer", "Mcintosh", "Brabec", "Sultygov", "olga", "janice", "krylova", "hurst",
    "Dear", "Mr.", "Dr.", "dr.", "Mrs", "Professor.", "Prof", "Contact", "contact", "Thanks", "by", "with", "says",
    "said", "friend", "my", "name", "Name", "is", "I", "I'm", "am", "call", "calls", "me", "and", "And", "van", "de",
    "la", "the", "The", "a", "report", "Report", "Service", "Table", "Agent", "Config", "team", "Team", "IBAN", "SSN",
    "API", "MyComponent", "iPhone", "Street", "St", "Rd", "Avenue", "Via", "Rue", "Hauptstraße", "Søndergade", "tér",
    "Apt.", "Suite", "Box", "PO", "APO", "AA", "CA", "IL", "Japan", "zip", "code", "postcode", "12", "221", "5", "94105",
    "62704", "1600", "SW1A", "1AA", "4111", "1111", "536-22-1234", "RCCMNL83S18D969H", "CACA", "580710", "NF7",
    "DE89", "3704", "+1", "415-555-0132", "日本語", "café", "naïve", "Paris", "Monday", "March", "Smith's", "Johns",
    "Processing", "Writing", "Farms", "shouted", "replied",
  ]
  static let gaps: [String] = [" ", " ", " ", " ", " ", ", ", ". ", ": ", "? ", "! ", "\n", " - ", "  ", "'", "-", ".", " (", ") ", "\"", " — ", "\t"]

  static let filler = ["value", "report", "the", "table", "policy", "of", "agent", "timeout", "review", "draft"]
  static let cues = ["Dr.", "dr.", "Mr", "Mrs.", "Dear", "Contact", "thanks,", "by", "says", "my friend", "name:", "my name is", "call me", "Smith and"]
  static let names = ["Smith", "Hansen", "John", "Maria Gonzalez", "hurst", "janice", "olga krylova", "Sultygov", "Miller", "Émile"]

  /// Prose with a sentence start now and then and the words above sprinkled
  /// in: sparse enough for the windows to part.
  static func text(_ generator: inout SeededGenerator) -> String {
    var text = "Report"
    let count = Int(generator.next() % 300) + 60
    for _ in 0..<count {
      text += generator.next() % 8 == 0 ? gaps[Int(generator.next() % UInt64(gaps.count))] : " "
      switch generator.next() % 90 {
      case 0: text += words[Int(generator.next() % UInt64(words.count))]
      case 1: text += words[Int(generator.next() % UInt64(words.count))] + " " + words[Int(generator.next() % UInt64(words.count))]
      case 2, 3: text += ". Metric"
      case 4: text += cues[Int(generator.next() % UInt64(cues.count))] + " " + names[Int(generator.next() % UInt64(names.count))]
      default: text += filler[Int(generator.next() % UInt64(filler.count))]
      }
    }
    return text
  }

  static func described(_ found: DetectPIIStep.TokenFindings) -> [String] {
    (found.ids + found.names + found.addresses).map { "\($0.start)-\($0.end) \($0.type) \($0.score) \($0.reasons)" }.sorted()
  }

  static let configurations: [String: DetectPIIStep.Configuration] = {
    var names = DetectPIIStep.Configuration()
    names.types = ["person"]
    var addresses = DetectPIIStep.Configuration()
    addresses.types = ["address", "national_id"]
    var strict = DetectPIIStep.Configuration()
    strict.nameMinScore = 0.9
    return ["default": DetectPIIStep.Configuration(), "names": names, "addresses and ids": addresses, "name score 0.9": strict]
  }()

  @Test(arguments: ["default", "names", "addresses and ids", "name score 0.9"])
  func windowsFindWhatTheWholeFieldHas(configuration: String) throws {
    let step = DetectPIIStep(configuration: try #require(Self.configurations[configuration]))
    let database = try HyperscanDatabase(patterns: DetectPIIStep.patterns, cacheDirectory: nil)
    var generator = SeededGenerator(state: 20_261_124)
    var windowed = 0
    let texts = 3_000
    for _ in 0..<texts {
      let text = Self.text(&generator)
      let bytes = Array(text.utf8)
      let same: Bool = bytes.withUnsafeBufferPointer { buffer in
        let matches = database.scan(buffer).matches.map { PatternMatch(pattern: $0.id, start: $0.start, end: $0.end) }
        guard let found = step.windowed(buffer, cues: DetectPIIStep.cues(matches)) else { return true }
        windowed += 1
        return Self.described(found) == Self.described(step.wholeField(buffer))
      }
      #expect(same, "\(text)")
      if !same { return }
    }
    // Most texts must have gone through the windows, or this proves little.
    #expect(windowed * 2 > texts, "windows used for \(windowed) of \(texts) texts")
  }

  /// `NameSeeds.capitalisedWords` counts eight bytes at a time what this
  /// counts byte by byte: upper-case ASCII letters at the start or after a
  /// hard break. Random bytes from the classes that matter, every length
  /// and limit.
  @Test func capitalisedWordCountAgreesWithItsDefinition() {
    let alphabet: [UInt8] = [0x41, 0x4D, 0x5A, 0x40, 0x5B, 0x61, 0x7A, 0x60, 0x7B, 0x30, 0x39, 0x2F, 0x3A, 0x20, 0x27, 0x2D, 0x2E, 0x0A, 0xC3, 0x89, 0xE2, 0x7F, 0x00, 0xC1, 0xDA]
    var generator = SeededGenerator(state: 20_261_125)
    for _ in 0..<20_000 {
      let length = Int(generator.next() % 80)
      let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      var expected = 0
      for (index, byte) in bytes.enumerated() where PIIBytes.isUpper(byte) && (index == 0 || TextTokens.isHardBreak(bytes[index - 1])) {
        expected += 1
      }
      let limit = Int(generator.next() % 12) + 1
      let counted = bytes.withUnsafeBufferPointer { NameSeeds.capitalisedWords($0, limit: limit) }
      let whole = bytes.withUnsafeBufferPointer { NameSeeds.capitalisedWords($0, limit: .max) }
      #expect(whole == expected, "\(bytes)")
      #expect(min(counted, limit) == min(expected, limit), "\(bytes) limit \(limit)")
    }
  }
}
