/// Where in a field the token rules (names, addresses, letter-and-digit
/// ids) can find anything, found without cutting the field into tokens.
///
/// Why seeds: every address and id rule needs a token with a digit, and a
/// name needs a capitalised word (or a lower-case one right after "my name
/// is", "call me" or a title with a dot, which the `pii_name_cue` pattern
/// marks). Ordinary prose has a capitalised word per sentence and few
/// digits, so one word-at-a-time pass over the bytes finds the digits and
/// the capitalised words, and each capitalised word is judged on the bytes
/// around it: a word that is in no name list, after no cue word and before
/// no other capitalised word cannot be, or start, a name (see
/// `PersonNames.evaluate`), so it is no seed. Only the seeds are then cut
/// into tokens, with margins (`TokenWindows`).
struct NameSeeds {
  // The name lists load on first use (`NameList`); the word sets are small.
  private var firstNames: NameList { NameList.first }
  private var lastNames: NameList { NameList.last }
  private let cues = WordLists.nameCues
  private let packedCues = WordLists.packedNameCues
  private let classes = WordClasses.shared
  private let and = WordLists.keys.and

  /// What the pass over a field found.
  struct Scan {
    /// A word starting with an upper-case ASCII letter: the field is not
    /// caseless (`PersonNames`), so the windows may read it.
    var capitalised = false
    /// Seeds lie closer than one group (seeds within 96 bytes of each
    /// other) per 320 bytes, or capitalised words closer than one per 64
    /// bytes (titles, lists of names): the windows would cover most of the
    /// field, and one pass over all its tokens is cheaper. The pass stops
    /// here.
    var dense = false
    private var groups = 0
    private var last = Int.min / 2
    private var judged = 0

    /// Counts a capitalised word to judge.
    mutating func judging(fieldSize: Int) {
      judged += 1
      if judged >= 3 && judged * 64 > fieldSize { dense = true }
    }

    mutating func add(_ position: Int, to seeds: inout [Int], fieldSize: Int) {
      seeds.append(position)
      if position - last > 96 { groups += 1 }
      last = position
      if groups * 320 > fieldSize { dense = true }
    }
  }

  /// Appends the byte offsets of the seeds, ascending: digit runs when
  /// `digits`, capitalised words that may be names when `names`.
  func find(_ bytes: UnsafeBufferPointer<UInt8>, digits: Bool, names: Bool, into seeds: inout [Int]) -> Scan {
    var scan = Scan()
    guard let base = bytes.baseAddress else { return scan }
    let count = bytes.count
    // Most prose fields have capitalised words closer than one per 64
    // bytes, which makes them dense (`Scan.judging`) after judging that
    // many of them one by one, only for the field to be read whole. The
    // pass below judges every such word until it finds the field dense
    // (`mark`), so counting them first, eight bytes at a time, tells the
    // same outcome before any is judged.
    if names {
      let needed = max(3, count / 64 + 1)
      if Self.capitalisedWords(bytes, limit: needed) >= needed {
        scan.capitalised = true
        scan.dense = true
        return scan
      }
    }
    // Marks below `skip` are inside a word already judged.
    var skip = 0
    /// Judges the bytes marked in `marks` (bit k: byte `index + k`); false
    /// once the seeds are dense.
    func visit(_ marks: UInt32, _ index: Int) -> Bool {
      var marks = marks
      while marks != 0 {
        let position = index + marks.trailingZeroBitCount
        marks &= marks - 1
        if position >= skip {
          skip = mark(bytes, position, digits, names, &scan, &seeds)
          if scan.dense { return false }
        }
      }
      return true
    }
    var index = 0
    // Thirty-two bytes at a time: the bytes 0x30...0x5A (digits, upper-case
    // letters and the few signs between them) and non-ASCII bytes set the
    // high bit of their byte in `marks`; `mark` sorts them out.
    while index + 32 <= count {
      let pointer = UnsafeRawPointer(base + index)
      let words = (Self.marks(Self.load(pointer)), Self.marks(Self.load(pointer + 8)), Self.marks(Self.load(pointer + 16)), Self.marks(Self.load(pointer + 24)))
      if words.0 | words.1 | words.2 | words.3 != 0 {
        // One bit per byte, in byte order.
        let marks = Self.gather(words.0) | Self.gather(words.1) << 8 | Self.gather(words.2) << 16 | Self.gather(words.3) << 24
        guard visit(marks, index) else { return scan }
      }
      index += 32
    }
    // Then eight at a time, and the last up to seven bytes through the word
    // that ends the field (or a copy of a field shorter than a word).
    while index < count {
      let marks: UInt32
      if index + 8 <= count {
        marks = Self.gather(Self.marks(Self.load(UnsafeRawPointer(base + index))))
      } else if count >= 8 {
        marks = Self.gather(Self.marks(Self.load(UnsafeRawPointer(base + count - 8)))) >> (index - (count - 8))
      } else {
        var word: UInt64 = 0
        for offset in 0..<count { word |= UInt64(bytes[offset]) << (8 * offset) }
        marks = Self.gather(Self.marks(word))
      }
      guard visit(marks, index) else { return scan }
      index += 8
    }
    return scan
  }

