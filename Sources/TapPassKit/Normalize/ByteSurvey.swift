/// One pass over a view's bytes that answers, before any real work, the two
/// questions the normaliser asks of every field: could folding change it,
/// and could it hold an encoded blob.
///
/// Why: both used to be answered by their own byte loop, each with a branch
/// per byte that mispredicts at every word boundary; then by one branchless
/// loop that still cost a few cycles a byte (~6% of tp-scan on prose). Here
/// the bytes go 32 at a time through SIMD comparisons with no
/// data-dependent branch. A byte's neighbours are seen by loading the same
/// buffer again at offsets -1 ... -7 (portable Swift SIMD has no lane shift),
/// so each pattern is tested at every position of a block at once.
///
/// `mayFold` is exact: it is the test folding itself would make (any
/// non-ASCII byte; a leetspeak symbol between two letters; letters spaced
/// out one by one, "i g n o r e", not preceded by a letter), over the first
/// `foldLimit` bytes. `mayHoldBlob` is a necessary condition for
/// `BlobDecoder.blobs` to find anything: a run of the base64 alphabet at
/// least `min(BlobDecoder.minBase64, BlobDecoder.minHex)` long, or a
/// percent sign (a percent-encoded blob mixes escapes with other URL bytes).
/// Tests hold both to their definitions.
struct ByteSurvey {
  private(set) var mayFold = false
  private(set) var mayHoldBlob = false

  typealias Block = SIMD32<UInt8>
  typealias Mask = SIMDMask<Block.MaskStorage>
  /// Bytes before a block that its patterns look at ("x y z w" spans 8).
  static let lookBehind = 7

  init(_ bytes: [UInt8], foldLimit: Int) {
    let foldEnd = max(0, min(foldLimit, bytes.count))
    var state = State()
    bytes.withUnsafeBytes { buffer in
      let count = buffer.count
      guard count > 0, let base = buffer.baseAddress else { return }
      let width = Block.scalarCount
      var start = 0
      // Blocks that can read their look-behind and 32 bytes straight from
      // the buffer; the first block and the tail go through a zero-padded
      // copy (a zero byte is in no class, as before the text starts).
      while start + width <= count {
        if start < Self.lookBehind { state.scanPadded(base, count: count, start: start, foldEnd: foldEnd) }
        else { state.scan(base + start, foldLanes: foldEnd - start) }
        start += width
      }
      if start < count { state.scanPadded(base, count: count, start: start, foldEnd: foldEnd) }
    }
    mayFold = State.isTrue(anywhere: state.fold)
    mayHoldBlob = State.isTrue(anywhere: state.percent) || state.longRun != 0
  }

  struct State {
    var fold = Mask(repeating: false)
    var percent = Mask(repeating: false)
    /// Base64-class bits of the previous block, one per byte.
    var previousRun: UInt64 = 0
    /// Nonzero once a long enough base64 run has been seen.
    var longRun: UInt64 = 0

    /// The block at `start`, copied with its look-behind into a buffer
    /// padded with zeros, so that no load leaves the text.
    @inline(never)
    mutating func scanPadded(_ base: UnsafeRawPointer, count: Int, start: Int, foldEnd: Int) {
      var padded = SIMD64<UInt8>()
      let from = max(0, start - ByteSurvey.lookBehind), to = min(count, start + Block.scalarCount)
      withUnsafeMutableBytes(of: &padded) { window in
        let origin = 8 - (start - from)
        window.baseAddress!.advanced(by: origin).copyMemory(from: base + from, byteCount: to - from)
        scan(UnsafeRawPointer(window.baseAddress! + 8), foldLanes: foldEnd - start)
      }
    }

