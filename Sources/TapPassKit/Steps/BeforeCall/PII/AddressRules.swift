/// Postal addresses from token shapes: a house number, a capitalised
/// street name and a street type ("221 Baker Street", "12 Acheron Rd"),
/// the Romance order ("Via Franscini 71", "Rue de la Paix 5"), compound
/// street names ("Søndergade 52", "Hauptstraße 1"), post boxes, and a US
/// state code with a ZIP code ("Springfield, IL 62704"), each extended by
/// a unit ("Apt. 4", "Suite 200").
///
/// Why rules and not a gazetteer: the street word and the number together
/// are what make an address; a bare place name is not personal data.
struct AddressRules {
  // The lists, held here so the per-token loop does not touch lazy globals.
  private let keys = WordLists.keys
  /// The word lists, one probe per word (`WordClasses`).
  private let classes = WordClasses.shared
  private let streetEndings = AddressRules.streetEndingGroups
  private let endingLastBytes = AddressRules.endingLastByteTable

  init() {}

  /// Every rule needs a number or mixed token (a house number, a postcode,
  /// a unit or box number) at most this many tokens after the token it
  /// starts from (`match`): the street-prefix rule reads the furthest.
  static let numberReach = 5

  func inspect(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], into candidates: inout [Candidate]) {
    var index = 0
    // The first token with a digit at or after `index`.
    var numeric = 0
    while index < tokens.count {
      // Prose is mostly words: skip the tokens no number is near enough to.
      if numeric < index {
        numeric = index
        while numeric < tokens.count, tokens[numeric].kind == .word { numeric += 1 }
      }
      guard numeric < tokens.count else { return }
      if numeric - index > Self.numberReach {
        index = numeric - Self.numberReach
        continue
      }
      if let (start, end, reason) = match(bytes, tokens, index) {
        let extended = unit(bytes, tokens, after: end)
        candidates.append(Candidate(start: tokens[start].start, end: tokens[extended].end, type: "address", score: 0.8, severity: .medium, reasons: [reason]))
        index = extended + 1
      } else {
        index += 1
      }
    }
  }

  private func key(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> UInt64 { token.hash }

  /// A house number: digits (maybe with a letter), not a list number ("2.").
  private func isHouseNumber(_ token: TextToken) -> Bool {
    !token.dotAfter && ((token.kind == .number && token.length <= 6) || (token.kind == .mixed && token.length <= 5))
  }

  private func isStreetName(_ token: TextToken) -> Bool {
    token.kind == .word && (token.capitalised || token.allCaps) && token.length >= 2
  }

  /// An address starting at `index`: (first token, last token, rule).
  private func match(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], _ index: Int) -> (Int, Int, String)? {
    let token = tokens[index]
    if isHouseNumber(token), token.kind == .number || token.capitalised {
      // Number, 1–4 name words, street type.
      var cursor = index + 1
      while cursor < tokens.count, cursor - index <= 5, tokens[cursor].tightBefore || (tokens[cursor].start - tokens[cursor - 1].end == 2 && tokens[cursor - 1].dotAfter) {
        let word = tokens[cursor]
        guard word.kind == .word else { break }
        let wordClass = classes.of(word.hash)
        if cursor > index + 1, wordClass.contains(.streetSuffix), word.capitalised || word.allCaps {
          return (index, cursor, "number + street + type")
        }
        guard isStreetName(word) || (cursor > index + 1 && wordClass.contains(.particle)) else { break }
        // "52 Søndergade": a compound street name after the number.
        if cursor == index + 1, hasStreetEnding(bytes, word) { return (index, cursor, "number + compound street") }
        cursor += 1
      }
      // Post boxes: "PO Box 123", "Box 9168" after a unit or service code.
      return nil
    }
    guard token.kind == .word else { return nil }
    // Every rule below reads a number or mixed token one or two tokens on,
    // but for the street prefix ("Via Franscini 71"): without one, only
    // that rule is looked up.
    let numberNear = (index + 1 < tokens.count && tokens[index + 1].kind != .word) || (index + 2 < tokens.count && tokens[index + 2].kind != .word)
    guard numberNear || token.capitalised else { return nil }
    let wordClass = classes.of(token.hash)
    guard numberNear || wordClass.contains(.streetPrefix) else { return nil }
    // "zip 94105", "postcode: SW1A 1AA": a postal code after its name.
    if wordClass.contains(.postcodeWord), let end = postcode(bytes, tokens, after: index) { return (index, end, "postcode") }
    // Every rule below starts at a capitalised word or an acronym.
    guard token.capitalised || token.allCaps else { return nil }
    let lower = key(bytes, token)
    // "Box 123" after "PO"/"P.O."/a unit number.
    if lower == keys.box, token.capitalised, index + 1 < tokens.count, tokens[index + 1].kind == .number, tokens[index + 1].tightBefore, index >= 1 {
      let previous = key(bytes, tokens[index - 1])
      if previous == keys.po || previous == keys.o || (tokens[index - 1].kind == .number && index >= 2 && tokens[index - 2].capitalised) {
        let start = previous == keys.o && index >= 2 ? index - 2 : index - 1
        return (tokens[start].kind == .number && start >= 1 ? start - 1 : start, index + 1, "post box")
      }
    }
    // A unit on its own line or after a comma: "Suite 285", "Apt. 580".
    if token.capitalised, wordClass.contains(.unit), index + 1 < tokens.count, isHouseNumber(tokens[index + 1]) || tokens[index + 1].kind == .number,
      tokens[index + 1].start - token.end <= 2, token.breakBefore || token.punctuationBefore == 0x2C || token.punctuationBefore == 0x7C
    {
      return (index, index + 1, "unit")
    }
    // Military post: "APO AA 61487", "FPO AP 12428", "DPO AE 44085".
    if token.allCaps, token.length == 3, wordClass.contains(.militaryPost), index + 2 < tokens.count, tokens[index + 1].allCaps,
      tokens[index + 1].length == 2, tokens[index + 2].kind == .number, tokens[index + 2].length == 5
    {
      return (index, index + 2, "military post")
    }
    // A country and a postcode closing an address: "Japan 63161".
    if token.capitalised || token.allCaps, wordClass.contains(.place), index + 1 < tokens.count, tokens[index + 1].tightBefore,
      tokens[index + 1].kind == .number, (4...6).contains(tokens[index + 1].length), index + 2 >= tokens.count || tokens[index + 2].breakBefore
    {
      return (index, index + 1, "country + postcode")
    }
    // "Via Franscini 71", "Rue de la Paix 5", and a building number before it.
    if token.capitalised, wordClass.contains(.streetPrefix) {
      let first = index >= 1 && tokens[index - 1].kind == .number && tokens[index].tightBefore && !tokens[index - 1].dotAfter ? index - 1 : index
      var cursor = index + 1
      var names = 0
      while cursor < tokens.count, cursor - index <= 5, tokens[cursor].tightBefore {
        let word = tokens[cursor]
        if isHouseNumber(word), names > 0 { return (first, cursor, "street prefix + name + number") }
        guard word.kind == .word, isStreetName(word) || classes.of(word.hash).contains(.particle) else { break }
        if isStreetName(word) { names += 1 }
        cursor += 1
      }
      return nil
    }
    // "Søndergade 52", "Erzsébet tér 19".
    if isStreetName(token), index + 1 < tokens.count {
      let next = tokens[index + 1]
      if hasStreetEnding(bytes, token), next.tightBefore, isHouseNumber(next), !next.dotAfter || next.kind == .number {
        return (index, index + 1, "compound street + number")
      }
      if index + 2 < tokens.count, next.tightBefore, next.kind == .word, !next.capitalised, isEnding(bytes, next),
        tokens[index + 2].tightBefore, isHouseNumber(tokens[index + 2])
      {
        return (index, index + 2, "street + type + number")
      }
    }
    // "Springfield, IL 62704": a US state code and a ZIP code.
    if token.allCaps, token.length == 2, token.ascii, wordClass.contains(.stateCode), index + 1 < tokens.count, index >= 1 {
      let zip = tokens[index + 1]
      if zip.kind == .number, zip.length == 5, zip.tightBefore, tokens[index].punctuationBefore == 0x2C || tokens[index - 1].capitalised {
        return (index, index + 1, "state + zip")
      }
    }
    return nil
  }

  /// The postal code after a postcode word (skipping "code" and a colon):
  /// 4–5 digits (maybe -4 more), or a UK/Dutch/Canadian two-part code.
  private func postcode(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], after index: Int) -> Int? {
    var next = index + 1
    if next < tokens.count, tokens[next].hash == keys.code { next += 1 }
    guard next < tokens.count, tokens[next].start - tokens[next - 1].end <= 3 else { return nil }
    let first = tokens[next]
    if first.kind == .number, (4...5).contains(first.length), !isPlaceholder(bytes, first) {
      if next + 1 < tokens.count, tokens[next + 1].kind == .number, tokens[next + 1].length == 4, tokens[next + 1].start == first.end + 1 { return next + 1 }
      return next
    }
    guard first.kind == .mixed || (first.kind == .number && first.length == 4), first.length <= 4, first.ascii else { return nil }
    if next + 1 < tokens.count, tokens[next + 1].tightBefore, tokens[next + 1].length == 3 || tokens[next + 1].length == 2,
      tokens[next + 1].kind != .number, tokens[next + 1].allCaps || tokens[next + 1].kind == .mixed
    {
      return next + 1
    }
    return first.kind == .mixed ? next : nil
  }

  /// "12345", "01234", "00000": sample values, not someone's code.
  private func isPlaceholder(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    var ascending = true, repeated = true
    for index in (token.start + 1)..<token.end {
      if bytes[index] != bytes[index - 1] &+ 1 { ascending = false }
      if bytes[index] != bytes[index - 1] { repeated = false }
    }
    return ascending || repeated
  }

  /// Extends an address over a following unit ("Apt. 237", "Suite 568").
  private func unit(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], after end: Int) -> Int {
    guard end + 2 < tokens.count else { return end }
    let word = tokens[end + 1], number = tokens[end + 2]
    guard word.kind == .word, classes.of(word.hash).contains(.unit), isHouseNumber(number), word.breakBefore == false else { return end }
    return end + 2
  }

  private static let streetEndingGroups = WordEndings(WordLists.streetEndings)

  /// Last bytes of the street endings as written (an upper-case last
  /// letter is no ending here), to skip most words with one load.
  private static let endingLastByteTable: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for ending in WordLists.streetEndings { table[Int(ending[ending.count - 1])] = true }
    return table
  }()

  private func hasStreetEnding(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    guard token.length >= 5, endingLastBytes[Int(bytes[token.end - 1])] else { return false }
    return streetEndings.ends(bytes, token.start, token.end)
  }

  private func isEnding(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    guard token.length <= 7, endingLastBytes[Int(bytes[token.end - 1])] else { return false }
    return streetEndings.contains(bytes, token.start, token.end)
  }

  static let militaryPostCodes = "apo fpo dpo"
  static let stateCodes = "al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc pr"
}
