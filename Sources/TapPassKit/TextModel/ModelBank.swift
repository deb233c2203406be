import Foundation

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
  /// `1 << bits` buckets of 8 int8 lanes; nil when the models cannot be
  /// fused (different table sizes, more than 8 classes in all): each model
  /// then scores on its own.
  let table: [SIMD8<Int8>]?

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
    guard !models.isEmpty, lanes <= 8, models.allSatisfy({ $0.model.bits == bits }) else {
      table = nil
      return
    }
    var table = [SIMD8<Int8>](repeating: SIMD8<Int8>(), count: 1 << bits)
    for (index, (_, model)) in models.enumerated() {
      let count = model.classes.count
      for bucket in 0..<(1 << bits) {
        for c in 0..<count {
          let weight = model.weights[bucket * count + c]
          table[bucket][offsets[index] + c] = weight
        }
      }
    }
    self.table = table
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

  /// Per model, the score of `bytes` (at most one window: callers window).
  public func scores(_ bytes: ArraySlice<UInt8>) -> [LinearTextModel.Score] {
    guard let table else { return models.map { $0.score(bytes) } }
    let (sums, features) = table.withUnsafeBufferPointer { table in
      Self.foldTable.withUnsafeBufferPointer { fold in
        bytes.withUnsafeBufferPointer { Self.sum($0, table: table, fold: fold, bits: bits) }
      }
    }
    return models.indices.map { index in
      let model = models[index]
      let offset = offsets[index]
      return model.probabilities(features: features) { sums[offset + $0] }
    }
  }

  /// `LinearTextModel.foldOrZero` of every byte value: one load instead of
  /// a chain of range checks per byte.
  static let foldTable: [UInt8] = (0...255).map { LinearTextModel.foldOrZero(UInt8($0)) }

  /// The feature loop of `LinearTextModel.score`, over all lanes at once.
  @inline(__always)
  static func sum(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<SIMD8<Int8>>, fold: UnsafeBufferPointer<UInt8>,
                  bits: Int) -> (SIMD8<Int32>, Int) {
    var sums = SIMD8<Int32>()
    var features = 0
    let shift = UInt32(32 - bits)
    var gram: UInt32 = 0x20 << 24
    var gramLength = 1
    // Every n-gram reads the table, used bucket or not: a bitmap of used
    // buckets that redirected the others to one zero bucket (so that they
    // stay in cache) cost more in instructions than it saved in misses.
    // `&>>` and `&+=`: no shift-range or overflow checks in the loop.
    @inline(__always) func add(_ x: UInt32) {
      let bucket = Int((x &* 0x9E37_79B1) &>> shift)
      features &+= 1
      sums &+= SIMD8<Int32>(truncatingIfNeeded: table[bucket])
    }
    @inline(__always) func push(_ byte: UInt8) {
      gram = gram >> 8 | UInt32(byte) << 24
      gramLength &+= 1
      if gramLength >= 4 { add(gram ^ 0x5BD1_E995) }
    }
    let count = bytes.count
    var index = 0
    var previous: UInt32 = 0
    var hasPrevious = false
    var tokenCount = 0
    while index < count {
      var folded = fold[Int(bytes[index])]
      if folded == 0 {
        index &+= 1
        continue
      }
      var hash: UInt32 = 0x811C_9DC5
      var length = 0
      if tokenCount > 0 { push(0x20) }
      repeat {
        if length < 32 {
          hash = (hash ^ UInt32(folded)) &* 0x0100_0193
          push(folded)
        }
        length &+= 1
        index &+= 1
        folded = index < count ? fold[Int(bytes[index])] : 0
      } while folded != 0
      add(hash ^ 1)
      if hasPrevious { add((previous &* 31 &+ hash) ^ 2) }
      previous = hash
      hasPrevious = true
      tokenCount &+= 1
    }
    if tokenCount > 0 { push(0x20) }
    return (sums, features)
  }
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