  /// How many upper-case ASCII letters follow a hard break
  /// (`TextTokens.isHardBreak`) or start the field: the words `mark`
  /// judges. Counting stops at `limit` or a little beyond.
  static func capitalisedWords(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let count = bytes.count
    var found = 0
    var index = 0
    // The high bit of the byte before the word's first: a hard break.
    var carry: UInt64 = 0x80
    while index + 8 <= count {
      let word = load(UnsafeRawPointer(base + index))
      let ascii = word & 0x7F7F_7F7F_7F7F_7F7F
      let high: UInt64 = 0x8080_8080_8080_8080
      // Per byte, in its high bit (no carries cross bytes of 7-bit values).
      let upper = (ascii &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(ascii &+ 0x2525_2525_2525_2525)
      let digit = (ascii &+ 0x5050_5050_5050_5050) & ~(ascii &+ 0x4646_4646_4646_4646)
      let folded = ascii | 0x2020_2020_2020_2020
      let letter = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(folded &+ 0x0505_0505_0505_0505)
      let apostrophe = ascii ^ 0x2727_2727_2727_2727, hyphen = ascii ^ 0x2D2D_2D2D_2D2D_2D2D
      let notApostrophe = apostrophe &+ 0x7F7F_7F7F_7F7F_7F7F, notHyphen = hyphen &+ 0x7F7F_7F7F_7F7F_7F7F
      let hardBreak = ~word & ~digit & ~letter & notApostrophe & notHyphen & high
      let starts = upper & ~word & high & (hardBreak << 8 | carry)
      found += starts.nonzeroBitCount
      if found >= limit { return found }
      carry = hardBreak >> 56
      index += 8
    }
    var previousBreak = carry != 0
    while index < count {
      let byte = bytes[index]
      if previousBreak && PIIBytes.isUpper(byte) { found += 1 }
      previousBreak = TextTokens.isHardBreak(byte)
      index += 1
    }
    return found
  }

  @inline(__always) private static func load(_ pointer: UnsafeRawPointer) -> UInt64 {
    UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
  }

  /// The high bit of each of the eight bytes of `word` that is 0x30...0x5A
  /// or non-ASCII. For a 7-bit value v, v + 0x50 has its high bit set when
  /// v >= 0x30 and v + 0x25 when v >= 0x5B, with no carry between bytes.
  @inline(__always) private static func marks(_ word: UInt64) -> UInt64 {
    let ascii = word & 0x7F7F_7F7F_7F7F_7F7F
    return (((ascii &+ 0x5050_5050_5050_5050) ^ (ascii &+ 0x2525_2525_2525_2525)) | word) & 0x8080_8080_8080_8080
  }

  /// The high bits of the eight bytes of `marks` as the low eight bits of
  /// the result (the multiplication moves byte k's bit to bit 56 + k).
  @inline(__always) private static func gather(_ marks: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: ((marks >> 7) &* 0x0102_0408_1020_4080) >> 56)
  }

