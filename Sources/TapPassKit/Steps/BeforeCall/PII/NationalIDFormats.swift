import Glibc

/// The table of national-id formats: each country format mapped onto one
/// of the shared algorithms in `Checksums` (Luhn, weighted mod 11/10,
/// ISO 7064, mod 97), with the names people write before it. Order matters
/// only when two formats share a length and a keyword; the more specific
/// one comes first.
enum NationalIDFormats {
  typealias F = NationalIDFormat
  static let d = NationalIDs.self

  /// Also for the form whose check character is X (`AlphanumericIDs`).
  static let cnRICWords = ["resident identity", "ric", "身份证", "chinese"]
  /// Also for the form whose check character is a letter (`AlphanumericIDs`).
  static let peCUIWords = ["cui", "cédula única", "peruvian", "dni"]

  /// European VAT numbers (`VATNumbers`): after their country code with
  /// any VAT word nearby, first, since the code says which check applies;
  /// and a few after their own names alone.
  static let vatFormats: [NationalIDFormat] = vatCountries.map { type, lengths, country, check in
    F(type, lengths, VATNumbers.words, prefix: country, check)
  } + [
    F("pl_nip", 10...10, ["nip", "numer identyfikacji podatkowej"], VATNumbers.polish),
    F("it_iva", 11...11, ["partita iva", "p.iva", "p. iva"], VATNumbers.italian),
    F("ro_cui", 2...10, ["cod unic de înregistrare", "codul unic de înregistrare", "cod fiscal"], VATNumbers.romanian),
    F("bg_vat", 9...9, ["ддс", "bulgarian vat", "bulgarian"], VATNumbers.bulgarian),
  ]

  /// Type, lengths, country code and check of each VAT number.
  private static let vatCountries: [(String, ClosedRange<Int>, String, NationalIDFormat.Validator)] = [
    ("fi_alv", 8...8, "FI", VATNumbers.finnish),
    ("sk_dph", 10...10, "SK", VATNumbers.slovak),
    ("pl_nip", 10...10, "PL", VATNumbers.polish),
    ("lv_pvn", 11...11, "LV", VATNumbers.latvian),
    ("ro_cui", 2...10, "RO", VATNumbers.romanian),
    ("si_ddv", 8...8, "SI", VATNumbers.slovenian),
    ("cz_dic", 8...8, "CZ", VATNumbers.czech),
    ("it_iva", 11...11, "IT", VATNumbers.italian),
    ("lu_tva", 8...8, "LU", VATNumbers.luxembourgish),
    ("bg_vat", 9...9, "BG", VATNumbers.bulgarian),
    ("fr_tva", 11...11, "FR", VATNumbers.french),
    ("de_vat", 9...9, "DE", VATNumbers.german),
  ]

