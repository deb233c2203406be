/// Splits a digit region found by the Hyperscan pattern into numbers and
/// decides what each is: card, SSN, national id, phone, a date (of birth),
/// or nothing.
///
/// Why windows: the pattern merges digits joined by up to three separator
/// characters, so "call 555 0123 or 555 0199" or "2003-08-28 12" arrive as
/// one region. The region is cut into digit groups; from each group the
/// longest run of groups that validates as something wins (dates are
/// tried first so a timestamp is never read as a phone), then the scan
/// continues after it. Regions hold a handful of groups, and runs are
/// capped at eight groups, so the work stays linear in the field.
struct NumberRules {
  let options: PIIOptions

  struct Group {
    var start: Int
    var end: Int
    /// The first byte of the separator before this group (0 for the first).
    var separator: UInt8
  }

  func inspect(_ bytes: UnsafeBufferPointer<UInt8>, region: Range<Int>, into candidates: inout [Candidate]) {
    var groups: [Group] = []
    var position = region.lowerBound
    var separator: UInt8 = 0
    while position < region.upperBound {
      if PIIBytes.isDigit(bytes[position]) {
        let start = position
        while position < region.upperBound && PIIBytes.isDigit(bytes[position]) { position += 1 }
        groups.append(Group(start: start, end: position, separator: separator))
        separator = 0
      } else {
        if separator == 0 || separator == 0x29 || separator == 0x28 { separator = bytes[position] == 0x28 || bytes[position] == 0x29 ? 0x20 : bytes[position] }
        position += 1
      }
    }
    var index = 0
    var cleanStart = true
    while index < groups.count {
      if let end = date(bytes, groups, index, into: &candidates) {
        index = end
        cleanStart = true
        continue
      }
      var matched = false
      var last = min(groups.count, index + 20)
      while last > index {
        let clean = cleanStart && (last == groups.count || isCleanGap(bytes, groups[last - 1].end, groups[last].start))
        if classify(bytes, groups, index..<last, clean: clean, into: &candidates) {
          matched = true
          break
        }
        last -= 1
      }
      cleanStart = matched || index + 1 >= groups.count || isCleanGap(bytes, groups[index].end, groups[index + 1].start)
      index = matched ? last : index + 1
    }
  }

  /// Two numbers side by side: two or more separator bytes, and no slash
  /// ("002 724 334 / 43002724334" is one compound value, not two).
  private func isCleanGap(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
    to - from >= 2 && !bytes[from..<to].contains(0x2F)
  }

  /// A number right after a code word ("ABNA 0417 1643") is part of that code.
  private func gluedToCode(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
    guard start >= 2, bytes[start - 1] == 0x20 else { return false }
    var index = start - 2
    var letters = 0
    while index >= 0, PIIBytes.isUpper(bytes[index]) || PIIBytes.isDigit(bytes[index]) {
      letters += 1
      index -= 1
    }
    return letters >= 2 && (index < 0 || !PIIBytes.isWord(bytes[index]))
  }

  /// The bytes a run of groups covers, with a leading `+` or `(`.
  private func span(_ bytes: UnsafeBufferPointer<UInt8>, _ groups: [Group], _ range: Range<Int>) -> (start: Int, end: Int, plus: Bool) {
    var start = groups[range.lowerBound].start
    var plus = false
    if start > 0, bytes[start - 1] == 0x28 { start -= 1 }
    if start > 0, bytes[start - 1] == 0x2B {
      start -= 1
      plus = true
    }
    return (start, groups[range.upperBound - 1].end, plus)
  }

  /// Whether the number is free-standing: no letter or digit glued to it,
  /// and not the fraction or integer part of a decimal.
  private func isFreeStanding(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, allowExtension: Bool = false) -> Bool {
    if start > 0 {
      let before = bytes[start - 1]
      if PIIBytes.isWord(before) || before == 0x5F { return false }
      if (before == 0x2E || before == 0x2C || before == 0x3A || before == 0x2D || before == 0x2F), start > 1, PIIBytes.isAlnum(bytes[start - 2]) { return false }
    }
    if end < bytes.count {
      let after = bytes[end]
      if allowExtension, after == 0x78 || after == 0x58, end + 1 < bytes.count, PIIBytes.isDigit(bytes[end + 1]) { return true }
      if PIIBytes.isWord(after) || after == 0x5F { return false }
      if (after == 0x2E || after == 0x2C || after == 0x2D || after == 0x2F || after == 0x3A), end + 1 < bytes.count, PIIBytes.isDigit(bytes[end + 1]) { return false }
    }
    return true
  }

