import Foundation
import Synchronization

/// Every shipped linear model fused into one table, so that a field's
/// n-grams are hashed and looked up once for all models instead of once
/// per model and per step.
///
/// Why: the models share their features (scripts/train hashes the same
/// word and character n-grams into the same buckets), so one pass can sum
/// all of them. Each bucket holds the int8 weights of every model's classes
/// side by side in eight lanes (one 8-byte load, no branch: a bucket no
/// model uses holds zeros). The scores are exactly those of
/// `LinearTextModel`, which a test checks.
public final class ModelBank: Sendable {
  /// The models under `models/` in the data directory, by file name.
  public static let shared = ModelBank(models: ModelBank.shippedModels())

  public let names: [String]
  public let models: [LinearTextModel]
  /// Lane offset of each model's first class.
  let offsets: [Int]
  let bits: Int
  /// Whether the models fuse into one table (the same table size, at most
  /// 8 classes in all); if not, each model scores on its own.
  let fusable: Bool
  /// The fused table, once built (`table`).
  private let fused = Mutex<[SIMD8<Int8>]?>(nil)
  /// Bytes scored before the table was built.
  private let scoredUnfused = Atomic<Int>(0)
  /// How many bytes are scored model by model before the table is built.
  ///
  /// Why not build it at once: zero-filling and filling its 2 MB cost a
  /// one-record run (a pre-commit hook) some 11M instructions and 500 page
  /// faults, more than scoring a short text model by model (a binary
  /// search per n-gram and model) does. Why not later: that scoring costs
  /// 1,450 to 1,850 instructions per byte (callgrind on the corpus and
  /// vocabulary workloads), so the table pays for itself after some 6 KB;
  /// 16 KB made every larger run pay some 15M instructions more.
  static let unfusedBytes = 6 << 10

  /// `1 << bits` buckets of 8 int8 lanes, built on first use; nil when the
  /// models cannot be fused. The scores are the same either way.
  var table: [SIMD8<Int8>]? {
    guard fusable else { return nil }
    return fused.withLock { table in
      if table == nil { table = Self.fuse(models, offsets: offsets, bits: bits) }
      return table
    }
  }

  public init(models: [(name: String, model: LinearTextModel)]) {
    names = models.map(\.name)
    self.models = models.map(\.model)
    var offsets: [Int] = []
    var lanes = 0
    for (_, model) in models {
      offsets.append(lanes)
      lanes += model.classes.count
    }
    self.offsets = offsets
    let bits = models.first?.model.bits ?? 0
    self.bits = bits
    fusable = !models.isEmpty && lanes <= 8 && models.allSatisfy { $0.model.bits == bits }
  }

  /// The table to score `count` more bytes with: nil (score model by
  /// model) while the bank has scored fewer than `unfusedBytes`, counting
  /// these, else the table, built now if need be.
  private func table(toScore count: Int) -> [SIMD8<Int8>]? {
    guard fusable else { return nil }
    if let built = fused.withLock({ $0 }) { return built }
    let before = scoredUnfused.add(count, ordering: .relaxed).oldValue
    return before + count <= Self.unfusedBytes ? nil : table
  }

  /// Every model's entries written into one zero-filled table.
  static func fuse(_ models: [LinearTextModel], offsets: [Int], bits: Int) -> [SIMD8<Int8>] {
    // Only the buckets that hold weights are written (a few in eight of
    // them): the rest of the zero-filled table is never visited at start-up.
    // Lanes are written as bytes (a SIMD8<Int8> is its eight lanes in
    // order): a lane store through the vector cost some twenty
    // instructions, a few million at every start-up.
    var table = [SIMD8<Int8>](repeating: SIMD8<Int8>(), count: 1 << bits)
    table.withUnsafeMutableBytes { table in
      for (index, model) in models.enumerated() {
        let count = model.classes.count
        let first = model.first, stride = model.stride
        model.data.withUnsafeBytes { raw in
          for entry in 0..<model.entries {
            let at = first + entry * stride
            let bucket = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            let lane = Int(bucket) * MemoryLayout<SIMD8<Int8>>.stride + offsets[index]
            for c in 0..<count { table[lane + c] = raw[at + 4 + c] }
          }
        }
      }
    }
    return table
  }

  /// Every `models/*.tplm` shipped in the data directory, sorted by name.
  static func shippedModels() -> [(name: String, model: LinearTextModel)] {
    guard let directory = ResourceFiles.directory,
      let files = try? FileManager.default.contentsOfDirectory(atPath: directory + "/models")
    else { return [] }
    return files.filter { $0.hasSuffix(".tplm") }.sorted().compactMap { file in
      let name = String(file.dropLast(5))
      return LinearTextModel.load(name).map { (name, $0) }
    }
  }

  public func index(of name: String) -> Int? { names.firstIndex(of: name) }

  /// `models[index].explain`, with the weights read from the fused table
  /// once it is built: one load per word instead of a binary search (the
  /// same weights: a bucket without entry holds zeros).
  public func explain(model index: Int, _ bytes: ArraySlice<UInt8>, towards label: String, count: Int) -> [String] {
    guard fusable, let table = fused.withLock({ $0 }) else { return models[index].explain(bytes, towards: label, count: count) }
    let offset = offsets[index]
    return table.withUnsafeBufferPointer { table in
      models[index].explain(bytes, towards: label, count: count) { bucket, c in table[bucket][offset + c] }
    }
  }

