import Glibc

/// A small multinomial linear model over hashed word and character n-grams,
/// trained by scripts/train (which documents the features and the file
/// format; this file mirrors them byte for byte). Inference is a table
/// lookup per n-gram on bytes: no allocation per feature, no strings.
///
/// Why a linear model: its score is the sum of what each n-gram contributes,
/// so a finding can name the n-grams that pushed it over the threshold, and
/// it runs in a few microseconds per kilobyte.
public struct LinearTextModel: Sendable {
  public let classes: [String]
  static let normFloor = 64
  let bits: Int
  let scale: Float
  let bias: [Float]
  /// The file's bytes: its entries, from `first`, are a bucket (u32, the
  /// buckets ascending as scripts/train writes them) then `classes.count`
  /// int8 weights, `stride` bytes in all.
  ///
  /// Why sparse: a dense table (2^bits buckets per class) costs a
  /// zero-filled megabyte or more per model at every start-up, which a
  /// one-record pre-commit run pays in full; the hot path reads
  /// `ModelBank`'s fused table instead, built straight from these entries.
  /// Why the file itself: copying its hundred thousand entries into
  /// arrays of buckets and weights was most of loading a model (about 9M
  /// instructions at every start-up); lookups read the entries in place.
  let data: [UInt8]
  let first: Int
  let stride: Int
  /// The number of entries.
  let entries: Int

  /// Loads `models/<name>.tplm` and its class list; nil when absent or
  /// malformed (the step then runs on its rules alone).
  public static func load(_ name: String) -> LinearTextModel? {
    guard let data = ResourceFiles.bytes("models/\(name).tplm"), let names = ResourceFiles.bytes("models/\(name).txt") else { return nil }
    let classes = names.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    return LinearTextModel(data: data, classes: classes)
  }

