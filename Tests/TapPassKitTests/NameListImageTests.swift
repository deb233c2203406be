import Foundation
import Testing
@testable import TapPassKit

/// The prebuilt surname table (`names/last.slots`) must be the table built
/// from `names/last.tsv` now; RECORD_SNAPSHOTS=1 (or a missing image)
/// rewrites it.
@Suite struct NameListImageTests {
  @Test func surnameImageMatchesTheList() throws {
    let data = URLPaths.packageRoot(#filePath) + "/Sources/TapPassKit/Resources/data/names/"
    let list = try FileBytes.readOrThrow(path: data + "last.tsv")
    let built = list.withUnsafeBufferPointer { NameList.image(ofList: $0) }
    let path = data + "last.slots"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil || !FileManager.default.fileExists(atPath: path) {
      try FileBytes.write(built, to: path)
    }
    let stored = try FileBytes.readOrThrow(path: path)
    #expect(stored == built, "names/last.slots is stale: RECORD_SNAPSHOTS=1 swift test --filter NameListImageTests")
  }
}