  /// Judges the marked byte at `position`; returns where the next mark may be.
  private func mark(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int, _ digits: Bool, _ names: Bool, _ scan: inout Scan, _ seeds: inout [Int]) -> Int {
    let byte = bytes[position]
    if byte < 0x80 && !PIIBytes.isAlnum(byte) { return position + 1 }
    let before: UInt8 = position > 0 ? bytes[position - 1] : 0x20
    if PIIBytes.isDigit(byte) {
      if digits { scan.add(position, to: &seeds, fieldSize: bytes.count) }
      var end = position + 1
      while end < bytes.count, PIIBytes.isAlnum(bytes[end]) { end += 1 }
      return end
    }
    // Inside a word that began before: its first byte decided.
    if PIIBytes.isAlnum(before) { return position + 1 }
    if byte < 0x80 {
      guard TextTokens.isHardBreak(before) else {
        // After an apostrophe, hyphen or non-ASCII byte the word may have
        // begun earlier: a seed, to be cut into tokens.
        if names { scan.add(position, to: &seeds, fieldSize: bytes.count) }
        return position + 1
      }
      scan.capitalised = true
      guard names else { return position + 1 }
      scan.judging(fieldSize: bytes.count)
      if scan.dense { return position + 1 }
      let (isSeed, end) = judge(bytes, position)
      if isSeed { scan.add(position, to: &seeds, fieldSize: bytes.count) }
      return end
    }
    // A non-ASCII letter that may start a word: a seed when upper-case.
    if names, TextTokens.classes[Int(byte)] == 4, TextTokens.isUpperScalar(bytes, position) {
      scan.add(position, to: &seeds, fieldSize: bytes.count)
    }
    return position + 1
  }

