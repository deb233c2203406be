/// The feature loop of `LinearTextModel.score`, over all lanes of a
/// `ModelBank` at once, resumable: a text can be scanned in pieces (each
/// piece continues the tokens and n-grams of the one before), then
/// finished.
struct FeatureScanner {
  var sums = SIMD8<Int32>()
  var features = 0
  let shift: UInt32
  /// The last four n-gram bytes, newest in the top byte. No pushed byte is
  /// 0, so the low byte is 0 until three bytes follow the leading space:
  /// it tells whether the gram is whole without a counter of its own.
  var gram: UInt32 = 0x20 << 24
  var hash: UInt32 = 0x811C_9DC5
  /// Bytes of the token being read; 0 between tokens.
  var length = 0
  var previous: UInt32 = 0
  var hasPrevious = false

  init(bits: Int) { shift = UInt32(32 - bits) }

  /// Weights added to the 16-bit lanes before they move into `sums`: 240
  /// int8 weights sum to at most 30,720 in magnitude, inside Int16. The
  /// loop checks at each token's end, after which a token adds at most 35
  /// (its space, 32 bytes, its word and bigram) and `finish` one more.
  static let narrowAdds = 200

  // Every n-gram reads the table, used bucket or not: a bitmap of used
  // buckets that redirected the others to one zero bucket (so that they
  // stay in cache) cost more in instructions than it saved in misses.
  // `&>>` and `&+=`: no shift-range or overflow checks in the loop.
  @inline(__always)
  mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<SIMD8<Int8>>, fold: UnsafeBufferPointer<UInt8>,
                     finish: Bool = false) {
    // The state lives in locals while scanning: kept in registers.
    var sums = self.sums, features = self.features, gram = self.gram
    var hash = self.hash, length = self.length, previous = self.previous, hasPrevious = self.hasPrevious
    let shift = self.shift
    // Lanes are summed in 16 bits: widening eight int8 weights to 16 bits
    // takes two SSE2 instructions, to 32 bits five, once per n-gram. The
    // wrapped 32-bit sums come out the same (the 16-bit ones never wrap).
    var narrow = SIMD8<Int16>()
    var narrowFrom = features
    @inline(__always) func add(_ x: UInt32) {
      features &+= 1
      narrow &+= SIMD8<Int16>(truncatingIfNeeded: table[Int((x &* 0x9E37_79B1) &>> shift)])
    }
    @inline(__always) func widen() {
      sums &+= SIMD8<Int32>(truncatingIfNeeded: narrow)
      narrow = SIMD8<Int16>()
      narrowFrom = features
    }
    @inline(__always) func push(_ byte: UInt8) {
      gram = gram >> 8 | UInt32(byte) << 24
      if gram & 0xFF != 0 { add(gram ^ 0x5BD1_E995) }
    }
    @inline(__always) func endToken() {
      add(hash ^ 1)
      if hasPrevious { add((previous &* 31 &+ hash) ^ 2) }
      previous = hash
      hasPrevious = true
      hash = 0x811C_9DC5
      length = 0
      if features &- narrowFrom >= Self.narrowAdds { widen() }
    }
    let count = bytes.count
    var index = 0
    // A token the previous piece left open ends at a separator here.
    if length > 0, count > 0, fold[Int(bytes[0])] == 0 { endToken() }
    while index < count {
      var folded = fold[Int(bytes[index])]
      if folded == 0 {
        index &+= 1
        continue
      }
      if length == 0 && hasPrevious { push(0x20) }
      // A token's first 32 bytes are hashed and make n-grams, the rest only
      // count: two loops, so that the letter loop tests the length once.
      while length < 32 {
        hash = (hash ^ UInt32(folded)) &* 0x0100_0193
        push(folded)
        length &+= 1
        index &+= 1
        folded = index < count ? fold[Int(bytes[index])] : 0
        if folded == 0 { break }
      }
      while folded != 0 {
        length &+= 1
        index &+= 1
        folded = index < count ? fold[Int(bytes[index])] : 0
      }
      // The piece may end inside the token: the next one or `finish` ends it.
      if index == count { break }
      endToken()
    }
    if finish {
      if length > 0 { endToken() }
      if hasPrevious { push(0x20) }
    }
    widen()
    self.sums = sums
    self.features = features
    self.gram = gram
    self.hash = hash
    self.length = length
    self.previous = previous
    self.hasPrevious = hasPrevious
  }

  /// Ends the text: its last token, and the space the n-gram stream ends with.
  mutating func finish(table: UnsafeBufferPointer<SIMD8<Int8>>) {
    scan(UnsafeBufferPointer(start: nil, count: 0), table: table, fold: UnsafeBufferPointer(start: nil, count: 0), finish: true)
  }

  /// Whether the rest of a text would add the same features to both scans
  /// (equal grams have had as many bytes pushed, up to the three that
  /// make the first whole gram).
  func sameState(_ other: FeatureScanner) -> Bool {
    gram == other.gram && hash == other.hash && min(length, 32) == min(other.length, 32) && previous == other.previous
      && hasPrevious == other.hasPrevious
  }

  /// Continues with what `other` added after it was `since`, from which
  /// on this scan and `other` were in the same state.
  mutating func take(_ other: FeatureScanner, since: FeatureScanner) {
    let sums = self.sums &+ (other.sums &- since.sums)
    let features = self.features + (other.features - since.features)
    self = other
    self.sums = sums
    self.features = features
  }
}
