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
}
