/// Identifiers that mix letters and digits: the Italian codice fiscale,
/// the Mexican CURP and RFC, ISO 11649 creditor references, LEIs and
/// Ghanaian TINs. They are checked on tokens the name pass already cut
/// ("MAILCU91A25F839D"), so they need no pattern of their own.
///
/// Why two of them need no keyword: the codice fiscale and the CURP have
/// a rigid letter/digit layout, an embedded birth date and a check
/// character, which together no ordinary word or code satisfies.
enum AlphanumericIDs {
  /// Every type `match` reports, for configurations that name one alone.
  static let types: Set<String> = [
    "it_codicefiscale", "mx_curp", "mx_rfc", "lei", "gh_tin", "iso11649", "cn_uscc", "fi_hetu", "cn_ric", "ie_pps", "pt_cc", "ke_pin", "pe_cui",
    "sg_uen", "do_ncf", "al_nipt", "es_referenciacatastral", "mu_nid", "ad_nrt", "ro_onrc", "bic",
  ]

  /// Checks one upper-case alphanumeric token (spaces and dashes removed).
  static func match(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, value: [UInt8], options: PIIOptions) -> Candidate? {
    func named(_ words: ContextWords) -> Bool { words.occurs(in: bytes, from: start - NationalIDs.keywordWindow, to: start) }
    func found(_ type: String, _ score: Double, personal: Bool) -> Candidate? {
      guard options.enabled(type) else { return nil }
      return Candidate(start: start, end: end, type: type, score: score, severity: personal ? .high : .medium, category: "national_id", reasons: ["checksum"])
    }
    if value.count == 16, isCodiceFiscale(value) { return found("it_codicefiscale", 0.95, personal: true) }
    if end - start == 11, isHetu(bytes, start) {
      // One check character in 31 and a date: part numbers and tracking
      // codes ("190184A552J") pass often enough to need a cue, and the
      // all-digit form ("040123-4567", a phone beside "number") its name.
      let lettered = PIIBytes.isLetter(bytes[start + 6]) || PIIBytes.isLetter(bytes[start + 10])
      if named(hetuWords) || (lettered && ContextWords.identifier.near(bytes, start, end, before: options.window)) {
        return found("fi_hetu", 0.9, personal: true)
      }
    }
    if value.count == 18, value[17] == 0x58, Checksums.mod11_2(value[...]), NationalIDs.hasDate(value, 8, order: .yymmdd),
      named(cnRICWords) || ContextWords.identifier.near(bytes, start, end, before: options.window)
    {
      return found("cn_ric", 0.9, personal: true)
    }
    if value.count == 9, PIIBytes.isUpper(value[8]), NationalIDs.peruvianCUI(value), named(peCUIWords) { return found("pe_cui", 0.9, personal: true) }
    if value.count == 8 || value.count == 9, isIrishPPS(value), named(ppsWords) { return found("ie_pps", 0.9, personal: true) }
    if value.count == 12, isPortugueseCC(value), named(portugueseCCWords) { return found("pt_cc", 0.9, personal: true) }
    if value.count == 11, isKenyaPIN(value), named(kenyaWords) { return found("ke_pin", 0.9, personal: value[0] == 0x41) }
    if value.count == 18, isCURP(value) { return found("mx_curp", 0.95, personal: true) }
    if [10, 12, 13].contains(value.count), isRFC(value), named(rfcWords) { return found("mx_rfc", 0.9, personal: value.count != 12) }
    if value.count == 20, Checksums.mod97(value) == 1, named(leiWords) { return found("lei", 0.9, personal: false) }
    if value.count == 11, isGhanaTIN(value), named(ghanaWords) { return found("gh_tin", 0.9, personal: false) }
    if value.count == 18, isUSCC(value), named(usccWords) { return found("cn_uscc", 0.9, personal: false) }
    if value.count == 9 || value.count == 10, isSingaporeUEN(value), named(uenWords) { return found("sg_uen", 0.9, personal: false) }
    if [11, 13, 19].contains(value.count), isDominicanNCF(value), named(ncfWords) { return found("do_ncf", 0.9, personal: false) }
    if value.count == 10, isAlbanianNIPT(value), named(niptWords) { return found("al_nipt", 0.9, personal: false) }
    if value.count == 14, isRomanianONRC(value), named(onrcWords) { return found("ro_onrc", 0.9, personal: false) }
    if value.count == 20, isCadastralReference(value), named(cadastralWords) { return found("es_referenciacatastral", 0.9, personal: false) }
    if value.count == 14, isMauritianNID(value), named(mauritianWords) || ContextWords.identifier.near(bytes, start, end, before: options.window) {
      return found("mu_nid", 0.9, personal: true)
    }
    if value.count >= 5, value.count <= 25, value.starts(with: [0x52, 0x46]), PIIBytes.allDigits(value[2..<4]),
      Checksums.mod97(value[4...] + value[0..<4]) == 1, named(referenceWords)
    {
      return found("iso11649", 0.9, personal: false)
    }
    return nil
  }