    /// The 32 bytes at `block`, with 7 readable bytes before it; only the
    /// first `foldLanes` of them count for folding.
    ///
    /// Only operators the standard library maps to single instructions on
    /// concrete SIMD types: comparisons, wrapping arithmetic, mask logic,
    /// all vector with vector. Vector-scalar operators and bitwise `|` `&`
    /// on vectors go through a generic lane-by-lane loop (a hundred times
    /// slower here).
    @inline(__always)
    mutating func scan(_ block: UnsafeRawPointer, foldLanes: Int) {
      @inline(__always) func load(_ offset: Int) -> Block { block.loadUnaligned(fromByteOffset: offset, as: Block.self) }
      @inline(__always) func all(_ byte: UInt8) -> Block { Block(repeating: byte) }
      @inline(__always) func isLetter(_ bytes: Block) -> Mask {
        (bytes &- all(0x41) .< all(26)) .| (bytes &- all(0x61) .< all(26))
      }
      let space = all(0x20)
      let here = load(0), back1 = load(-1)
      let letter = isLetter(here), letter2 = isLetter(load(-2))
      // CharacterFolding.leet: 0 1 3 4 5 7 @ $ ! |
      let leet =
        (back1 &- all(0x30) .< all(8)) .& (back1 .!= all(0x32)) .& (back1 .!= all(0x36)) .| (back1 .== all(0x40))
        .| (back1 .== all(0x24)) .| (back1 .== all(0x21)) .| (back1 .== all(0x7C))
      let spaced =
        (back1 .== space) .& (load(-3) .== space) .& (load(-5) .== space) .& isLetter(load(-4)) .& isLetter(load(-6))
        .& .!isLetter(load(-7))
      let lanes = Block(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31)
      let counted = lanes .< all(UInt8(clamping: foldLanes))
      // No branch on the answer: a test per block mispredicts on ordinary
      // text and made the compiler handle masks one lane at a time.
      fold = fold .| counted .& (here .>= all(0x80) .| letter .& letter2 .& (leet .| spaced))

      percent = percent .| (here .== all(0x25))
      // The base64 alphabet (ByteClasses.base64): letters, digits, + / - _
      let base64 =
        letter .| (here &- all(0x30) .< all(10)) .| (here .== all(0x2B)) .| (here .== all(0x2F)) .| (here .== all(0x2D))
        .| (here .== all(0x5F))
      let run = Self.bits(base64)
      // A run long enough for a blob that ends in this block lies within it
      // and the previous block (the minimum is at most 33), so look for
      // that many consecutive ones in their bits side by side.
      longRun |= Self.hasRun(previousRun | run << 32, min(BlobDecoder.minBase64, BlobDecoder.minHex))
      previousRun = run
    }

    /// Whether any lane is true (cheaper than `any`, a lane-by-lane reduction).
    @inline(__always)
    static func isTrue(anywhere mask: Mask) -> Bool {
      let words = unsafeBitCast(mask, to: SIMD4<UInt64>.self)
      return words[0] | words[1] | words[2] | words[3] != 0
    }

    /// One bit per lane, lane 0 lowest. Each 8-byte word of 0/1 bytes is
    /// gathered into its top byte by one multiplication: byte k lands on
    /// bit 56 + k and no two partial products share a bit, so nothing carries.
    @inline(__always)
    static func bits(_ mask: Mask) -> UInt64 {
      // A true lane is all ones (-1) in the mask's storage; 0 - (-1) = 1.
      let ones = Block(repeating: 0) &- unsafeBitCast(mask, to: Block.self)
      let words = unsafeBitCast(ones, to: SIMD4<UInt64>.self)
      var bits: UInt64 = 0
      for word in 0..<4 {
        bits |= ((UInt64(littleEndian: words[word]) &* 0x0102_0408_1020_4080) >> 56) << (8 * word)
      }
      return bits
    }

    /// Nonzero when `ones` holds `length` consecutive set bits: AND-ing the
    /// bits with themselves shifted leaves a bit where `have` ones start,
    /// and `have` doubles each step (1, 2, 4, 8, 16 for a length of 16).
    @inline(__always)
    static func hasRun(_ ones: UInt64, _ length: Int) -> UInt64 {
      var ones = ones, have = 1
      while have < length {
        let step = min(have, length - have)
        ones &= ones >> step
        have += step
      }
      return ones
    }
  }
}