  /// `WordLists.hash` of `bytes[start..<end]`.
  @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    var hash = WordLists.hashSeed
    for index in start..<end { hash = WordLists.hash(hash, bytes[index]) }
    return hash
  }

  /// Where the run of ASCII letters from `start` ends, eight bytes at a
  /// time: a byte is a letter when, with bit 5 set, it is 0x61...0x7A.
  @inline(__always) private static func letters(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var end = start
    while end + 8 <= bytes.count {
      let word = load(UnsafeRawPointer(bytes.baseAddress! + end))
      let folded = (word | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
      let letters = ((folded &+ 0x1F1F_1F1F_1F1F_1F1F) ^ (folded &+ 0x0505_0505_0505_0505)) & ~word
      let others = ~letters & 0x8080_8080_8080_8080
      if others != 0 { return end + others.trailingZeroBitCount >> 3 }
      end += 8
    }
    while end < bytes.count, PIIBytes.isLetter(bytes[end]) { end += 1 }
    return end
  }

  /// Whether the word at `start` (an upper-case ASCII letter after a hard
  /// break) is a seed, and where it ends. Not a seed only when the bytes
  /// show for sure that `PersonNames` finds nothing in it: an ASCII word
  /// in no first-name list, not after a cue word (`WordLists.nameCues`;
  /// a title before its dot is marked by `pii_name_cue` instead), not
  /// followed by a capitalised word or a particle (no chain), a
  /// frequent surname only at a sentence start (no "surname" score), and
  /// not a frequent surname before "and" (no pair of names). Anything
  /// unusual around it (non-ASCII, apostrophes, hyphens) makes it a seed.
  /// Words of up to eight bytes are compared packed (`PackedWords`), not
  /// hashed.
  private func judge(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> (Bool, Int) {
    let count = bytes.count
    let end = Self.letters(bytes, from: start)
    guard end == count || TextTokens.isHardBreak(bytes[end]) else { return (true, end) }
    // A first name (tested first: most words miss the list's filter, and
    // the checks below run while its cache line arrives).
    if end - start <= 8, let short = firstNames.short {
      if short.contains(PackedWords.pack(bytes, start, end)) { return (true, end) }
    } else if firstNames.frequency(hash: Self.hash(bytes, start, end)) > 0 {
      return (true, end)
    }
    // The gap before the word, and the word before that. At a sentence
    // start after a word of two or more letters (". " the gap) the word is
    // not tight and only a title can apply, which `pii_name_cue` marks.
    if start >= 4, bytes[start - 1] == 0x20, bytes[start - 2] == 0x2E, PIIBytes.isAlnum(bytes[start - 3]), PIIBytes.isAlnum(bytes[start - 4]) {
      return (after(bytes, start, end, breakBefore: true), end)
    }
    var gapStart = start
    while gapStart > 0 {
      let byte = bytes[gapStart - 1]
      if byte >= 0x80 { return (true, end) }
      if PIIBytes.isAlnum(byte) { break }
      gapStart -= 1
    }
    var breakBefore = true
    if gapStart > 0 {
      // The word before is an initial when one letter long (its run of
      // letters and digits; a longer token around it only adds checks).
      let initial = PIIBytes.isLetter(bytes[gapStart - 1]) && (gapStart < 2 || !PIIBytes.isAlnum(bytes[gapStart - 2]))
      // The gap as the tokenizer sees it: a break, its last sign, and
      // whether the word is "tight" after the one before.
      breakBefore = false
      var punctuation: UInt8 = 0
      for gap in gapStart..<start {
        let byte = bytes[gap]
        switch byte {
        case 0x0A, 0x0D, 0x09: breakBefore = true
        case 0x21, 0x3F, 0x22: breakBefore = true; punctuation = byte
        case 0x2E: if !initial { breakBefore = true }; punctuation = byte
        case 0x20: break
        default: punctuation = byte
        }
      }
      let gap = start - gapStart
      let tight = (gap == 1 && bytes[gapStart] == 0x20) || (gap == 2 && initial && bytes[gapStart] == 0x2E && bytes[gapStart + 1] == 0x20)
      // Which words before can matter (`PersonNames.evidence`, `joined`):
      // any cue when tight or after ":", "," or "?"; otherwise only a title
      // right before its dot ("Dr. Smith"), and `pii_name_cue` marks those.
      if tight || punctuation == 0x3A || punctuation == 0x2C || punctuation == 0x3F {
        var wordStart = gapStart - 1
        while wordStart > 0, PIIBytes.isAlnum(bytes[wordStart - 1]) { wordStart -= 1 }
        if wordStart > 0, !TextTokens.isHardBreak(bytes[wordStart - 1]) { return (true, end) }
        let cue = gapStart - wordStart <= 8
          ? packedCues.contains(PackedWords.pack(bytes, wordStart, gapStart)) : cues.contains(Self.hash(bytes, wordStart, gapStart))
        if cue { return (true, end) }
      }
    }
    return (after(bytes, start, end, breakBefore: breakBefore), end)
  }

  /// Whether the word after `bytes[start..<end]` (judged above) makes it a
  /// seed: a chain or an "and"; then a frequent surname where that scores.
  @inline(__always) private func after(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, breakBefore: Bool) -> Bool {
    let count = bytes.count
    // The common case: one space, then a lower-case word of five or more
    // letters (no particle, no "and").
    if !breakBefore || end + 1 >= count || bytes[end] != 0x20 || !PIIBytes.isLower(bytes[end + 1]) || Self.letters(bytes, from: end + 1) - end - 1 < 5 {
      return afterInFull(bytes, start, end, breakBefore: breakBefore)
    }
    return false
  }

  private func afterInFull(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, breakBefore: Bool) -> Bool {
    let count = bytes.count
    var beforeAnd = false
    var next = end
    while next < count {
      let byte = bytes[next]
      if byte >= 0x80 { return true }
      if PIIBytes.isAlnum(byte) { break }
      next += 1
    }
    if next < count, PIIBytes.isLetter(bytes[next]) {
      let tight = (next - end == 1 && bytes[end] == 0x20)
        || (next - end == 2 && bytes[end] == 0x2E && bytes[end + 1] == 0x20 && end - start == 1)
      if tight && PIIBytes.isUpper(bytes[next]) { return true }
      var runEnd = next
      while runEnd < count, runEnd - next < 5, PIIBytes.isLetter(bytes[runEnd]) { runEnd += 1 }
      if runEnd - next < 5 {
        let whole = runEnd == count || TextTokens.isHardBreak(bytes[runEnd])
        if tight, !whole || classes.of(Self.hash(bytes, next, runEnd)).contains(.particle) { return true }
        // "and's" is the token "and" too.
        beforeAnd = runEnd - next == 3 && (!whole || Self.hash(bytes, next, runEnd) == and)
      }
    }
    if !breakBefore || beforeAnd {
      let hash = Self.hash(bytes, start, end)
      if classes.of(hash).isDisjoint(with: .commonOrPlace) {
        let surname = lastNames.frequency(hash: hash)
        if (surname >= 5 && !breakBefore) || (surname >= 10 && beforeAnd) { return true }
      }
    }
    return false
  }
}

/// Cuts windows of tokens around seeds: each seed's token with at least
/// `margin` tokens before and after it (fewer only at the field's ends),
/// overlapping windows merged. Every name, address and id rule reads less
/// than `margin` tokens around the seed it needs, so the rules find the
/// same in the windows as in the whole field.
///
/// Why resume points: a token's attributes depend on the gap before it and
/// on whether the token before was an initial, so cutting must start where
/// that is known from the bytes alone (`TextTokens.isResumePoint`): the
/// window starts at the resume point `margin + 1` resume points before the
/// seed, each of which ends a distinct token. Text without resume points
/// (no two ASCII letters in a row) is read from the start, in one window.
struct TokenWindows {
  static let margin = 8

  private let bytes: UnsafeBufferPointer<UInt8>
  private let seeds: [Int]
  private var nextSeed = 0
  private var tokenizer: TextTokenizer
  /// Where the next window starts, found while closing the last one.
  private var pendingStart: Int?

  init(_ bytes: UnsafeBufferPointer<UInt8>, seeds: [Int]) {
    self.bytes = bytes
    self.seeds = seeds
    tokenizer = TextTokenizer(bytes)
  }

  /// Fills `tokens` with the next window; nil when none is left. `cutBefore`
  /// (`cutAfter`) is set when tokens of the field precede (follow) it.
  mutating func next(into tokens: inout [TextToken]) -> (cutBefore: Bool, cutAfter: Bool)? {
    guard nextSeed < seeds.count else { return nil }
    tokens.removeAll(keepingCapacity: true)
    if let start = pendingStart ?? resumePoint(before: seeds[nextSeed]) {
      tokenizer = TextTokenizer(bytes, resumingAt: start)
    }
    pendingStart = nil
    let cutBefore = tokenizer.position > 0
    var lastSeed = -1
    // The seed beyond the margin that was found to be near: read on to it.
    var nearSeed = -1
    while let token = tokenizer.next() {
      tokens.append(token)
      while nextSeed < seeds.count, seeds[nextSeed] < token.end {
        lastSeed = tokens.count - 1
        nextSeed += 1
      }
      guard lastSeed >= 0, tokens.count - 1 - lastSeed >= Self.margin else { continue }
      guard nextSeed < seeds.count else { return (cutBefore, true) }
      if nearSeed == nextSeed { continue }
      if let start = resumePoint(before: seeds[nextSeed]) {
        pendingStart = start
        return (cutBefore, true)
      }
      nearSeed = nextSeed
    }
    // Seeds left are in the gap after the last token.
    nextSeed = seeds.count
    return (cutBefore, false)
  }

  /// The resume point with `margin` tokens between it and the token of a
  /// seed at `position`, not before where the tokenizer stands; nil when
  /// there is none.
  private func resumePoint(before position: Int) -> Int? {
    var found = 0
    var point = position - 1
    let floor = max(tokenizer.position, 2)
    while point >= floor {
      if TextTokens.isResumePoint(bytes, point) {
        found += 1
        if found > Self.margin { return point }
      }
      point -= 1
    }
    return nil
  }
}
