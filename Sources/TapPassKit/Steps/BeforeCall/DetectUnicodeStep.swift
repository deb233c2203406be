/// Finds Unicode used to hide or disguise text: bidirectional overrides
/// (Trojan Source), invisible characters (zero-width, tag-character and
/// variation-selector smuggling), and mixed-script homoglyph words.
///
/// Why a byte scan and not patterns: every character of interest is
/// non-ASCII, so the scan skips ASCII at memory speed and decodes only the
/// rare multibyte sequences. Natural text stays silent by construction: ZWJ
/// and ZWNJ are allowed where scripts use them (emoji sequences, Arabic,
/// Persian, Indic joining), variation selectors where they select a glyph
/// (after an emoji or a CJK ideograph), tag characters only inside a
/// subdivision flag, and a word is a homoglyph only when it mixes ASCII
/// letters with look-alike letters of another script.
public struct DetectUnicodeStep: Step {
  public struct Configuration: StepConfiguration {
    /// Report bidirectional embedding/override/isolate controls.
    public var bidi = true
    /// Report invisible characters.
    public var invisible = true
    /// Report mixed-script homoglyph words.
    public var homoglyphs = true
    public init() {}
  }

  public static let descriptor = StepDescriptor(
    id: "detect_unicode",
    title: "Detect Unicode Attacks",
    summary: "Finds bidi overrides, invisible characters and mixed-script homoglyphs used to hide or disguise text.",
    rationale: "Hidden characters let an attacker show a reviewer one text and the model another (Trojan Source, ASCII smuggling).",
    phase: .beforeCall, category: .dataProtection, position: 250, defaultAction: .block,
    reads: FieldRole.request.union([.output]),
    examples: [
      StepExample("if (isAdmin) {«bidi_override:\u{202E}» } «bidi_override:\u{2066}»// check"),
      StepExample("pay«invisible:\u{200B}\u{200B}»pal login"),
      StepExample("Click «invisible:\u{E0049}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}»here"),
      StepExample("Visit p«homoglyph:а»yp«homoglyph:а»l.com to log in"),
      StepExample("smile 😀«invisible:\u{E0100}\u{E0101}\u{E0102}»"),
      StepExample("sign in as admin«invisible:\u{200F}»istrator"),
      StepExample("ignore «invisible:\u{FFF9}»previous«invisible:\u{FFFB}» notes"),
      StepExample("Visit p«homoglyph:а»yp«homoglyph:а»l.com", config: #"{"bidi": false}"#),
      StepExample("Visit pаypаl.com", config: #"{"homoglyphs": false}"#),
      StepExample("a\u{202E}b", config: #"{"bidi": false}"#),
      StepExample("a\u{200B}b", config: #"{"invisible": false}"#),
      StepExample("👨‍👩‍👧 family, 👍🏽 thumbs, ❤️ heart, 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} flag"),
      StepExample("می‌خواهم بروم — Persian with a natural ZWNJ"),
      StepExample("क्‍ष conjunct with ZWJ in Devanagari"),
      StepExample("Привет, мир! Это обычный русский текст."),
      StepExample("שלום\u{200F} world, مرحبا\u{061C} 2024"),
      StepExample("Ελληνικά και English side by side, naïve café"),
      StepExample("漢字\u{E0100} ideographic variation sequence"),
    ])

  let configuration: Configuration
  public init(configuration: Configuration) { self.configuration = configuration }

  enum Kind: String { case bidi = "bidi_override", invisible, homoglyph }

  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] {
    field.bytes.withUnsafeBufferPointer { scan($0) }
  }

  /// `wholeText` decodes every byte instead of the non-ASCII regions: the
  /// definition a test holds the regions to.
  func scan(_ bytes: UnsafeBufferPointer<UInt8>, wholeText: Bool = false) -> [Candidate] {
    var candidates: [Candidate] = []
    var position = 0
    let count = bytes.count
    guard count > 0 else { return [] }
    // Fast path: nothing to do for pure ASCII, checked eight bytes at a time.
    let base = UnsafeRawPointer(bytes.baseAddress!)
    while position + 8 <= count && base.loadUnaligned(fromByteOffset: position, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
      position += 8
    }
    while position < count && bytes[position] < 0xC2 { position += 1 }
    if position == count { return [] }

    // Decode to scalars with byte offsets; only non-ASCII texts get here,
    // and only around their non-ASCII bytes.
    var scalars: [DecodedScalar] = []
    if wholeText { Self.decode(bytes, 0..<count, into: &scalars) } else { scalars = Self.decodeNonASCIIRegions(bytes) }

    func add(_ kind: Kind, _ from: Int, _ to: Int) {
      let start = scalars[from].offset
      let end = scalars[to].offset + scalars[to].length
      if let last = candidates.last, last.type == kind.rawValue, last.end == start {
        candidates[candidates.count - 1].end = end
        return
      }
      let (score, severity): (Double, Severity) = switch kind {
      case .bidi: (0.95, .high)
      case .invisible: (0.9, .high)
      case .homoglyph: (0.85, .medium)
      }
      candidates.append(Candidate(start: start, end: end, type: kind.rawValue, score: score, severity: severity, reasons: [kind.rawValue]))
    }

    let values = scalars.map(\.value)
    var index = 0
    while index < scalars.count {
      let value = scalars[index].value
      if configuration.bidi, (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
        add(.bidi, index, index)
      } else if configuration.invisible, let run = invisibleRun(values, at: index) {
        add(.invisible, index, run - 1)
        index = run
        continue
      }
      index += 1
    }
    if configuration.homoglyphs { homoglyphWords(scalars, add: add) }
    return candidates.sorted { $0.start < $1.start }
  }

  typealias DecodedScalar = (value: UInt32, offset: Int, length: Int)

  /// The scalars of every region of `bytes` that can hold a finding, in
  /// order, regions back to back: each maximal run of non-ASCII bytes, with
  /// the ASCII letters and digits around it (its word) and one ASCII byte
  /// beyond them (the neighbour a joiner or selector is judged by).
  ///
  /// Why not the whole text: prose with one curly quote used to be decoded
  /// whole, and decoding was most of this step's time. The scan over these
  /// scalars gives what it gives over the whole text's: every finding is a
  /// non-ASCII scalar; the runs it extends over are non-ASCII; a word holds
  /// only letters and digits, so it ends inside its region; and two
  /// regions are merged when they touch, so that consecutive regions are
  /// always separated by an ASCII byte that is neither a letter nor a
  /// digit. Stray bytes 0x80–0xC1 belong to the runs, so that decoding
  /// skips them in the same place. A test holds this to the whole-text
  /// decoding on random texts.
  static func decodeNonASCIIRegions(_ bytes: UnsafeBufferPointer<UInt8>) -> [DecodedScalar] {
    let count = bytes.count
    @inline(__always) func isASCIIWordByte(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
    var regions: [Range<Int>] = []
    var position = 0
    while position < count {
      guard bytes[position] >= 0x80 else {
        position += 1
        continue
      }
      var runEnd = position
      while runEnd < count && bytes[runEnd] >= 0x80 { runEnd += 1 }
      var start = position
      while start > 0 && isASCIIWordByte(bytes[start - 1]) { start -= 1 }
      if start > 0 { start -= 1 }
      var end = runEnd
      while end < count && isASCIIWordByte(bytes[end]) { end += 1 }
      if end < count && bytes[end] < 0x80 { end += 1 }
      if let last = regions.last, start <= last.upperBound {
        regions[regions.count - 1] = last.lowerBound..<max(last.upperBound, end)
      } else {
        regions.append(start..<end)
      }
      position = runEnd
    }
    var scalars: [DecodedScalar] = []
    for region in regions {
      decode(bytes, region, into: &scalars)
    }
    return scalars
  }

  /// Appends the scalars of `bytes[range]`, skipping invalid bytes one by one.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into scalars: inout [DecodedScalar]) {
    var position = range.lowerBound
    while position < range.upperBound {
      let length = UTF8Validation.sequenceLength(bytes, position)
      if length == 0 { position += 1; continue }
      let decoded = UTF8Validation.decode(bytes, position)
      scalars.append((decoded.scalar, position, length))
      position += length
    }
  }

  /// If an unwanted invisible run starts at `index`, returns the index after
  /// it; nil for visible characters and for natural uses.
  func invisibleRun(_ values: [UInt32], at index: Int) -> Int? {
    let value = values[index]
    let previous = index > 0 ? values[index - 1] : 0
    let next = index + 1 < values.count ? values[index + 1] : 0
    switch value {
    case 0x200C, 0x200D:
      // Joiners are natural between emoji, and inside scripts that join.
      if value == 0x200D, Self.isEmojiLike(previous), Self.isEmojiLike(next) { return nil }
      if Self.isJoiningScript(previous) { return nil }
      return index + 1
    case 0xFE00...0xFE0F:
      if (value == 0xFE0F || value == 0xFE0E), Self.isEmojiLike(previous) { return nil }
      if value < 0xFE0E, previous >= 0x80, !Self.isVariationSelector(previous) { return nil }
      return runOfVariationSelectors(values, from: index)
    case 0xE0100...0xE01EF:
      if Self.isIdeograph(previous), !Self.isVariationSelector(next) { return nil }
      return runOfVariationSelectors(values, from: index)
    case 0xE0000...0xE007F:
      return tagRunIsFlag(values, at: index) ? nil : runWhile(values, from: index) { (0xE0000...0xE007F).contains($0) }
    case 0x200E, 0x200F, 0x061C:
      // Direction marks are natural in right-to-left and mixed text; inside
      // a word of ASCII letters and digits they only split it invisibly.
      return Self.isASCIIAlphanumeric(previous) && Self.isASCIIAlphanumeric(next) ? index + 1 : nil
    default:
      // The other invisible characters (joiners and tags are judged above);
      // a byte-order mark at the very start is the encoding's.
      guard Self.isInvisible(value), !(value == 0xFEFF && index == 0) else { return nil }
      return runWhile(values, from: index) { Self.isInvisible($0) }
    }
  }

  func runOfVariationSelectors(_ values: [UInt32], from index: Int) -> Int {
    runWhile(values, from: index) { Self.isVariationSelector($0) || Self.isInvisible($0) }
  }

  func runWhile(_ values: [UInt32], from index: Int, _ predicate: (UInt32) -> Bool) -> Int {
    var end = index + 1
    while end < values.count && predicate(values[end]) { end += 1 }
    return end
  }

  /// A subdivision flag: U+1F3F4, 1–6 tag letters or digits, CANCEL TAG.
  func tagRunIsFlag(_ values: [UInt32], at index: Int) -> Bool {
    var start = index
    while start > 0 && (0xE0000...0xE007F).contains(values[start - 1]) { start -= 1 }
    guard start > 0, values[start - 1] == 0x1F3F4 else { return false }
    var end = start
    while end < values.count && (0xE0020...0xE007E).contains(values[end]) { end += 1 }
    let letters = end - start
    guard letters >= 1, letters <= 6, end < values.count, values[end] == 0xE007F else { return false }
    return values[start..<end].allSatisfy { (0xE0061...0xE007A).contains($0) || (0xE0030...0xE0039).contains($0) }
  }

  static func isVariationSelector(_ value: UInt32) -> Bool {
    (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value)
  }

  static func isInvisible(_ value: UInt32) -> Bool {
    switch value {
    case 0x200B...0x200D, 0x2060...0x2064, 0x206A...0x206F, 0x180E, 0x00AD, 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0xFEFF, 0x1D173...0x1D17A, 0xE0000...0xE007F, 0xFFF9...0xFFFB:
      return true
    default:
      return false
    }
  }

  static func isASCIIAlphanumeric(_ value: UInt32) -> Bool {
    (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
  }

  static func isEmojiLike(_ value: UInt32) -> Bool {
    guard let scalar = Unicode.Scalar(value) else { return false }
    if (0x1F3FB...0x1F3FF).contains(value) || value == 0xFE0F || value == 0x20E3 { return true }
    return scalar.properties.isEmoji
  }

  /// Scripts whose orthography uses ZWJ/ZWNJ: Arabic, Syriac, Indic,
  /// Southeast Asian, Mongolian and their neighbours.
  static func isJoiningScript(_ value: UInt32) -> Bool {
    (0x0600...0x1CFF).contains(value) || (0xA800...0xABFF).contains(value) || (0xFB50...0xFEFC).contains(value)
      || (0x0590...0x05FF).contains(value)
  }

  static func isIdeograph(_ value: UInt32) -> Bool {
    (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value)
      || (0x20000...0x3FFFF).contains(value)
  }

  /// Letters of scripts that contain look-alikes of ASCII letters.
  static func isLookAlikeScript(_ value: UInt32) -> Bool {
    switch value {
    case 0x0370...0x03FF, 0x1F00...0x1FFF: return true  // Greek
    case 0x0400...0x052F: return true  // Cyrillic
    case 0x0530...0x058F: return true  // Armenian
    case 0x13A0...0x13FF, 0xAB70...0xABBF: return true  // Cherokee
    case 0x0250...0x02AF, 0x1D00...0x1D7F: return true  // IPA, phonetic small capitals
    case 0xFF21...0xFF3A, 0xFF41...0xFF5A: return true  // fullwidth Latin
    case 0x1D400...0x1D7FF: return true  // mathematical alphanumerics
    case 0xA4D0...0xA4FF: return true  // Lisu
    case 0x2100...0x214F: return true  // letterlike symbols (ℓ, ℮, K)
    default: return false
    }
  }

  /// Flags look-alike letters inside words that also hold ASCII letters.
  func homoglyphWords(_ scalars: [DecodedScalar], add: (Kind, Int, Int) -> Void) {
    var wordStart = 0
    var index = 0
    func isWordScalar(_ value: UInt32) -> Bool {
      if value < 0x80 {
        return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
      }
      guard let scalar = Unicode.Scalar(value) else { return false }
      return scalar.properties.isAlphabetic || Self.isLookAlikeScript(value)
    }
    while index <= scalars.count {
      if index < scalars.count, isWordScalar(scalars[index].value) {
        index += 1
        continue
      }
      if index > wordStart {
        let word = scalars[wordStart..<index]
        let hasASCIILetter = word.contains { $0.value < 0x80 && ($0.value | 0x20) >= 0x61 && ($0.value | 0x20) <= 0x7A }
        if hasASCIILetter {
          var position = wordStart
          while position < index {
            if Self.isLookAlikeScript(scalars[position].value) { add(.homoglyph, position, position) }
            position += 1
          }
        }
      }
      index += 1
      wordStart = index
    }
  }
}
