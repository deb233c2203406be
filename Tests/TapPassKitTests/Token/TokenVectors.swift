import Foundation
import Testing
@testable import TapPassKit

/// Finds and decodes the shared test vectors (`../shared/vectors` next to the
/// package root). They are not part of the repository, so every test that
/// needs them is `.enabled(if: TokenVectors.available)` and a clone without
/// them passes with a visible skip note.
enum TokenVectors {
  static let directory: URL = {
    // #filePath is <root>/Tests/TapPassKitTests/Token/TokenVectors.swift.
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return root.deletingLastPathComponent().appendingPathComponent("shared/vectors")
  }()

  static let available: Bool = {
    let present = FileManager.default.fileExists(
      atPath: directory.appendingPathComponent("README.md").path)
    if !present {
      print("note: skipping known-answer tests: \(directory.path) is absent")
    }
    return present
  }()

  static let skipNote: Comment = "needs ../shared/vectors (absent in a plain clone)"

  static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let data = try Data(contentsOf: directory.appendingPathComponent(name))
    return try JSONDecoder().decode(T.self, from: data)
  }

  static func hex(_ text: String) -> [UInt8] { Hex.decode(text) ?? [] }
}

/// The Wycheproof file shape (only the fields these tests read).
struct WycheproofFile<Group: Decodable>: Decodable {
  let algorithm: String
  let numberOfTests: Int
  let testGroups: [Group]
}

struct WycheproofTest: Decodable {
  let tcId: Int
  let comment: String
  let msg: String
  let sig: String
  let result: String
  let flags: [String]
}

struct WycheproofECDSAGroup: Decodable {
  struct Key: Decodable { let uncompressed: String }
  let publicKey: Key
  let tests: [WycheproofTest]
}

struct WycheproofEdDSAGroup: Decodable {
  struct Key: Decodable { let pk: String }
  let publicKey: Key
  let tests: [WycheproofTest]
}

/// Tally of one Wycheproof run, printed so the counts are visible.
struct WycheproofTally: CustomStringConvertible {
  var validAccepted = 0
  var invalidRejected = 0
  var acceptableRejected = 0
  var description: String {
    "\(validAccepted) valid accepted, \(invalidRejected) invalid rejected, \(acceptableRejected) acceptable rejected"
  }
}