  static let digitFormats: [NationalIDFormat] = vatFormats + [
    // Persons.
    F("tr_tckimlik", 11...11, ["kimlik", "tckn", "t.c.", "tc no", "turkish"], strong: true, personal: true) { v in
      guard v[0] != 0x30, let s = Checksums.weightedSum(v[0..<9], [3, 1]), let t = Checksums.weightedSum(v[0..<9], [1]) else { return false }
      let first = (10 - s % 10) % 10
      return PIIBytes.digitValue(v[9]) == first && PIIBytes.digitValue(v[10]) == (first + t) % 10
    },
    F("cn_ric", 18...18, cnRICWords, strong: true, personal: true) { v in
      Checksums.mod11_2(v[...]) && NationalIDs.hasDate(v, 8, order: .yymmdd)
    },
    F("kr_rrn", 13...13, ["rrn", "resident registration", "주민등록번호", "korean"], personal: true) { v in
      d.lastDigit([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5], mod: 11, "10987654321")(v) && d.hasDate(v, 0, order: .yymmdd)
        && (PIIBytes.number(v[7..<9]) ?? 99) <= 96
    },
    F("za_idnr", 13...13, ["south african", "identity document", "id number", "rsa id"], personal: true) { v in
      Checksums.luhn(v) && d.hasDate(v, 0, order: .yymmdd) && (v[10] == 0x30 || v[10] == 0x31)
    },
    F("bg_egn", 10...10, ["egn", "егн", "bulgarian"], personal: true) { v in
      d.lastDigit([2, 4, 8, 5, 10, 9, 7, 3, 6], mod: 11, "01234567890")(v) && d.hasDate(v, 0, order: .yymmdd, monthOffsets: [0, 20, 40])
    },
    F("no_fodselsnummer", 11...11, ["fødselsnummer", "fodselsnummer", "birth number", "norwegian", "personnummer"], strong: true, personal: true) { v in
      Checksums.weighted(v, payload: 0..<9, check: 9, weights: [3, 7, 6, 1, 8, 9, 4, 5, 2], modulus: 11, table: Array("0?987654321".utf8))
        && Checksums.weighted(v, payload: 0..<10, check: 10, weights: [5, 4, 3, 2, 7, 6, 5, 4, 3, 2], modulus: 11, table: Array("0?987654321".utf8))
        && d.hasDate(v, 0, order: .ddmmyy, dayOffsets: [0, 40], monthOffsets: [0, 40]) && NationalIDs.norwegianYearIsPast(v)
    },
    F("se_personnummer", 10...12, ["personnummer", "swedish", "samordningsnummer"], personal: true) { v in
      guard v.count == 10 || v.count == 12 else { return false }
      let tail = Array(v.suffix(10))
      return Checksums.luhn(tail) && d.hasDate(tail, 0, order: .yymmdd, dayOffsets: [0, 60])
    },
    F("dk_cpr", 10...10, ["cpr", "danish", "personnummer"], personal: true) { v in
      d.hasDate(v, 0, order: .ddmmyy) && (Checksums.weightedSum(v[...], [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) ?? 1) % 11 == 0
    },
    F("is_kennitala", 10...10, ["kennitala", "icelandic"], personal: true) { v in
      (Checksums.weightedSum(v[...], [3, 2, 7, 6, 5, 4, 3, 2, 1, 0]) ?? 1) % 11 == 0 && d.hasDate(v, 0, order: .ddmmyy, dayOffsets: [0, 40])
        && (v[9] == 0x39 || v[9] == 0x30)
    },
    F("lt_asmens", 11...11, ["asmens", "lithuanian"], personal: true) { v in
      NationalIDs.lithuanianCheck(v) && (v[0] == 0x39 || d.hasDate(v, 1, order: .yymmdd))
    },
    F("ee_ik", 11...11, ["isikukood", "estonian"], personal: true) { v in
      (0x31...0x36).contains(v[0]) && NationalIDs.lithuanianCheck(v) && d.hasDate(v, 1, order: .yymmdd)
    },
    F("si_emso", 13...13, ["emšo", "emso", "enotna matična", "master citizen"], personal: true) { v in
      d.lastDigit([7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2], mod: 11, "00987654321")(v) && d.hasDate(v, 0, order: .ddmmyy)
    },
    F("gr_amka", 11...11, ["amka", "αμκα", "greek social security"], personal: true) { v in
      Checksums.luhn(v) && d.hasDate(v, 0, order: .ddmmyy)
    },
    F("nl_bsn", 8...9, ["bsn", "burgerservicenummer", "sofinummer", "dutch"], personal: true) { v in
      let padded = v.count == 8 ? [0x30] + v : v
      guard let s = Checksums.weightedSum(padded[0..<8], [9, 8, 7, 6, 5, 4, 3, 2]) else { return false }
      return (s - PIIBytes.digitValue(padded[8])) % 11 == 0 && padded != Array(repeating: 0x30, count: 9)
    },
    F("ca_sin", 9...9, ["sin", "social insurance"], personal: true) { v in Checksums.luhn(v) && v[0] != 0x30 && v[0] != 0x38 },
    F("au_tfn", 8...9, ["tfn", "tax file number"], personal: true) { v in
      (Checksums.weightedSum(v[...], v.count == 9 ? [1, 4, 3, 7, 5, 8, 6, 9, 10] : [10, 7, 8, 4, 6, 3, 5, 1]) ?? 1) % 11 == 0
    },
    F("in_aadhaar", 12...12, ["aadhaar", "aadhar", "uidai"], personal: true) { v in
      v[0] >= 0x32 && Checksums.verhoeff(v[...])
    },
    F("ua_rntrc", 10...10, ["rntrc", "рнокпп", "individual taxpayer", "ukraine"], personal: true, d.lastDigit([-1, 5, 7, 9, 4, 6, 10, 5, 7], mod: 11, "01234567890")),
    F("do_cedula", 11...11, ["dominican", "identidad y electoral"], personal: true, d.luhn),
    F("ec_ci", 10...10, ["cédula de identidad", "ecuador"], personal: true) { v in
      guard let province = PIIBytes.number(v[0..<2]), (1...24).contains(province) || province == 30, v[2] < 0x36 else { return false }
      var sum = 0
      for index in 0..<10 {
        var product = PIIBytes.digitValue(v[index]) * (index % 2 == 0 ? 2 : 1)
        if product > 9 { product -= 9 }
        sum += product
      }
      return sum % 10 == 0
    },
    F("gb_utr", 10...10, ["utr", "unique taxpayer"], personal: true) { v in
      Checksums.weighted(v, payload: 1..<10, check: 0, weights: [6, 7, 8, 9, 10, 5, 4, 3, 2], modulus: 11, table: Array("21987654321".utf8))
    },
    F("pe_cui", 9...9, peCUIWords, personal: true) { v in NationalIDs.peruvianCUI(v) },
    F("de_idnr", 11...11, ["idnr", "steuer-id", "steuerid", "identifikationsnummer", "steueridentifikationsnummer", "german personal tax"], personal: true) { v in
      v[0] != 0x30 && Checksums.mod11_10(v[...]) && NationalIDs.germanIdNrDigits(v)
    },
    F("nz_ird", 8...9, ["ird", "inland revenue", "te tari tāke"], personal: true) { v in NationalIDs.irdCheck(v) },
    // No check digit: a birth date and a birthplace code, so only when named.
    F("my_nric", 12...12, ["nric", "mykad", "malaysian", "kad pengenalan"], personal: true) { v in
      d.hasDate(v, 0, order: .yymmdd) && NationalIDs.malaysianBirthplace(v)
    },
    // Costa Rica: P-TTTT-AAAA (province 1–9, volume, entry), no check digit.
    F("cr_cpf", 9...10, ["persona física", "persona fisica", "physical person", "cédula física", "cedula fisica"], personal: true) { v in
      let body = v.count == 10 ? (v[0] == 0x30 ? v[1...] : []) : v[...]
      return !body.isEmpty && body.first != 0x30
    },
    // Liechtenstein PEID: a plain registry number of up to 12 digits, no check digit.
    F("li_peid", 6...12, ["peid", "liechtenstein tax"], separators: ".") { _ in true },
    // Companies and taxpayers.
    F("kr_brn", 10...10, ["brn", "business registration", "사업자", "korean", "korea"]) { v in NationalIDs.koreanBRN(v) },
    // Brønnøysund organisation number, also the body of the VAT number ("… MVA").
    F("no_orgnr", 9...9, ["mva", "organisasjonsnummer", "orgnr", "org.nr", "foretaksregisteret", "norwegian"]) { v in
      d.lastDigit([3, 2, 7, 6, 5, 4, 3, 2], mod: 11, "0?987654321")(v)
    },
    // SARS tax reference: Luhn, first digit 0, 1, 2, 3 or 9.
    F("za_tin", 10...10, ["south african", "sars", "tax reference"]) { v in [0x30, 0x31, 0x32, 0x33, 0x39].contains(v[0]) && Checksums.luhn(v) },
    // Costa Rican cédula jurídica: a class digit and its allowed type codes, no check digit.
    F("cr_cpj", 10...10, ["cpj", "jurídica", "juridica", "legal person"]) { v in NationalIDs.costaRicaCPJ(v) },
    // Belarusian UNP in its all-digit form: region 1–7 and a mod-11 check.
    F("by_unp", 9...9, ["unp", "унп", "belarus", "belarusian", "плательщика"]) { v in (0x31...0x37).contains(v[0]) && NationalIDs.belarusUNP(v) },
    // Senegalese NINEA without its COFI suffix: 7 or 9 digits, alternating weights 1,2 mod 10.
    F("sn_ninea", 7...9, ["ninea", "senegal", "sénégal"]) { v in
      v.count != 8 && (Checksums.weightedSum(v[...], [1, 2], fromRight: true) ?? 1) % 10 == 0
    },
    // Egyptian tax registration number: nine digits, no check digit, so only after its name.
    F("eg_tn", 9...9, ["egypt", "egyptian", "الرقم الضريبي"]) { _ in true },
    // Faroese V-number (Vinnutal): six digits, no check digit, so only after its name.
    F("fo_vn", 6...6, ["vinnutal", "v-number", "v-tal", "faroe", "faroese", "føroya"]) { _ in true },
    // German Steuernummer: 10 to 13 digits in a state's layout (21/815/08150), no check digit, so only after its name.
    F("de_stnr", 10...13, ["steuernummer", "st.-nr", "st.-nr.", "stnr", "st.nr"], separators: "/ ") { _ in true },
    // Algerian NIF: 15 digits (20 with the establishment), no check digit, so only after its name.
    F("dz_nif", 15...20, ["nif", "n.i.f", "algeria", "algérie", "algerian"]) { v in v.count == 15 || v.count == 20 },
    F("ar_cuit", 11...11, ["cuit", "cuil", "argentin"]) { v in
      ["20", "23", "24", "27", "30", "33", "34", "50", "51", "55"].contains(String(decoding: v[0..<2], as: UTF8.self))
        && d.lastDigit([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], mod: 11, "09987654321")(v)
    },
    F("ar_cbu", 22...22, ["cbu", "clave bancaria"]) { v in
      NationalIDs.cbuBlock(v, 0..<7, 7) && NationalIDs.cbuBlock(v, 8..<21, 21)
    },
    F("br_cnpj", 14...14, ["cnpj"], strong: true) { v in
      !v.starts(with: Array(repeating: 0x30, count: 12))
        && Checksums.weighted(v, payload: 0..<12, check: 12, weights: [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], modulus: 11, table: Array("00987654321".utf8))
        && Checksums.weighted(v, payload: 0..<13, check: 13, weights: [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], modulus: 11, table: Array("00987654321".utf8))
    },
    F("br_cpf", 11...11, ["cpf", "cadastro de pessoas"], strong: true, personal: true) { v in
      !v.allSatisfy({ $0 == v[0] })
        && Checksums.weighted(v, payload: 0..<9, check: 9, weights: [10, 9, 8, 7, 6, 5, 4, 3, 2], modulus: 11, table: Array("00987654321".utf8))
        && Checksums.weighted(v, payload: 0..<10, check: 10, weights: [11, 10, 9, 8, 7, 6, 5, 4, 3, 2], modulus: 11, table: Array("00987654321".utf8))
    },
    F("tr_vkn", 10...10, ["vkn", "vergi kimlik", "turkish tax"]) { v in NationalIDs.vknCheck(v) },
    F("md_idno", 13...13, ["idno", "moldav"], d.lastDigit([7, 3, 1], mod: 10, "0123456789")),
    F("mk_edb", 13...13, ["edb", "едб", "macedonia"], d.lastDigit([7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2], mod: 11, "00987654321")),
    F("co_nit", 8...16, ["colombia"], d.lastDigit([3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71], mod: 11, "01987654321", fromRight: true)),
    F("gt_nit", 2...12, ["guatemala"]) { v in
      let s = Checksums.weightedSum(v[0..<(v.count - 1)], Array(2...14), fromRight: true) ?? 0
      let c = ((-s % 11) + 11) % 11
      return c < 10 && PIIBytes.digitValue(v[v.count - 1]) == c
    },
    F("sv_nit", 14...14, ["salvador"]) { v in
      guard v[0] == 0x30 || v[0] == 0x31 || v[0] == 0x39 else { return false }
      let old = String(decoding: v[10..<13], as: UTF8.self) <= "100"
      if old { return d.lastDigit([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2], mod: 11, "01234567890")(v) }
      return d.lastDigit([2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2], mod: 11, "00987654321")(v)
    },
    F("mz_nuit", 9...9, ["nuit", "mozambique"], d.lastDigit([8, 9, 4, 5, 6, 7, 8, 9], mod: 11, "01234567891")),
    F("ua_edrpou", 8...8, ["edrpou", "єдрпоу"]) { v in NationalIDs.edrpouCheck(v) },
    F("pe_ruc", 11...11, ["ruc", "peru"]) { v in
      ["10", "15", "17", "20"].contains(String(decoding: v[0..<2], as: UTF8.self))
        && d.lastDigit([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], mod: 11, "10987654321")(v)
    },
    F("py_ruc", 5...9, ["ruc", "paraguay"]) { v in
      let s = (Checksums.weightedSum(v[0..<(v.count - 1)], Array(2...10), fromRight: true) ?? 0)
      return PIIBytes.digitValue(v[v.count - 1]) == ((11 - s % 11) % 11) % 10
    },
    F("uy_rut", 12...12, ["rut", "uruguay"]) { v in
      guard let region = PIIBytes.number(v[0..<2]), (1...22).contains(region), Array(v[8..<11]) == Array("001".utf8),
        Array(v[2..<8]) != Array("000000".utf8)
      else { return false }
      return d.lastDigit([4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], mod: 11, "0?987654321")(v)
    },
    F("cl_rut", 8...9, ["rut", "chile"]) { v in
      d.lastDigit([2, 3, 4, 5, 6, 7], mod: 11, "0K987654321", fromRight: true)(v)
    },
    F("tw_ubn", 8...8, ["ubn", "unified business", "統一編號"]) { v in
      var sum = 0
      for (index, weight) in [1, 2, 1, 2, 1, 2, 4, 1].enumerated() {
        let product = PIIBytes.digitValue(v[index]) * weight
        sum += product / 10 + product % 10
      }
      return sum % 10 == 0 || (sum % 10 == 9 && v[6] == 0x37)
    },
    F("gn_nifp", 9...9, ["nifp", "guinea"], d.luhn),
    // Austrian Abgabenkontonummer: tax office (2 digits) and a 7-digit
    // account whose last digit makes the nine pass Luhn (BMF).
    F("at_tin", 9...9, ["abgabenkontonummer", "austrian tax"], d.luhn),
    F("fr_siren", 9...9, ["siren"], d.luhn),
    F("fr_siret", 14...14, ["siret"], d.luhn),
    F("il_hp", 9...9, ["ח.פ", "israeli company", "company number"]) { v in v[0] == 0x35 && Checksums.luhn(v) },
    F("au_abn", 11...11, ["abn", "australian business"]) { v in
      var digits = v.map { PIIBytes.digitValue($0) }
      digits[0] -= 1
      guard digits[0] >= 0 else { return false }
      let weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]
      return zip(weights, digits).reduce(0) { $0 + $1.0 * $1.1 } % 89 == 0
    },
    F("au_acn", 9...11, ["acn", "australian company"]) { v in
      let tail = Array(v.suffix(9))
      let s = zip(tail.prefix(8), [8, 7, 6, 5, 4, 3, 2, 1]).reduce(0) { $0 + PIIBytes.digitValue($1.0) * $1.1 }
      return (10 - s % 10) % 10 == PIIBytes.digitValue(tail[8])
    },
    F("ca_bn", 9...9, ["business number", "canadian business"], suffix: NationalIDs.canadianProgramAccount, d.luhn),
    F("vn_mst", 10...13, ["mst", "mã số thuế", "vietnam"]) { v in
      guard v.count == 10 || (v.count == 13 && Array(v[10..<13]) != Array("000".utf8)), Array(v[2..<9]) != Array("0000000".utf8),
        let s = Checksums.weightedSum(v[0..<9], [31, 29, 23, 19, 17, 13, 7, 5, 3])
      else { return false }
      return PIIBytes.digitValue(v[9]) == 10 - s % 11
    },
    F("ma_ice", 15...15, ["ice", "identifiant commun", "morocco"]) { v in Checksums.mod97(v) == 0 },
    F("pl_regon", 9...14, ["regon"]) { v in
      if v.count == 9 { return d.lastDigit([8, 9, 2, 3, 4, 5, 6, 7], mod: 11, "01234567890")(v) }
      guard v.count == 14 else { return false }
      return d.lastDigit([2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8], mod: 11, "01234567890")(v)
        && d.lastDigit([8, 9, 2, 3, 4, 5, 6, 7], mod: 11, "01234567890")(Array(v[0..<9]))
    },
    F("ru_inn", 10...12, ["inn", "russian"]) { v in
      let table = "01234567890"
      if v.count == 10 { return d.lastDigit([2, 4, 10, 3, 5, 9, 4, 6, 8], mod: 11, table)(v) }
      guard v.count == 12 else { return false }
      return d.lastDigit([7, 2, 4, 10, 3, 5, 9, 4, 6, 8], mod: 11, table)(Array(v[0..<11]))
        && d.lastDigit([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], mod: 11, table)(v)
    },
    F("rs_pib", 9...9, ["pib", "serbian"]) { v in Checksums.mod11_10(v[...]) },
    F("do_rnc", 9...9, ["rnc", "registro nacional del contribuyente"]) { v in
      guard let s = Checksums.weightedSum(v[0..<8], [7, 9, 8, 6, 5, 4, 3, 2]) else { return false }
      return PIIBytes.digitValue(v[8]) == (10 - s % 11) % 9 + 1
    },
    F("imei", 15...15, ["imei"], d.luhn),
    F("ve_rif", 9...9, ["rif", "venezuela"], takesLetter: true) { v in
      let types: [UInt8: Int] = [0x56: 4, 0x45: 8, 0x4A: 12, 0x50: 16, 0x47: 20]
      guard let base = types[v[0]], let s = Checksums.weightedSum(v[1..<9], [3, 2, 7, 6, 5, 4, 3, 2]) else { return false }
      return v[9] == Array("00987654321".utf8)[(base + s) % 11]
    },
    F("jp_cn", 13...13, ["corporate number", "hōjin", "japanese corporate"]) { v in
      guard let s = Checksums.weightedSum(v[1...], [1, 2], fromRight: true) else { return false }
      return PIIBytes.digitValue(v[0]) == 9 - s % 9
    },
    F("me_pib", 8...8, ["montenegro"], d.lastDigit([8, 7, 6, 5, 4, 3, 2], mod: 11, "00987654321")),
    F("ch_uid", 9...9, ["uid", "unternehmens-identifikationsnummer", "swiss business", "mwst", "swiss vat"], prefix: "CHE") { v in
      d.lastDigit([5, 4, 3, 2, 7, 6, 5, 4], mod: 11, "0?987654321")(v)
    },
    F("az_voen", 10...10, ["vöen", "voen", "azerbaijan"]) { v in
      guard v[9] == 0x31 || v[9] == 0x32, let s = Checksums.weightedSum(v[0..<8], [4, 1, 8, 6, 2, 7, 5, 3]) else { return false }
      return s % 11 < 10 && PIIBytes.digitValue(v[8]) == s % 11
    },
    F("ec_ruc", 13...13, ["ruc", "ecuador"]) { v in
      guard let province = PIIBytes.number(v[0..<2]), (1...24).contains(province) || province == 30 || province == 50 else { return false }
      let third = PIIBytes.digitValue(v[2])
      func weighted(_ count: Int, _ weights: [Int]) -> Bool { (Checksums.weightedSum(v[0..<count], weights) ?? 1) % 11 == 0 }
      func natural() -> Bool {
        guard Array(v[10..<13]) != Array("000".utf8) else { return false }
        var sum = 0
        for index in 0..<10 {
          let product = PIIBytes.digitValue(v[index]) * (index % 2 == 0 ? 2 : 1)
          sum += product > 9 ? product - 9 : product
        }
        return sum % 10 == 0
      }
      let publicRUC = Array(v[9..<13]) != Array("0000".utf8) && weighted(9, [3, 2, 7, 6, 5, 4, 3, 2, 1])
      let juridical = Array(v[10..<13]) != Array("000".utf8) && weighted(10, [4, 3, 2, 7, 6, 5, 4, 3, 2, 1])
      switch third {
      case 0..<6: return natural()
      case 6: return publicRUC || natural()
      case 9: return publicRUC || juridical
      default: return false
      }
    },
    // Seven digits, or ten with the three-digit number of a business unit.
    F("si_maticna", 7...10, ["matična", "maticna", "corporate registration"]) { v in
      guard v.count == 7 || v.count == 10, let s = Checksums.weightedSum(v[0..<6], [7, 6, 5, 4, 3, 2]) else { return false }
      let remainder = ((-s % 11) + 11) % 11
      return remainder != 0 && PIIBytes.digitValue(v[6]) == remainder % 10
    },
    F("th_pin", 13...13, ["thailand", "thai"], personal: true) { v in v[0] != 0x30 && NationalIDs.thaiCheck(v) },
    // A juristic person's number (MOA, also its taxpayer number) starts with 0.
    F("th_moa", 13...13, ["thailand", "thai", "moa", "memorandum of association", "juristic"]) { v in v[0] == 0x30 && NationalIDs.thaiCheck(v) },
    F("gb_vat", 9...12, ["vat", "united kingdom"]) { v in
      guard v.count == 9 || v.count == 12, let s = Checksums.weightedSum(v[0..<9], [8, 7, 6, 5, 4, 3, 2, 10, 1]) else { return false }
      return s % 97 == 0 || s % 97 == 42
    },
    F("ch_esr", 27...27, ["esr", "isr", "qr-reference"]) { v in NationalIDs.recursiveMod10(v) },
    F("id_npwp", 15...16, ["npwp"]) { v in v.count == 15 ? Checksums.luhn(v[0..<9]) : (v[0] == 0x30 && Checksums.luhn(v[0..<10])) },
  ]
}

