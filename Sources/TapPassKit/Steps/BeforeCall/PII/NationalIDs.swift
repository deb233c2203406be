/// National identity, tax and registration numbers with check digits,
/// named after python-stdnum's modules (`tr_tckimlik`, `no_fodselsnummer`).
///
/// Why keywords and strengths: most of these are 8–13 digits with one
/// mod-10 or mod-11 check, so a random number passes one format in ten.
/// A format is therefore reported only when (a) its checksum holds and (b)
/// one of its own names ("CUIT", "Kimlik", "personnummer") is written
/// before it; formats whose structure is strong on its own (two check
/// digits, or a check digit plus an embedded birth date) also accept a
/// generic "ID/tax/national number" cue. A checksum-invalid number is never
/// reported, whatever the context.
struct NationalIDFormat: Sendable {
  typealias Validator = @Sendable ([UInt8]) -> Bool
  var type: String
  var lengths: ClosedRange<Int>
  var keywords: ContextWords
  /// Strong enough to accept a generic identifier cue.
  var strong: Bool
  /// Identifies a person (high severity) rather than a company.
  var personal: Bool
  var validate: Validator
  /// Letters that must be written right before the digits ("CHE-…").
  var prefix: [UInt8]?
  /// The validator receives the type letter written before the digits, first.
  var takesLetter = false
  /// Checks what is written right after the digits, when the format has a part there.
  var suffix: (@Sendable (UnsafeBufferPointer<UInt8>, Int) -> Bool)?
  /// The only bytes that may separate digit groups, for formats without a
  /// check digit whose written form is all that tells them from a typo.
  var separators: [UInt8]?

  init(
    _ type: String, _ lengths: ClosedRange<Int>, _ keywords: [String], strong: Bool = false, personal: Bool = false, prefix: String? = nil,
    suffix: (@Sendable (UnsafeBufferPointer<UInt8>, Int) -> Bool)? = nil, takesLetter: Bool = false, separators: String? = nil,
    _ validate: @escaping Validator
  ) {
    self.separators = separators.map { Array($0.utf8) }
    self.takesLetter = takesLetter
    self.suffix = suffix
    self.type = type
    self.prefix = prefix.map { Array($0.utf8) }
    self.lengths = lengths
    self.keywords = ContextWords(keywords)
    self.strong = strong
    self.personal = personal
    self.validate = validate
  }
}

enum NationalIDs {
  /// How far before a number its name may be written (validator carriers
  /// such as "NIT (Número de Identificación Tributaria, …): 860…").
  static let keywordWindow = 110

  /// Matches a digit-only number against the formats.
  static func match(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, digits: [UInt8], lengths: [Int], separators: [UInt8], options: PIIOptions) -> Candidate? {
    guard digits.count >= 6, digits.count <= 22, hasIDBoundaries(bytes, start, end), !isCompound(bytes, start, end) else { return nil }
    var generic: Bool?
    // A type letter written before the digits ("V-11470283-3"), for formats whose check covers it.
    var letter: UInt8 = 0
    var before = start
    if before > 0, bytes[before - 1] == 0x2D { before -= 1 }
    if before > 0, PIIBytes.isUpper(bytes[before - 1]), before == 1 || !PIIBytes.isWord(bytes[before - 2]) { letter = bytes[before - 1] }
    // By index, so that a format (its strings, arrays and closures) is
    // copied only once its length fits.
    let formats = NationalIDFormats.digitFormats
    // A format named before the number wins over an earlier strong format
    // that only has a generic cue ("national identification number" before
    // a Dominican cédula is no Turkish kimlik).
    var fallback: Candidate?
    for index in formats.indices where formats[index].lengths.contains(digits.count) && options.digitFormats[index] {
      let format = formats[index]
      if format.takesLetter {
        guard letter != 0, format.validate([letter] + digits) else { continue }
      } else {
        guard format.validate(digits) else { continue }
      }
      if let prefix = format.prefix, !hasPrefix(bytes, start, prefix) { continue }
      if let suffix = format.suffix, !suffix(bytes, end) { continue }
      if let allowed = format.separators, !separators.allSatisfy(allowed.contains) { continue }
      let first = format.takesLetter ? before - 1 : start
      if format.keywords.occurs(in: bytes, from: start - keywordWindow, to: start) {
        return candidate(format, first, end, score: 0.95, reason: "checksum, named")
      }
      if format.strong, fallback == nil {
        if generic == nil { generic = ContextWords.identifier.near(bytes, start, end, before: options.window) }
        if generic == true { fallback = candidate(format, first, end, score: 0.85, reason: "checksum, id context") }
      }
    }
    return fallback
  }

