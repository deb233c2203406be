import Foundation
import Testing
@testable import TapPassKit

/// `names/first.tsv` is written by `scripts/build-first-names` from the
/// Census files and the Faker wheel (names/SOURCE.md), which CI does not
/// have; this checks what the loader (`NameList`) and the build's rules
/// require of the shipped file. `scripts/build-first-names ... --check`
/// compares it with the sources themselves.
@Suite struct FirstNameListTests {
  private static func entries() throws -> [(name: String, frequency: Int)] {
    let path = URLPaths.packageRoot(#filePath) + "/Sources/TapPassKit/Resources/data/names/first.tsv"
    let text = String(decoding: try FileBytes.readOrThrow(path: path), as: UTF8.self)
    #expect(text.hasSuffix("\n"), "names/first.tsv ends with a newline")
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      return (fields.count == 2 ? String(fields[0]) : String(line), fields.count == 2 ? Int(fields[1]) ?? -1 : -1)
    }
  }

  /// NAME, tab, frequency from 1 to 65535 (the 16 bits a slot keeps);
  /// upper-case ASCII letters, at most 24 (the longest word looked up);
  /// sorted bytewise with no name twice.
  @Test func isWellFormedAndSorted() throws {
    let list = try Self.entries()
    #expect(list.count > 5_163, "the Census names and Faker's additions")
    for entry in list {
      #expect(entry.frequency >= 1 && entry.frequency <= 65_535, "frequency of \(entry.name)")
      #expect(!entry.name.isEmpty && entry.name.utf8.count <= 24 && entry.name.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }, "name \(entry.name)")
    }
    for (previous, next) in zip(list, list.dropFirst()) {
      #expect(Array(previous.name.utf8).lexicographicallyPrecedes(Array(next.name.utf8)), "\(previous.name) before \(next.name), once")
    }
  }

  /// Census names keep their Census frequency; names only Faker knows are
  /// in at frequency 1 (never "frequent"), unless they are English words,
  /// frequent surnames, proper nouns of one locale, or too short.
  @Test func keepsCensusNamesAndAddsFakerNames() throws {
    let list = Dictionary(uniqueKeysWithValues: try Self.entries().map { ($0.name, $0.frequency) })
    #expect(list["JAMES"] == 33_280)  // 3.318 % of men and 0.010 % of women in 1990
    #expect(list["WEI"] == 20, "a Census name Faker also lists keeps its Census frequency")
    #expect(list["WILL"] != nil && list["MAY"] != nil, "Census names that are words stay (WordLists.commonWords decides)")
    for name in ["PRIYA", "ARJUN", "KWAME", "YUSUF", "XIMENA", "HIROSHI", "LASZLO", "IGOR"] {
      #expect(list[name] == 1, "\(name) from Faker, at the floor frequency")
    }
    for word in ["CAN", "JOB", "SERVER", "SALAMI", "NAME"] {
      #expect(list[word] == nil, "\(word) is an English word, not a first name")
    }
    #expect(list["ROBERTS"] == nil && list["MEDINA"] == nil, "a frequent surname, though a locale lists it as a first name")
    #expect(list["NAZI"] == nil && list["BERGEN"] == nil && list["SEP"] == nil, "a proper noun of the word list that one locale gives")
    #expect(list["EL"] == nil && list["US"] == nil, "two letters: a particle or an abbreviation more often than a name")
  }
}
