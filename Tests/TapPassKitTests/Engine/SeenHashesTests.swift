import Testing
@testable import TapPassKit

/// SeenHashes stands in for a Set<UInt32> in explanations: it must say
/// "new" exactly where the set's insert does, including for the hash 0
/// (its empty-slot mark), for hashes that share a slot, and when the table
/// fills to half.
@Suite struct SeenHashesTests {
  @Test func agreesWithASet() {
    var generator = SystemRandomNumberGenerator()
    for round in 0..<40 {
      let count = Int.random(in: 0..<2000, using: &generator)
      // Small ranges force repeats and shared slots; round 0 is all zeros.
      let range: UInt32 = round == 0 ? 0 : round % 2 == 0 ? 64 : .max
      let hashes = (0..<count).map { _ in UInt32.random(in: 0...range, using: &generator) } + [0, 0, 1, 1 << 24, 1 << 24]
      var seen = SeenHashes(capacity: hashes.count)
      var set = Set<UInt32>()
      for hash in hashes { #expect(seen.insert(hash) == set.insert(hash).inserted, "hash \(hash) in round \(round)") }
    }
  }
}
