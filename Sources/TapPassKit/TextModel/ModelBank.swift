import Foundation

/// Every shipped linear model fused into one table, so that a field's
/// n-grams are hashed and looked up once for all models instead of once
/// per model and per step.
///
/// Why: the models share their features (scripts/train hashes the same
/// word and character n-grams into the same buckets), so one pass can sum
/// all of them. Each bucket holds the int8 weights of every model's classes
/// side by side in eight lanes (one 8-byte load), and a bitmap of the
/// buckets any model uses (32 KB for 2^18 buckets, so it stays in L1)
/// skips the table for the n-grams no model has a weight for: most of them
/// in ordinary text. The scores are exactly those of `LinearTextModel`,
/// which a test checks.
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
  let used: [UInt64]

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
      used = []
      return
    }
    // One more bucket, always zero, that unused buckets are redirected to.
    var table = [SIMD8<Int8>](repeating: SIMD8<Int8>(), count: (1 << bits) + 1)
    var used = [UInt64](repeating: 0, count: max(1, (1 << bits) / 64))
    for (index, (_, model)) in models.enumerated() {
      let count = model.classes.count
      for bucket in 0..<(1 << bits) {
        for c in 0..<count {
          let weight = model.weights[bucket * count + c]
          guard weight != 0 else { continue }
          table[bucket][offsets[index] + c] = weight
          used[bucket >> 6] |= 1 << UInt64(bucket & 63)
        }
      }
    }
    self.table = table
    self.used = used
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
      used.withUnsafeBufferPointer { used in
        bytes.withUnsafeBufferPointer { Self.sum($0, table: table, used: used, bits: bits) }
      }
    }
    return models.indices.map { index in
      let model = models[index]
      var classSums = [Int32](repeating: 0, count: model.classes.count)
      for c in classSums.indices { classSums[c] = sums[offsets[index] + c] }
      return model.probabilities(sums: classSums, features: features)
    }
  }

  /// The feature loop of `LinearTextModel.score`, over all lanes at once.
  @inline(__always)
  static func sum(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<SIMD8<Int8>>, used: UnsafeBufferPointer<UInt64>,
                  bits: Int) -> (SIMD8<Int32>, Int) {
    var sums = SIMD8<Int32>()
    var features = 0
    let shift = UInt32(32 - bits)
    var gram: UInt32 = 0x20 << 24
    var gramLength = 1
    let zeroBucket = 1 << bits
    // No branch on whether a bucket is used: it would mispredict on most
    // n-grams. An unused bucket reads the zero bucket instead, which stays
    // in cache, so the table is only touched where a model has a weight.
    @inline(__always) func add(_ x: UInt32) {
      let bucket = Int((x &* 0x9E37_79B1) >> shift)
      features += 1
      let isUsed = used[bucket >> 6] >> UInt64(bucket & 63) & 1 != 0
      sums &+= SIMD8<Int32>(truncatingIfNeeded: table[isUsed ? bucket : zeroBucket])
    }
    @inline(__always) func push(_ byte: UInt8) {
      gram = gram >> 8 | UInt32(byte) << 24
      gramLength += 1
      if gramLength >= 4 { add(gram ^ 0x5BD1_E995) }
    }
    let count = bytes.count
    var index = 0
    var previous: UInt32 = 0
    var hasPrevious = false
    var tokenCount = 0
    while index < count {
      var folded = LinearTextModel.foldOrZero(bytes[index])
      if folded == 0 {
        index += 1
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
        length += 1
        index += 1
        folded = index < count ? LinearTextModel.foldOrZero(bytes[index]) : 0
      } while folded != 0
      add(hash ^ 1)
      if hasPrevious { add((previous &* 31 &+ hash) ^ 2) }
      previous = hash
      hasPrevious = true
      tokenCount += 1
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
