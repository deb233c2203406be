/// Structure rules of identifiers (personal and business) that are more than a weighted
/// sum, for the formats in `NationalIDFormats`.
extension NationalIDs {
  /// German Steuer-IdNr (BZSt): in the first ten digits exactly one digit
  /// occurs twice or three times and every other digit at most once.
  static func germanIdNrDigits(_ v: [UInt8]) -> Bool {
    var counts = [Int](repeating: 0, count: 10)
    for byte in v[0..<10] { counts[PIIBytes.digitValue(byte)] += 1 }
    let repeated = counts.filter { $0 > 1 }
    return repeated.count == 1 && repeated[0] <= 3
  }

  /// New Zealand IRD number (Inland Revenue's published check): 8 or 9
  /// digits between 10,000,000 and 150,000,000; weights 3,2,7,6,5,4,3,2
  /// over the eight digits before the check, c = 11 − r (0 when r = 0);
  /// when c is 10 the weights 7,4,3,2,5,2,7,6 are tried, and 10 again is invalid.
  static func irdCheck(_ v: [UInt8]) -> Bool {
    let padded = v.count == 8 ? [0x30] + v : v
    guard let value = PIIBytes.number(padded), value > 10_000_000, value < 150_000_000 else { return false }
    for weights in [[3, 2, 7, 6, 5, 4, 3, 2], [7, 4, 3, 2, 5, 2, 7, 6]] {
      guard let s = Checksums.weightedSum(padded[0..<8], weights) else { return false }
      let check = s % 11 == 0 ? 0 : 11 - s % 11
      if check != 10 { return PIIBytes.digitValue(padded[8]) == check }
    }
    return false
  }

  /// Peruvian CUI/DNI (RENIEC): eight digits, weights 3,2,7,6,5,4,3,2,
  /// c = 11 − (Σ mod 11) with 11 read as 0, printed either as a digit from
  /// 6,7,8,9,0,1,1,2,3,4,5 or as a letter from K,A,B,…,J.
  static func peruvianCUI(_ v: [UInt8]) -> Bool {
    guard v.count == 9, let s = Checksums.weightedSum(v[0..<8], [3, 2, 7, 6, 5, 4, 3, 2]) else { return false }
    let check = (11 - s % 11) % 11
    return v[8] == Array("67890112345".utf8)[check] || v[8] == Array("KABCDEFGHIJ".utf8)[check]
  }

  /// Malaysian NRIC digits 7–8: a state code (01–16, 21–59) or one of the
  /// codes for births abroad (60–68, 71–72, 74–79, 82–93, 98–99).
  static func malaysianBirthplace(_ v: [UInt8]) -> Bool {
    guard let code = PIIBytes.number(v[6..<8]), let yy = PIIBytes.number(v[0..<2]) else { return false }
    // 29 February only in a leap year (two-digit years: every fourth, 2000 included).
    if v[2] == 0x30, v[3] == 0x32, v[4] == 0x32, v[5] == 0x39, yy % 4 != 0 { return false }
    switch code {
    case 1...16, 21...68, 71...72, 74...79, 82...93, 98...99: return true
    default: return false
    }
  }

  /// Thai citizen and juristic-person numbers (13 digits): weights 13…2
  /// over the first twelve, check (11 − Σ mod 11) mod 10.
  static func thaiCheck(_ v: [UInt8]) -> Bool {
    guard let s = Checksums.weightedSum(v[0..<12], [2, 1, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9]) else { return false }
    return PIIBytes.digitValue(v[12]) == ((1 - ((s % 11) + 11) % 11) % 10 + 10) % 10
  }

  /// Korean business registration number (National Tax Service): weights
  /// 1,3,7,1,3,7,1,3,5 plus the tens of 5 × the ninth digit, check
  /// (10 − Σ mod 10) mod 10; tax office 101 or above, entity type and
  /// serial not zero.
  static func koreanBRN(_ v: [UInt8]) -> Bool {
    guard let office = PIIBytes.number(v[0..<3]), office >= 101, let kind = PIIBytes.number(v[3..<5]), kind != 0,
          let serial = PIIBytes.number(v[5..<9]), serial != 0,
          let s = Checksums.weightedSum(v[0..<9], [1, 3, 7, 1, 3, 7, 1, 3, 5]) else { return false }
    return PIIBytes.digitValue(v[9]) == (10 - (s + PIIBytes.digitValue(v[8]) * 5 / 10) % 10) % 10
  }

  /// Costa Rican cédula jurídica (Registro Nacional): class 2 (state
  /// bodies, 100–400), 3 (companies and associations, by type code), 4
  /// (000) or 5 (001), then six digits.
  static func costaRicaCPJ(_ v: [UInt8]) -> Bool {
    guard let kind = PIIBytes.number(v[1..<4]) else { return false }
    switch v[0] {
    case 0x32: return [100, 200, 300, 400].contains(kind)
    case 0x33: return (2...14).contains(kind) || (101...110).contains(kind)
    case 0x34: return kind == 0
    case 0x35: return kind == 1
    default: return false
    }
  }

  /// Belarusian UNP: weights 29,23,19,17,13,7,5,3 over the first eight
  /// digits, mod 11; a remainder of 10 is never issued.
  static func belarusUNP(_ v: [UInt8]) -> Bool {
    guard let s = Checksums.weightedSum(v[0..<8], [29, 23, 19, 17, 13, 7, 5, 3]), s % 11 < 10 else { return false }
    return PIIBytes.digitValue(v[8]) == s % 11
  }
}
