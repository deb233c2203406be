/// European VAT numbers in their all-digit national forms, each with the
/// check its tax authority publishes. `NationalIDFormats.vatFormats` lists
/// them twice: after the country code ("FI 2149 5540") with any VAT word
/// nearby, and without it only after the number's own name ("NIP").
enum VATNumbers {
  /// Words that name a VAT number in the member states' languages.
  static let words = [
    "vat", "vatin", "tva", "iva", "mwst", "ust", "ust-idnr", "btw", "moms", "alv", "dph", "dič", "dic", "nip", "pvn", "pvm",
    "ddv", "áfa", "ддс", "fpa", "cif", "partita iva", "value added tax",
  ]

  /// Finnish ALV: weights 7,9,10,5,8,4,2,1, a multiple of 11.
  static func finnish(_ v: [UInt8]) -> Bool { (Checksums.weightedSum(v[...], [7, 9, 10, 5, 8, 4, 2, 1]) ?? 1) % 11 == 0 }

  /// Slovak IČ DPH of a legal person: no leading 0, third digit 2, 3, 4, 7,
  /// 8 or 9, and the number a multiple of 11.
  static func slovak(_ v: [UInt8]) -> Bool {
    guard v[0] != 0x30, [0x32, 0x33, 0x34, 0x37, 0x38, 0x39].contains(v[2]) else { return false }
    return v.reduce(0) { ($0 * 10 + PIIBytes.digitValue($1)) % 11 } == 0
  }

  /// Polish NIP: weights 6,5,7,2,3,4,5,6,7 and −1 for the check, a multiple of 11.
  static func polish(_ v: [UInt8]) -> Bool { (Checksums.weightedSum(v[...], [6, 5, 7, 2, 3, 4, 5, 6, 7, -1]) ?? 1) % 11 == 0 }

  /// Latvian PVN of a legal person (first digit above 3): weights
  /// 9,1,4,8,3,10,2,5,7,6,1, remainder 3 mod 11.
  static func latvian(_ v: [UInt8]) -> Bool {
    v[0] > 0x33 && (Checksums.weightedSum(v[...], [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) ?? 0) % 11 == 3
  }

  /// Romanian CUI: 2 to 10 digits, no leading 0; weights 7,5,3,2,1,7,5,3,2
  /// aligned right over the digits before the check, 10 × Σ mod 11 mod 10.
  static func romanian(_ v: [UInt8]) -> Bool {
    guard v[0] != 0x30, let s = Checksums.weightedSum(v[0..<(v.count - 1)], Array([7, 5, 3, 2, 1, 7, 5, 3, 2].suffix(v.count - 1))) else { return false }
    return PIIBytes.digitValue(v[v.count - 1]) == 10 * s % 11 % 10
  }

  /// Slovenian DDV: no leading 0, weights 8…2, check 11 − Σ mod 11 (10 is
  /// written 0, 11 never issued).
  static func slovenian(_ v: [UInt8]) -> Bool {
    guard v[0] != 0x30, let s = Checksums.weightedSum(v[0..<7], [8, 7, 6, 5, 4, 3, 2]) else { return false }
    let check = 11 - s % 11
    return check != 11 && PIIBytes.digitValue(v[7]) == check % 10
  }

  /// Czech DIČ of a legal person: eight digits not starting with 9,
  /// weights 8…2, check (11 − Σ) mod 11 with 0 written 1, then mod 10.
  static func czech(_ v: [UInt8]) -> Bool {
    guard v[0] != 0x39, let s = Checksums.weightedSum(v[0..<7], [8, 7, 6, 5, 4, 3, 2]) else { return false }
    let check = ((11 - s) % 11 + 11) % 11
    return PIIBytes.digitValue(v[7]) == (check == 0 ? 1 : check) % 10
  }

  /// Italian partita IVA: Luhn over eleven digits, a non-zero company
  /// number and a provincial office code 001–100, 120, 121, 888 or 999.
  static func italian(_ v: [UInt8]) -> Bool {
    guard let company = PIIBytes.number(v[0..<7]), company != 0, let office = PIIBytes.number(v[7..<10]) else { return false }
    return ((1...100).contains(office) || [120, 121, 888, 999].contains(office)) && Checksums.luhn(v)
  }

  /// Luxembourg TVA: the first six digits mod 89 are the last two.
  static func luxembourgish(_ v: [UInt8]) -> Bool {
    guard let body = PIIBytes.number(v[0..<6]), let check = PIIBytes.number(v[6..<8]) else { return false }
    return body % 89 == check
  }

  /// Bulgarian VAT of a legal person (nine digits): weights 1…8 mod 11,
  /// or 3…10 when that gives 10, then mod 10.
  static func bulgarian(_ v: [UInt8]) -> Bool {
    guard var check = Checksums.weightedSum(v[0..<8], [1, 2, 3, 4, 5, 6, 7, 8]).map({ $0 % 11 }) else { return false }
    if check == 10 { check = (Checksums.weightedSum(v[0..<8], [3, 4, 5, 6, 7, 8, 9, 10]) ?? 0) % 11 }
    return PIIBytes.digitValue(v[8]) == check % 10
  }

  /// French TVA with a numeric key: a SIREN passing Luhn (or 000… for
  /// bodies without one) and the key (SIREN × 100 + 12) mod 97.
  static func french(_ v: [UInt8]) -> Bool {
    guard let key = PIIBytes.number(v[0..<2]), let siren = PIIBytes.number(v[2..<11]) else { return false }
    guard (v[2] == 0x30 && v[3] == 0x30 && v[4] == 0x30) || Checksums.luhn(Array(v[2..<11])) else { return false }
    return key == (siren * 100 + 12) % 97
  }

  /// German USt-IdNr: nine digits, no leading 0, ISO 7064 MOD 11,10.
  static func german(_ v: [UInt8]) -> Bool {
    guard v[0] != 0x30 else { return false }
    var product = 10
    for byte in v[0..<8] {
      var sum = (PIIBytes.digitValue(byte) + product) % 10
      if sum == 0 { sum = 10 }
      product = 2 * sum % 11
    }
    return PIIBytes.digitValue(v[8]) == (11 - product) % 10
  }
}
