/// Company and taxpayer numbers that mix letters and digits, checked by
/// `AlphanumericIDs.match` on one token. None identifies a person, and the
/// two without a check character (NCF, NIPT) are reported only after
/// their names.
extension AlphanumericIDs {
  static let uenWords = ContextWords(["uen", "unique entity number", "singapore"])
  static let ncfWords = ContextWords(["ncf", "e-cf", "comprobante fiscal", "comprobantes fiscales"])
  static let niptWords = ContextWords(["nipt", "nuis", "albania", "albanian"])

  /// Singapore UEN (ACRA): a business number (8 digits and a check
  /// letter), a local company number (year of registration, 5 digits and a
  /// check letter) or another entity's (R, S or T with a two-digit year,
  /// an entity-type code, 4 digits and a check character).
  static func isSingaporeUEN(_ v: [UInt8], currentYear: Int = NationalIDs.currentYear) -> Bool {
    if v.count == 9 {
      guard PIIBytes.allDigits(v[0..<8]), let s = Checksums.weightedSum(v[0..<8], [10, 4, 9, 3, 8, 2, 7, 1]) else { return false }
      return v[8] == uenBusinessChecks[s % 11]
    }
    guard v.count == 10 else { return false }
    if PIIBytes.isDigit(v[0]) {
      guard PIIBytes.allDigits(v[0..<9]), let year = PIIBytes.number(v[0..<4]), year <= currentYear,
        let s = Checksums.weightedSum(v[0..<9], [10, 8, 6, 4, 9, 7, 5, 3, 1])
      else { return false }
      return v[9] == uenCompanyChecks[s % 11]
    }
    guard [0x52, 0x53, 0x54].contains(v[0]), let year = PIIBytes.number(v[1..<3]), PIIBytes.allDigits(v[5..<9]),
      uenEntityTypes.contains(Array(v[3..<5]))
    else { return false }
    if v[0] == 0x54, year > currentYear % 100 { return false }
    var sum = 0
    for (index, weight) in [4, 3, 5, 3, 10, 2, 2, 5, 7].enumerated() {
      guard let value = uenAlphabet.firstIndex(of: v[index]) else { return false }
      sum += value * weight
    }
    return v[9] == uenAlphabet[((sum - 5) % 11 + 11) % 11]
  }

  private static let uenBusinessChecks = Array("XMKECAWLJDB".utf8)
  private static let uenCompanyChecks = Array("ZKCMDNERGWH".utf8)
  private static let uenAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWX0123456789".utf8)
  /// ACRA's entity-type codes for the R/S/T form.
  private static let uenEntityTypes = WordLists.byteSet("""
    CC CD CH CL CM CP CS CX DP FB FC FM FN GA GB GS HS LL LP MB MC MD MH MM MQ NB NR PA PB PF RF RP SM SS TC TU VH XL
    """)

  /// Dominican NCF (DGII receipt number): B and 10 digits, E (electronic)
  /// and 12, or A/P and 18, each with a known document type.
  static func isDominicanNCF(_ v: [UInt8]) -> Bool {
    guard PIIBytes.allDigits(v[1...]) else { return false }
    switch (v[0], v.count) {
    case (0x42, 11): return ncfTypes.contains(Array(v[1..<3]))
    case (0x45, 13): return ecfTypes.contains(Array(v[1..<3]))
    case (0x41, 19), (0x50, 19): return ncfTypes.contains(Array(v[9..<11]))
    default: return false
    }
  }

  private static let ncfTypes = WordLists.byteSet("01 02 03 04 11 12 13 14 15 16 17")
  private static let ecfTypes = WordLists.byteSet("31 32 33 34 41 43 44 45 46 47")

  /// Albanian NIPT/NUIS: a letter A–M (the decade of registration), eight
  /// digits and a letter; no published check.
  static func isAlbanianNIPT(_ v: [UInt8]) -> Bool {
    v.count == 10 && (0x41...0x4D).contains(v[0]) && PIIBytes.allDigits(v[1..<9]) && PIIBytes.isUpper(v[9])
  }

  static let cadastralWords = ContextWords(["referencia catastral", "catastral", "catastro", "cadastral"])