  /// Per model, the score of `bytes` (at most one window: callers window).
  public func scores(_ bytes: ArraySlice<UInt8>) -> [LinearTextModel.Score] {
    guard let table = table(toScore: bytes.count) else { return models.map { $0.score(bytes) } }
    let scanner = table.withUnsafeBufferPointer { table in
      Self.foldTable.withUnsafeBufferPointer { fold in
        bytes.withUnsafeBufferPointer { Self.scan($0, table: table, fold: fold, bits: bits) }
      }
    }
    return scores(scanner)
  }

  /// `bytes` scanned whole and finished.
  static func scan(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<SIMD8<Int8>>, fold: UnsafeBufferPointer<UInt8>,
                   bits: Int) -> FeatureScanner {
    var scanner = FeatureScanner(bits: bits)
    scanner.scan(bytes, table: table, fold: fold)
    scanner.finish(table: table)
    return scanner
  }

  /// Per window, per model, the scores of `bytes` cut into windows of
  /// `window` bytes that overlap by half, over the first `limit` bytes (one
  /// window when `bytes` is no longer than `window`).
  ///
  /// Each byte is read once, not once per window that covers it: a window
  /// is its first half scanned from a fresh start, then its second half
  /// continuing from there. The second half is also the next window's
  /// first half, scanned fresh; the two scans differ only until they reach
  /// the same state (a few tokens in), so the continuing one runs only
  /// that far and takes the rest from the fresh one.
  public func windowScores(_ bytes: [UInt8], window: Int, limit: Int) -> [[LinearTextModel.Score]] {
    let half = window / 2
    guard bytes.count > window, let table = table(toScore: min(bytes.count, limit)) else {
      var starts = [0]
      var next = half
      while bytes.count > window, next + half < min(bytes.count, limit) {
        starts.append(next)
        next += half
      }
      return starts.map { scores(bytes[$0..<min($0 + window, bytes.count)]) }
    }
    var sums: [FeatureScanner] = []
    table.withUnsafeBufferPointer { table in
      Self.foldTable.withUnsafeBufferPointer { fold in
        bytes.withUnsafeBufferPointer { bytes in
          Self.windowSums(bytes, window: window, limit: limit, table: table, fold: fold, bits: bits, into: &sums)
        }
      }
    }
    return sums.map(scores)
  }

  /// The finished scans of `windowScores`.
  static func windowSums(_ bytes: UnsafeBufferPointer<UInt8>, window: Int, limit: Int, table: UnsafeBufferPointer<SIMD8<Int8>>,
                         fold: UnsafeBufferPointer<UInt8>, bits: Int, into windows: inout [FeatureScanner]) {
    let half = window / 2
    var fresh = FeatureScanner(bits: bits)
    fresh.scan(UnsafeBufferPointer(rebasing: bytes[0..<half]), table: table, fold: fold)
    var start = 0
    repeat {
      let second = UnsafeBufferPointer(rebasing: bytes[start + half..<min(start + window, bytes.count)])
      var continuing = fresh
      var next = FeatureScanner(bits: bits)
      var index = 0
      while index < second.count, !continuing.sameState(next) {
        // Both, up to and including the next separator: compared between
        // tokens only, where they converge (a token that fills the half
        // costs one comparison, not one per byte).
        var end = index
        while end < second.count, fold[Int(second[end])] != 0 { end += 1 }
        let piece = UnsafeBufferPointer(rebasing: second[index..<min(end + 1, second.count)])
        continuing.scan(piece, table: table, fold: fold)
        next.scan(piece, table: table, fold: fold)
        index += piece.count
      }
      if index < second.count {
        let converged = next
        next.scan(UnsafeBufferPointer(rebasing: second[index...]), table: table, fold: fold)
        continuing.take(next, since: converged)
      }
      continuing.finish(table: table)
      windows.append(continuing)
      fresh = next
      start += half
    } while start + half < min(bytes.count, limit)
  }

  /// Per model, the score of a finished scan.
  private func scores(_ scanner: FeatureScanner) -> [LinearTextModel.Score] {
    models.indices.map { index in
      let offset = offsets[index]
      return models[index].probabilities(features: scanner.features) { scanner.sums[offset + $0] }
    }
  }

  /// `LinearTextModel.foldOrZero` of every byte value: one load instead of
  /// a chain of range checks per byte.
  static let foldTable: [UInt8] = (0...255).map { LinearTextModel.foldOrZero(UInt8($0)) }
}

/// The model scores of the field being inspected, computed on first use and
/// shared by every step that asks (injection and insider threat read the
/// same field; scan_tool_results runs injection on it again). The engine
/// clears it before each field.
public final class FieldModelScores: @unchecked Sendable {
  private var scores: [LinearTextModel.Score]?

  public init() {}

  func clear() { scores = nil }

  func scores(_ compute: () -> [LinearTextModel.Score]) -> [LinearTextModel.Score] {
    if let scores { return scores }
    let computed = compute()
    scores = computed
    return computed
  }
}