  private func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ groups: [Group], _ range: Range<Int>) -> [UInt8] {
    var output: [UInt8] = []
    for group in groups[range] { output.append(contentsOf: bytes[group.start..<group.end]) }
    return output
  }

  /// A numeric date (Y-M-D, D.M.Y, M/D/Y) at `index`: reported as a date
  /// of birth when a birth cue is near, otherwise consumed silently so the
  /// digits are not read as a phone. Returns the group index after it.
  private func date(_ bytes: UnsafeBufferPointer<UInt8>, _ groups: [Group], _ index: Int, into candidates: inout [Candidate]) -> Int? {
    guard index + 2 < groups.count else { return nil }
    let a = groups[index], b = groups[index + 1], c = groups[index + 2]
    guard b.separator == c.separator, b.separator == 0x2D || b.separator == 0x2F || b.separator == 0x2E,
      let x = PIIBytes.number(bytes[a.start..<a.end]), let y = PIIBytes.number(bytes[b.start..<b.end]),
      let z = PIIBytes.number(bytes[c.start..<c.end]), b.end - b.start <= 2
    else { return nil }
    let la = a.end - a.start, lc = c.end - c.start
    var valid = false
    if la == 4, lc <= 2 { valid = PIIBytes.isDate(month: y, day: z) && (1800...2100).contains(x) }
    if la <= 2, lc == 4 || lc == 2 { valid = PIIBytes.isDate(month: y, day: x) || PIIBytes.isDate(month: x, day: y) }
    guard valid else { return nil }
    let year = la == 4 ? x : (lc == 4 ? z : 1900 + z)
    if options.dateOfBirth, isFreeStanding(bytes, a.start, c.end), year >= 1900, year <= 2030,
      ContextWords.birth.near(bytes, a.start, c.end, before: options.window, after: 0)
    {
      candidates.append(Candidate(start: a.start, end: c.end, type: "date_of_birth", score: 0.85, severity: .medium, reasons: ["date", "birth context"]))
    }
    return index + 3
  }

  /// Tries one run of groups; appends a candidate and returns true when it
  /// is something. `clean` says the run is cut from its region at a clear
  /// gap (two or more separator bytes); only checksum-strong types (cards,
  /// SSNs) may be cut out of a longer digit sequence elsewhere.
  private func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ groups: [Group], _ range: Range<Int>, clean: Bool, into candidates: inout [Candidate]) -> Bool {
    // Every type below needs 6 to 22 digits (cards 12–19, SSNs 9, national
    // ids 6–22, phones 7–15). `inspect` tries runs of up to twenty groups,
    // most of them longer: those are dropped before their digits are copied.
    var count = 0
    for group in groups[range] { count += group.end - group.start }
    guard count >= 6 && count <= 22 else { return false }
    let (start, end, plus) = span(bytes, groups, range)
    let value = digits(bytes, groups, range)
    let lengths = groups[range].map { $0.end - $0.start }
    let separators = groups[range].dropFirst().map(\.separator)
    let free = isFreeStanding(bytes, start, end)
    let window = options.window

    if free, options.creditCard, !plus, (12...19).contains(value.count),
      CardRules.hasCardLayout(lengths, separators: separators), CardRules.isCardNumber(value)
    {
      let context = ContextWords.card.near(bytes, start, end, before: window)
      // A number introduced as a tax or registration number is not a card
      // because it happens to pass Luhn: it is tried as an identifier below
      // (a South African id number often passes as a 13-digit card).
      if context || !ContextWords.notPhone.near(bytes, start, end, before: max(window, NationalIDs.keywordWindow)) {
        candidates.append(Candidate(start: start, end: end, type: "credit_card", score: context ? 0.97 : 0.9, severity: .high, reasons: ["luhn", "iin"]))
        return true
      }
    }
    if free, options.ssn, !plus, value.count == 9, let score = ssnScore(bytes, value, lengths, separators, start, end) {
      candidates.append(Candidate(start: start, end: end, type: "us_ssn", score: score, severity: .high, reasons: ["ssn area/group/serial"]))
      return true
    }
    guard clean else { return false }
    if !plus, options.nationalIDs, let match = NationalIDs.match(bytes, start: start, end: end, digits: value, lengths: lengths, separators: separators, options: options) {
      candidates.append(match)
      return true
    }
    if options.phone, isFreeStanding(bytes, start, end, allowExtension: true) {
      let shape = PhoneRules.Shape(groups: lengths, separators: separators, plus: plus, digits: value)
      var score = PhoneRules.score(shape, regions: options.phoneRegions)
      if score > 0 {
        if gluedToCode(bytes, start) {
          score = 0
        } else if ContextWords.phone.near(bytes, start, end, before: window, after: 12) {
          score = min(0.95, score + PhoneRules.contextBonus)
        } else if ContextWords.notPhone.near(bytes, start, end, before: max(window, 80)) {
          score = 0
        }
        if score >= 0.5 {
          candidates.append(Candidate(start: start, end: end, type: "phone", score: score, severity: .medium, reasons: ["phone shape"]))
          return true
        }
      }
    }
    return false
  }

  /// US SSN: AAA-GG-SSSS with area 001–899 except 666, group and serial
  /// not zero, and not one of the numbers published in advertising. The
  /// undivided nine-digit form needs an SSN cue word.
  private func ssnScore(_ bytes: UnsafeBufferPointer<UInt8>, _ value: [UInt8], _ lengths: [Int], _ separators: [UInt8], _ start: Int, _ end: Int) -> Double? {
    let formatted = lengths == [3, 2, 4] && separators[0] == separators[1] && (separators[0] == 0x2D || separators[0] == 0x20)
    guard formatted || lengths == [9] else { return nil }
    guard let area = PIIBytes.number(value[0..<3]), let group = PIIBytes.number(value[3..<5]), let serial = PIIBytes.number(value[5..<9]),
      area != 0, area != 666, area < 900, group != 0, serial != 0
    else { return nil }
    if [(78, 5, 1120), (219, 9, 9999), (457, 55, 5462)].contains(where: { $0 == (area, group, serial) }) { return nil }
    let context = ContextWords.ssn.near(bytes, start, end, before: options.window)
    if formatted { return context ? 0.95 : (separators[0] == 0x2D ? 0.85 : 0.6) }
    return context ? 0.85 : nil
  }
}