  /// Spanish referencia catastral (Dirección General del Catastro): 14
  /// characters of parcel, 4 of unit, and two check letters, each over the
  /// parcel half and the unit (digits count their value, letters their place
  /// in A–Z with Ñ after N, from 1), weights 13,15,12,5,4,17,9,21,3,7,1, mod 23.
  static func isCadastralReference(_ v: [UInt8]) -> Bool {
    guard v.count == 20 else { return false }
    func check(_ part: ArraySlice<UInt8>) -> UInt8? {
      var sum = 0
      for (byte, weight) in zip(part + v[14..<18], [13, 15, 12, 5, 4, 17, 9, 21, 3, 7, 1]) {
        if PIIBytes.isDigit(byte) {
          sum += PIIBytes.digitValue(byte) * weight
        } else if PIIBytes.isUpper(byte) {
          sum += (Int(byte - 0x40) + (byte > 0x4E ? 1 : 0)) * weight
        } else {
          return nil
        }
      }
      return cadastralChecks[sum % 23]
    }
    return check(v[0..<7]) == v[18] && check(v[7..<14]) == v[19]
  }

  private static let cadastralChecks = Array("MQWERTYUIOPASDFGHJKLBZX".utf8)

  static let nrtWords = ContextWords(["nrt", "andorra", "andorran", "registre tributari"])
  static let onrcWords = ContextWords(["onrc", "registrul comerţului", "registrul comerțului", "trade register", "romanian"])

  /// Identifiers written in groups that the tokenizer cuts apart: the
  /// Andorran NRT ("A-700747-F", "L709811-C", "A-710.646-J") and the
  /// Romanian trade-register number in its old form ("J40/5139/1998",
  /// "J40 14850 2021"). Neither has a check character, so both need their
  /// names. Returns the candidate and where it ends.
  static func matchGrouped(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, options: PIIOptions) -> Candidate? {
    guard start + 1 < bytes.count, start == 0 || !PIIBytes.isAlnum(bytes[start - 1]) else { return nil }
    let named = { (words: ContextWords) in words.occurs(in: bytes, from: start - NationalIDs.keywordWindow, to: start) }
    if let end = andorranNRTEnd(bytes, start), options.enabled("ad_nrt"), named(nrtWords) { return namedFormat("ad_nrt", start, end) }
    if let end = romanianONRCEnd(bytes, start), options.enabled("ro_onrc"), named(onrcWords) { return namedFormat("ro_onrc", start, end) }
    return nil
  }

  /// A number without a check character, found by its layout after its name.
  private static func namedFormat(_ type: String, _ start: Int, _ end: Int) -> Candidate {
    Candidate(start: start, end: end, type: type, score: 0.9, severity: .medium, category: "national_id", reasons: ["format, named"])
  }