  static let cnRICWords = ContextWords(NationalIDFormats.cnRICWords)
  static let hetuWords = ContextWords(["hetu", "henkilötunnus", "henkilotunnus", "finnish", "personbeteckning"])
  static let peCUIWords = ContextWords(NationalIDFormats.peCUIWords)
  static let ppsWords = ContextWords(["pps", "ppsn", "personal public service", "irish", "rsi"])
  static let portugueseCCWords = ContextWords(["cartão de cidadão", "cartao de cidadao", "citizen card", "portuguese", "cc"])
  static let kenyaWords = ContextWords(["kra", "kenya", "pin"])
  static let usccWords = ContextWords(["uscc", "unified social credit", "统一社会信用代码", "china tax"])
  static let rfcWords = ContextWords(["rfc", "registro federal", "mexican tax"])
  static let leiWords = ContextWords(["lei", "legal entity"])
  static let ghanaWords = ContextWords(["ghana", "tin"])
  static let referenceWords = ContextWords(["creditor reference", "structured creditor", "iso 11649", "rf reference", "payment reference", "reference"])

  private static let oddValues: [Int] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
  private static let dateLetters = Array("LMNPQRSTUV".utf8)
  private static let monthLetters = Array("ABCDEHLMPRST".utf8)

  /// Codice fiscale: AAAAAA 99 A 99 A 999 A (digits may be replaced by
  /// L–V on clashes), birth month letter, day 1–31 or 41–71, mod-26 check.
  static func isCodiceFiscale(_ v: [UInt8]) -> Bool {
    func dateDigit(_ byte: UInt8) -> Int? {
      if PIIBytes.isDigit(byte) { return PIIBytes.digitValue(byte) }
      return dateLetters.firstIndex(of: byte)
    }
    guard v[0..<6].allSatisfy(PIIBytes.isUpper), PIIBytes.isUpper(v[11]), PIIBytes.isUpper(v[15]),
      monthLetters.contains(v[8]), let d1 = dateDigit(v[9]), let d2 = dateDigit(v[10]),
      [6, 7, 12, 13, 14].allSatisfy({ dateDigit(v[$0]) != nil })
    else { return false }
    let day = (d1 * 10 + d2) % 40
    guard day >= 1, day <= 31 else { return false }
    var sum = 0
    for index in 0..<15 {
      let byte = v[index]
      let value = PIIBytes.isDigit(byte) ? PIIBytes.digitValue(byte) : Int(byte - 0x41)
      sum += index % 2 == 0 ? oddValues[value] : value
    }
    return v[15] == UInt8(0x41 + sum % 26)
  }

  /// Letter groups the Mexican registry never issues (offensive words are
  /// replaced at issue), and the state codes of CURP positions 12–13.
  private static let blockedWords = WordLists.byteSet("""
    BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO FALO FETO GETA GUEI GUEY \
    JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO \
    MEAR MEAS MEON MIAR MION MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE \
    ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY
    """)
  private static let curpStates = WordLists.byteSet("AS BC BS CC CH CL CM CS DF DG GR GT HG JC MC MN MS NE NL NT OC PL QR QT SL SP SR TC TL TS VZ YN ZS")

  private static let curpAlphabet = Array("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ".utf8)

  /// CURP: AAAA 999999 AAAAAA X 9 with a valid birth date and a weighted
  /// mod-10 check digit.
  static func isCURP(_ v: [UInt8]) -> Bool {
    guard v[0..<4].allSatisfy(PIIBytes.isUpper), PIIBytes.allDigits(v[4..<10]), v[10..<16].allSatisfy(PIIBytes.isUpper),
      PIIBytes.isDigit(v[17]), v[10] == 0x48 || v[10] == 0x4D, !blockedWords.contains(Array(v[0..<4])),
      curpStates.contains(Array(v[11..<13])),
      NationalIDs.hasDate(v, 4, order: .yymmdd)
    else { return false }
    var sum = 0
    for index in 0..<17 {
      guard let value = curpAlphabet.firstIndex(of: v[index]) else { return false }
      sum += value * (18 - index)
    }
    return PIIBytes.digitValue(v[17]) == (10 - sum % 10) % 10
  }

  /// RFC: 3–4 letters, a YYMMDD date, then up to three characters.
  static func isRFC(_ v: [UInt8]) -> Bool {
    let letters = v.count == 12 ? 3 : 4
    guard v[0..<letters].allSatisfy(PIIBytes.isUpper), letters == 3 || !blockedWords.contains(Array(v[0..<4])), PIIBytes.allDigits(v[letters..<letters + 6]),
      NationalIDs.hasDate(v, letters, order: .yymmdd)
    else { return false }
    return v[(letters + 6)...].allSatisfy(PIIBytes.isAlnum)
  }

  private static let usccAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

  /// Chinese USCC: 8 digits then 10 characters over a 31-letter alphabet,
  /// weighted check character modulo 31.
  static func isUSCC(_ v: [UInt8]) -> Bool {
    guard PIIBytes.allDigits(v[0..<8]) else { return false }
    let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    var total = 0
    for index in 0..<17 {
      guard let value = usccAlphabet.firstIndex(of: v[index]) else { return false }
      total += value * weights[index]
    }
    return usccAlphabet.contains(v[17]) && v[17] == usccAlphabet[(31 - total % 31) % 31]
  }

  /// Ghana TIN: a letter, ten characters, check = Σ (i+1)·dᵢ mod 11 (X for 10).
  static func isGhanaTIN(_ v: [UInt8]) -> Bool {
    guard [0x50, 0x43, 0x47, 0x51, 0x56].contains(v[0]), PIIBytes.allDigits(v[1..<10]),
      let sum = Checksums.weightedSum(v[1..<10], [1, 2, 3, 4, 5, 6, 7, 8, 9])
    else { return false }
    let check = sum % 11
    return v[10] == (check == 10 ? 0x58 : UInt8(0x30 + check))
  }
}