  /// Ids may carry a short letter prefix or suffix glued to the digits
  /// (a country code "GB…", "MK…", a program account "…RC0001"); beyond
  /// that the number must stand alone.
  static func hasIDBoundaries(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var before = start
    while before > 0, start - before < 3, PIIBytes.isUpper(bytes[before - 1]) { before -= 1 }
    if before > 0, PIIBytes.isWord(bytes[before - 1]) { return false }
    var after = end
    while after < bytes.count, after - end < 6, PIIBytes.isUpper(bytes[after]) || (after > end && PIIBytes.isDigit(bytes[after])) { after += 1 }
    if after < bytes.count, PIIBytes.isWord(bytes[after]) || [0x24, 0x25, 0x23, 0x40, 0x26].contains(bytes[after]) { return false }
    if after > end, !PIIBytes.isUpper(bytes[end]) { return false }
    return true
  }

  /// "002 724 334 / 43002724334": two numbers joined by a slash are one
  /// compound value (an ACN and its ABN), not an id on its own.
  static func isCompound(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var after = end
    while after < bytes.count, after - end < 4, bytes[after] == 0x20 { after += 1 }
    if after + 1 < bytes.count, bytes[after] == 0x2F {
      var next = after + 1
      while next < bytes.count, bytes[next] == 0x20 { next += 1 }
      if next < bytes.count, PIIBytes.isDigit(bytes[next]) { return true }
    }
    var before = start
    while before > 0, start - before < 4, bytes[before - 1] == 0x20 { before -= 1 }
    if before >= 2, bytes[before - 1] == 0x2F {
      var previous = before - 1
      while previous > 0, bytes[previous - 1] == 0x20 { previous -= 1 }
      if previous > 0, PIIBytes.isDigit(bytes[previous - 1]) { return true }
    }
    return false
  }

  /// Whether `prefix` is written right before `start`, maybe with a dash or space.
  static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ prefix: [UInt8]) -> Bool {
    var end = start
    if end > 0, bytes[end - 1] == 0x2D || bytes[end - 1] == 0x20 { end -= 1 }
    return end >= prefix.count && PIIBytes.matches(bytes, at: end - prefix.count, prefix.map(PIIBytes.lower))
  }

  static func candidate(_ format: NationalIDFormat, _ start: Int, _ end: Int, score: Double, reason: String) -> Candidate {
    Candidate(start: start, end: end, type: format.type, score: score, severity: format.personal ? .high : .medium, category: "national_id", reasons: [reason])
  }

  // MARK: validator builders

  /// Check digit last, `table[Σ wᵢdᵢ mod m]`, over the digits before it.
  static func lastDigit(_ weights: [Int], mod modulus: Int, _ table: String, fromRight: Bool = false) -> NationalIDFormat.Validator {
    let table = Array(table.utf8)
    return { value in
      Checksums.weighted(value, payload: 0..<(value.count - 1), check: value.count - 1, weights: weights, modulus: modulus, table: table, fromRight: fromRight)
    }
  }

  static func luhn(_ value: [UInt8]) -> Bool { Checksums.luhn(value) }

  /// YYMMDD (or DDMMYY) at `offset` is a plausible calendar date; day and
  /// month offsets cover coordination and D-numbers.
  static func hasDate(_ value: [UInt8], _ offset: Int, order: DateOrder, dayOffsets: [Int] = [0], monthOffsets: [Int] = [0]) -> Bool {
    guard offset + 6 <= value.count, let a = PIIBytes.number(value[offset..<offset + 2]), let b = PIIBytes.number(value[offset + 2..<offset + 4]) else { return false }
    let c = PIIBytes.number(value[offset + 4..<offset + 6]) ?? -1
    let (month, day): (Int, Int) = order == .yymmdd ? (b, c) : (b, a)
    for dayOffset in dayOffsets where day - dayOffset >= 1 {
      for monthOffset in monthOffsets where PIIBytes.isDate(month: month - monthOffset, day: day - dayOffset) { return true }
    }
    return false
  }

  enum DateOrder { case yymmdd, ddmmyy }

  /// Canadian BN: an optional program account after the nine digits must
  /// be RC, RM, RP or RT and four digits ("123456789 RC 0001").
  static func canadianProgramAccount(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
    var index = end
    if index < bytes.count, bytes[index] == 0x20 { index += 1 }
    guard index + 1 < bytes.count, PIIBytes.isUpper(bytes[index]), PIIBytes.isUpper(bytes[index + 1]) else { return true }
    guard bytes[index] == 0x52, [0x43, 0x4D, 0x50, 0x54].contains(bytes[index + 1]) else { return false }
    index += 2
    if index < bytes.count, bytes[index] == 0x20 { index += 1 }
    var digits = 0
    while index < bytes.count, PIIBytes.isDigit(bytes[index]) { digits += 1; index += 1 }
    return digits == 4 && (index >= bytes.count || !PIIBytes.isAlnum(bytes[index]))
  }
}