  /// NRT: a letter for the kind of taxpayer, six digits (maybe with a
  /// thousands dot), a control letter, dashes optional. Companies (A, L)
  /// are numbered 700000–799999, F (residents) up to 699999.
  static func andorranNRTEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
    let kind = bytes[start]
    guard Array("ACDEFGLOPU".utf8).contains(kind) else { return nil }
    var index = start + 1
    if index < bytes.count, bytes[index] == 0x2D { index += 1 }
    var value = 0, digits = 0
    while index < bytes.count, digits < 6 {
      if PIIBytes.isDigit(bytes[index]) {
        value = value * 10 + PIIBytes.digitValue(bytes[index])
        digits += 1
      } else if bytes[index] != 0x2E || digits != 3 {
        break
      }
      index += 1
    }
    guard digits == 6 else { return nil }
    if index < bytes.count, bytes[index] == 0x2D { index += 1 }
    guard index < bytes.count, PIIBytes.isUpper(bytes[index]), index + 1 == bytes.count || !PIIBytes.isAlnum(bytes[index + 1]) else { return nil }
    if kind == 0x46, value > 699_999 { return nil }
    if kind == 0x41 || kind == 0x4C, !(700_000..<800_000).contains(value) { return nil }
    return index + 1
  }

  /// ONRC, old form: J (companies), F (sole traders) or C (cooperatives),
  /// the county (1–40, 51, 52), the serial number and the year of
  /// registration (1990 to 2024, when the new form replaced it), separated
  /// by slashes or spaces.
  static func romanianONRCEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
    guard onrcKinds.contains(PIIBytes.upper(bytes[start])) else { return nil }
    var index = start + 1
    func number(maximum: Int) -> (value: Int, digits: Int)? {
      var value = 0, digits = 0
      while index < bytes.count, PIIBytes.isDigit(bytes[index]), digits < maximum {
        value = value * 10 + PIIBytes.digitValue(bytes[index])
        digits += 1
        index += 1
      }
      return digits == 0 || (index < bytes.count && PIIBytes.isDigit(bytes[index])) ? nil : (value, digits)
    }
    func separator() -> Bool {
      let from = index
      while index < bytes.count, index - from < 3, bytes[index] == 0x2F || bytes[index] == 0x20 { index += 1 }
      return index > from
    }
    if index < bytes.count, bytes[index] == 0x2F { index += 1 }
    guard let county = number(maximum: 2), isONRCCounty(county.value),
      separator(), number(maximum: 5) != nil, separator(), let year = number(maximum: 4), year.digits == 4,
      (1990...min(2024, NationalIDs.currentYear)).contains(year.value), index == bytes.count || !PIIBytes.isAlnum(bytes[index])
    else { return nil }
    // A fourth group is no ONRC ("J22/1515/2007/123").
    if index + 1 < bytes.count, bytes[index] == 0x2F, PIIBytes.isDigit(bytes[index + 1]) { return nil }
    return index
  }

  /// J (companies), F (sole traders), C (cooperatives).
  private static let onrcKinds: [UInt8] = [0x4A, 0x46, 0x43]
  /// Romania's county numbers, Bucharest (40) and the two added later.
  private static func isONRCCounty(_ county: Int) -> Bool { (1...40).contains(county) || county == 51 || county == 52 }

  /// ONRC, new form (since 2024, also written for older entries): J, F or
  /// C, the year of registration, the serial, the county (0 from 2025) and
  /// a check digit, the sum of the other digits with the letter read as its
  /// ASCII code mod 10.
  static func isRomanianONRC(_ v: [UInt8]) -> Bool {
    guard v.count == 14, onrcKinds.contains(v[0]), PIIBytes.allDigits(v[1...]), let year = PIIBytes.number(v[1..<5]),
      (1990...NationalIDs.currentYear).contains(year), let county = PIIBytes.number(v[11..<13])
    else { return false }
    let counties = isONRCCounty(county)
    guard year < 2024 ? counties : (year == 2024 ? counties || county == 0 : county == 0) else { return false }
    let sum = v[1..<13].reduce(Int(v[0]) % 10) { $0 + PIIBytes.digitValue($1) }
    return PIIBytes.digitValue(v[13]) == sum % 10
  }

  static let bicWords = ContextWords(["bic", "swift code", "swift-code", "swift/bic", "swift bic", "bank identifier", "business identifier code"])

  /// ISO 3166-1 alpha-2 country codes, and XK (Kosovo), which SWIFT uses.
  static let countryCodes = WordLists.byteSet("""
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO \
    JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR \
    MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO \
    RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV \
    TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
    """)

  /// BIC (ISO 9362): four letters for the bank, a country code, two
  /// characters for the location and maybe three for the branch. No check
  /// character, so only after its name, and not after "Swift" alone (the
  /// language: "REQUIRED" and "DATABASE" have a BIC's shape).
  static func matchBIC(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, options: PIIOptions) -> Candidate? {
    guard end - start == 8 || end - start == 11, bytes[start..<start + 4].allSatisfy(PIIBytes.isUpper),
      bytes[start + 6..<end].allSatisfy({ PIIBytes.isUpper($0) || PIIBytes.isDigit($0) }),
      countryCodes.contains([bytes[start + 4], bytes[start + 5]]), options.enabled("bic"),
      bicWords.occurs(in: bytes, from: start - NationalIDs.keywordWindow, to: start)
    else { return nil }
    return namedFormat("bic", start, end)
  }
}