extension NationalIDs {
  /// The birth year a Norwegian fødselsnummer encodes (century from the
  /// individual digits) must not lie in the future.
  static func norwegianYearIsPast(_ v: [UInt8]) -> Bool {
    guard let yy = PIIBytes.number(v[4..<6]), let individual = PIIBytes.number(v[6..<9]) else { return false }
    let year: Int
    switch individual {
    case 0..<500: year = 1900 + yy
    case 500..<750 where yy >= 54: year = 1800 + yy
    case 500..<1000 where yy <= 39: year = 2000 + yy
    case 900..<1000 where yy >= 40: year = 1900 + yy
    default: return false
    }
    return year <= currentYear
  }

  /// The current calendar year (UTC), for birth dates that cannot be in the future.
  static let currentYear: Int = {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    return Int(parts.tm_year) + 1900
  }()

  /// Lithuanian asmens kodas and Estonian isikukood: weights 1–9,1 then,
  /// when the remainder is 10, 3–9,1–3; a remainder of 10 again gives 0.
  static func lithuanianCheck(_ v: [UInt8]) -> Bool {
    guard let first = Checksums.weightedSum(v[0..<10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) else { return false }
    var check = first % 11
    if check == 10, let second = Checksums.weightedSum(v[0..<10], [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) { check = second % 11 % 10 }
    return PIIBytes.digitValue(v[10]) == check % 10
  }

  /// One block of an Argentine CBU: weights 3,1,7,9 from the right.
  static func cbuBlock(_ v: [UInt8], _ payload: Range<Int>, _ check: Int) -> Bool {
    guard let s = Checksums.weightedSum(v[payload], [3, 1, 7, 9], fromRight: true) else { return false }
    return PIIBytes.digitValue(v[check]) == (10 - s % 10) % 10
  }

  /// Turkish VKN: per-digit transform with powers of two modulo 9.
  static func vknCheck(_ v: [UInt8]) -> Bool {
    var sum = 0
    for (offset, byte) in v[0..<9].reversed().enumerated() {
      let i = offset + 1
      let c1 = (PIIBytes.digitValue(byte) + i) % 10
      if c1 != 0 {
        let c2 = (c1 * (1 << i)) % 9
        sum += c2 == 0 ? 9 : c2
      }
    }
    return PIIBytes.digitValue(v[9]) == (10 - sum % 10) % 10
  }

  /// Ukrainian EDRPOU: weights 1–7 (7,1–6 for 3xxx–5xxx), retried +2 when the remainder is 10.
  static func edrpouCheck(_ v: [UInt8]) -> Bool {
    var weights = [1, 2, 3, 4, 5, 6, 7]
    if (0x33...0x35).contains(v[0]) { weights = [7, 1, 2, 3, 4, 5, 6] }
    guard var total = Checksums.weightedSum(v[0..<7], weights) else { return false }
    if total % 11 == 10 { total = Checksums.weightedSum(v[0..<7], weights.map { $0 + 2 }) ?? 0 }
    return PIIBytes.digitValue(v[7]) == total % 11 % 10
  }

  /// Swiss ESR/ISR reference: recursive mod 10 (Luhn-like table walk).
  static func recursiveMod10(_ v: [UInt8]) -> Bool {
    let table = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5]
    var carry = 0
    for byte in v.dropLast() { carry = table[(carry + PIIBytes.digitValue(byte)) % 10] }
    return PIIBytes.digitValue(v[v.count - 1]) == (10 - carry) % 10
  }
}
