/// One pass over a view's bytes that answers, before any real work, the two
/// questions the normaliser asks of every field: could folding change it,
/// and could it hold an encoded blob.
///
/// Why: both used to be answered by their own byte loop, each with a branch
/// per byte that mispredicts at every word boundary; together they were
/// about a tenth of tp-scan's time on ordinary prose, where the answer is
/// almost always no. Here a byte costs one table lookup, a shift into a
/// history of the last eight bytes' classes, and two masked comparisons on
/// that history, with no data-dependent branch.
///
/// `mayFold` is exact: it is the test folding itself would make (any
/// non-ASCII byte; a leetspeak symbol between two letters; letters spaced
/// out one by one, "i g n o r e", not preceded by a letter), over the first
/// `foldLimit` bytes. `mayHoldBlob` is a necessary condition for
/// `BlobDecoder.blobs` to find anything: a run of the base64 alphabet long
/// enough for a blob, or a percent sign (a percent-encoded blob mixes
/// escapes with other URL bytes). Tests hold both to their definitions.
struct ByteSurvey {
  private(set) var mayFold = false
  private(set) var mayHoldBlob = false

  init(_ bytes: [UInt8], foldLimit: Int) {
    let minRun = UInt32(min(BlobDecoder.minBase64, BlobDecoder.minHex))
    var fold: UInt32 = 0
    var seen: UInt8 = 0
    var longestRun: UInt32 = 0
    bytes.withUnsafeBufferPointer { buffer in Self.classes.withUnsafeBufferPointer { classes in
      var history: UInt32 = 0
      var run: UInt32 = 0
      @inline(__always) func step(_ byte: UInt8) -> UInt8 {
        let byteClass = classes[Int(byte)]
        history = history << Self.width | UInt32(byteClass & Self.historyBits)
        run = (run &+ 1) & (0 &- Self.bit(byteClass & Self.base64 != 0))
        longestRun = max(longestRun, run)
        return byteClass
      }
      let foldEnd = min(foldLimit, buffer.count)
      for index in 0..<foldEnd {
        seen |= step(buffer[index])
        fold |= Self.bit(history & Self.leetMask == Self.leetPattern) | Self.bit(history & Self.spacedMask == Self.spacedPattern)
      }
      var beyond: UInt8 = 0
      for index in foldEnd..<buffer.count { beyond |= step(buffer[index]) }
      mayFold = fold != 0 || seen & Self.nonASCII != 0
      seen |= beyond
    } }
    mayHoldBlob = seen & Self.percent != 0 || longestRun >= minRun
  }

  // Byte classes. The low three bits go into the history, three per byte.
  static let letter: UInt8 = 1
  static let space: UInt8 = 2
  static let leet: UInt8 = 4
  static let base64: UInt8 = 8
  static let percent: UInt8 = 16
  static let nonASCII: UInt8 = 32
  static let historyBits: UInt8 = 7
  static let width: UInt32 = 3

  /// A class in the history, `back` bytes before the current one.
  static func at(_ back: UInt32, _ byteClass: UInt8) -> UInt32 { UInt32(byteClass) << (back * width) }

  /// Letter, leetspeak symbol, letter ("p4ss", "h@ck"), the symbol one back.
  static let leetMask = at(0, letter) | at(1, leet) | at(2, letter)
  static let leetPattern = leetMask
  /// "x y z w": letters at 0, 2, 4, 6 and spaces at 1, 3, 5, no letter at 7.
  static let spacedMask = (0...7).reduce(UInt32(0)) { mask, back in
    mask | at(UInt32(back), back == 7 ? letter : back % 2 == 0 ? letter : space)
  }
  static let spacedPattern = (0...6).reduce(UInt32(0)) { pattern, back in
    pattern | at(UInt32(back), back % 2 == 0 ? letter : space)
  }

  static let classes: [UInt8] = (0..<256).map { value in
    let shared = ByteClasses.table[value]
    var classes: UInt8 = 0
    if shared & ByteClasses.letter != 0 { classes |= letter }
    if value == 0x20 { classes |= space }
    if shared & ByteClasses.leet != 0 { classes |= leet }
    if shared & ByteClasses.base64 != 0 { classes |= base64 }
    if value == 0x25 { classes |= percent }
    if shared & ByteClasses.nonASCII != 0 { classes |= nonASCII }
    return classes
  }

  /// 1 or 0, for arithmetic in place of branches.
  @inline(__always)
  private static func bit(_ condition: Bool) -> UInt32 { condition ? 1 : 0 }
}