  init?(data: [UInt8], classes: [String]) {
    guard data.count >= 12, data[0..<4].elementsEqual(Array("TPLM".utf8)), data[4] == 1 else { return nil }
    bits = Int(data[5])
    let count = Int(data[6])
    guard bits >= 8, bits <= 24, count == classes.count, count > 1 else { return nil }
    func u32(_ offset: Int) -> UInt32 {
      UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24
    }
    scale = Float(bitPattern: u32(8))
    var offset = 12
    var bias: [Float] = []
    for _ in 0..<count {
      guard offset + 4 <= data.count else { return nil }
      bias.append(Float(bitPattern: u32(offset)))
      offset += 4
    }
    guard offset + 4 <= data.count else { return nil }
    let entries = Int(u32(offset))
    offset += 4
    guard data.count >= offset + entries * (4 + count) else { return nil }
    // One pass over the buckets, through raw pointers (a hundred thousand
    // entries are checked at every start-up): ascending and in range, or
    // the file is malformed (lookups search).
    let stride = 4 + count
    let first = offset
    let limit = UInt32(1 << bits)
    let ordered = data.withUnsafeBytes { raw in
      var previous: UInt32? = nil
      for entry in 0..<entries {
        let bucket = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: first + entry * stride, as: UInt32.self))
        if bucket >= limit || previous.map({ $0 >= bucket }) == true { return false }
        previous = bucket
      }
      return true
    }
    guard ordered else { return nil }
    self.classes = classes
    self.bias = bias
    self.data = data
    self.first = first
    self.stride = stride
    self.entries = entries
  }

  /// The bucket of entry `entry`.
  @inline(__always)
  func bucket(entry: Int) -> UInt32 {
    data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: first + entry * stride, as: UInt32.self)) }
  }

  /// The weight of entry `entry` for class `c`.
  @inline(__always)
  func weight(entry: Int, class c: Int) -> Int8 {
    Int8(bitPattern: data[first + entry * stride + 4 + c])
  }

  /// The entry of `bucket`, nil for a bucket without one. A binary
  /// search: for explanations and the unfused fallback only.
  @inline(__always)
  func entry(bucket: Int) -> Int? {
    let key = UInt32(truncatingIfNeeded: bucket)
    return data.withUnsafeBytes { raw in
      var low = 0, high = entries
      while low < high {
        let middle = (low + high) / 2
        let found = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: first + middle * stride, as: UInt32.self))
        if found < key { low = middle + 1 } else { high = middle }
      }
      return low < entries && UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: first + low * stride, as: UInt32.self)) == key ? low : nil
    }
  }

  /// The weight of `bucket` for class `c` (0 for a bucket without entry).
  func weight(bucket: Int, class c: Int) -> Int8 {
    entry(bucket: bucket).map { weight(entry: $0, class: c) } ?? 0
  }

  public struct Score: Sendable {
    /// 1 − P(first class), the first class being benign.
    public var positive: Double
    /// The most likely non-benign class.
    public var label: String
  }

  /// Scores at most the first `limit` bytes (longer texts are scored in
  /// windows by the caller).
  public func score(_ bytes: ArraySlice<UInt8>) -> Score {
    let classCount = classes.count
    var sums = [Int32](repeating: 0, count: classCount)
    var features = 0
    let shift = UInt32(32 - bits)
    var tokenCount = 0
    var gram: UInt32 = 0x20 << 24  // the stream starts with a space
    var gramLength = 1
    @inline(__always) func add(_ x: UInt32) {
      if let entry = entry(bucket: Int((x &* 0x9E37_79B1) >> shift)) {
        for c in 0..<classCount { sums[c] &+= Int32(weight(entry: entry, class: c)) }
      }
      features += 1
    }
    @inline(__always) func push(_ byte: UInt8) {
      gram = gram >> 8 | UInt32(byte) << 24
      gramLength += 1
      if gramLength >= 4 { add(gram ^ 0x5BD1_E995) }
    }
    var previous: UInt32? = nil
    Self.forEachToken(bytes) { start, end, hash in
      if tokenCount > 0 { push(0x20) }
      for index in start..<min(end, start + 32) { push(Self.foldOrZero(bytes[index])) }
      add(hash ^ 1)
      if let previous { add((previous &* 31 &+ hash) ^ 2) }
      previous = hash
      tokenCount += 1
    }
    if tokenCount > 0 { push(0x20) }
    return probabilities(features: features) { sums[$0] }
  }

  /// The words of `bytes` whose unigram weight pushes most towards `label`
  /// (the label a score reported), for a finding's reasons. Tokenises only:
  /// the score itself is already known.
  public func explain(_ bytes: ArraySlice<UInt8>, towards label: String, count: Int) -> [String] {
    explain(bytes, towards: label, count: count) { weight(bucket: $0, class: $1) }
  }

  /// `explain` with the weights read through `weight` (0 for a bucket
  /// without entry): `ModelBank` reads them from its fused table.
  @inline(__always)
  func explain(_ bytes: ArraySlice<UInt8>, towards label: String, count: Int,
               weight: (_ bucket: Int, _ class: Int) -> Int8) -> [String] {
    guard let best = classes.firstIndex(of: label) else { return [] }
    var tokens: [(start: Int, end: Int, hash: UInt32)] = []
    Self.forEachToken(bytes) { start, end, hash in tokens.append((start, end, hash)) }
    return topWords(bytes, tokens, towards: best, count: count, weight: weight)
  }

  /// The tokenisation shared with scripts/train: runs of folded token
  /// bytes; `token` gets each token's range (indices of `bytes`) and the
  /// hash of its first 32 folded bytes. Through a buffer, with no copy of
  /// the folded bytes (`score` folds its 32 again): explanations tokenise
  /// whole fields, and the slice's checks and copies were most of it.
  @inline(__always)
  static func forEachToken(_ bytes: ArraySlice<UInt8>, _ token: (_ start: Int, _ end: Int, _ hash: UInt32) -> Void) {
    let first = bytes.startIndex
    bytes.withUnsafeBufferPointer { buffer in
      let count = buffer.count
      var index = 0
      while index < count {
        guard foldOrZero(buffer[index]) != 0 else {
          index += 1
          continue
        }
        var stop = index
        var hash: UInt32 = 0x811C_9DC5
        while stop < count, case let byte = foldOrZero(buffer[stop]), byte != 0 {
          if stop - index < 32 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
          stop += 1
        }
        token(first + index, first + stop, hash)
        index = stop
      }
    }
  }

  /// The score from the summed int8 weights of each class (`sum(c)`) and
  /// the number of features (ModelBank sums them for several models at
  /// once). The logits live on the stack: one call per scored window.
  @inline(__always)
  func probabilities(features: Int, sum: (Int) -> Int32) -> Score {
    let classCount = classes.count
    // As in scripts/train: a floor on the normaliser, so that a very short
    // text (little evidence) stays near the prior.
    let norm = Float(max(features, Self.normFloor)).squareRoot()
    return withUnsafeTemporaryAllocation(of: Float.self, capacity: classCount) { logits in
      for c in 0..<classCount { logits[c] = bias[c] + (norm > 0 ? Float(sum(c)) * scale / norm : 0) }
      let top = logits.max() ?? 0
      var total: Float = 0
      for c in 0..<classCount { logits[c] = expf(logits[c] - top); total += logits[c] }
      var best = 1
      for c in 1..<classCount where logits[c] > logits[best] { best = c }
      return Score(positive: Double(1 - logits[0] / total), label: classes[best])
    }
  }

  /// Folding shared with scripts/train: lower-case ASCII letters, keep
  /// digits and non-ASCII bytes, everything else separates tokens (nil).
  @inline(__always)
  static func fold(_ byte: UInt8) -> UInt8? {
    let folded = foldOrZero(byte)
    return folded == 0 ? nil : folded
  }

  /// `fold` with 0 for a separator (no token byte folds to 0).
  @inline(__always)
  static func foldOrZero(_ byte: UInt8) -> UInt8 {
    switch byte {
    case 0x41...0x5A: byte | 0x20
    case 0x61...0x7A, 0x30...0x39, 0x80...0xFF: byte
    default: 0
    }
  }

  /// The words whose unigram weight pushes most towards `label`, as the
  /// folded words themselves (injection phrases, never secrets: the models
  /// run on instructions, and words are capped at 24 bytes).
  @inline(__always)
  func topWords(_ bytes: ArraySlice<UInt8>, _ tokens: [(start: Int, end: Int, hash: UInt32)], towards label: Int, count: Int,
                weight: (_ bucket: Int, _ class: Int) -> Int8) -> [String] {
    let shift = UInt32(32 - bits)
    var scored: [(weight: Int, token: Int)] = []
    var seen = SeenHashes(capacity: tokens.count)
    for (position, token) in tokens.enumerated() where seen.insert(token.hash) {
      let bucket = Int(((token.hash ^ 1) &* 0x9E37_79B1) >> shift)
      let gain = Int(weight(bucket, label)) - Int(weight(bucket, 0))
      if gain > 0 { scored.append((gain, position)) }
    }
    scored.sort { $0.weight > $1.weight }
    return scored.prefix(count).map { item in
      let token = tokens[item.token]
      let word = bytes[token.start..<min(token.end, token.start + 24)].map { Self.fold($0) ?? 0x20 }
      return "feature:" + String(decoding: word, as: UTF8.self)
    }
  }
}
