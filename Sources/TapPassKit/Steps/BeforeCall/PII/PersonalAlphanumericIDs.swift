/// Personal identifiers that mix letters and digits, checked by
/// `AlphanumericIDs.match` on one token.
extension AlphanumericIDs {
  private static let hetuCentury = Array("-+ABCDEFYXWVU".utf8)
  private static let hetuCheck = Array("0123456789ABCDEFHJKLMNPRSTUVWXY".utf8)

  /// Finnish henkilötunnus (Digital and Population Data Services Agency):
  /// DDMMYY, a century sign, individual number 002–899, and the check
  /// character DDMMYYNNN mod 31. Read from the raw bytes, where the
  /// century sign (a dash, a plus or a letter) still stands.
  static func isHetu(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
    let v = (start..<start + 11).map { PIIBytes.upper(bytes[$0]) }
    guard hetuCentury.contains(v[6]), PIIBytes.allDigits(v[0..<6]), PIIBytes.allDigits(v[7..<10]),
      NationalIDs.hasDate(v, 0, order: .ddmmyy), let individual = PIIBytes.number(v[7..<10]), (2...899).contains(individual),
      let value = PIIBytes.number(v[0..<6] + v[7..<10])
    else { return false }
    return v[10] == hetuCheck[value % 31]
  }

  /// Irish PPS number (Revenue): seven digits, a check letter and maybe
  /// a second letter. Weights 8…2 over the digits, plus 9 × the second
  /// letter's value (A = 1 … I = 9; W and T, the older suffixes, count 0),
  /// mod 23 indexes W, A, B, …, V.
  static func isIrishPPS(_ v: [UInt8]) -> Bool {
    guard PIIBytes.allDigits(v[0..<7]), PIIBytes.isUpper(v[7]), var sum = Checksums.weightedSum(v[0..<7], [8, 7, 6, 5, 4, 3, 2]) else { return false }
    if v.count == 9 {
      let second = v[8]
      if (0x41...0x49).contains(second) {
        sum += 9 * Int(second - 0x40)
      } else if second != 0x57 && second != 0x54 {
        return false
      }
    }
    let remainder = sum % 23
    return v[7] == (remainder == 0 ? 0x57 : UInt8(0x40 + remainder))
  }

  /// Portuguese Cartão de Cidadão: the nine-digit civil number with its
  /// own check digit, two version characters and a check digit; letters
  /// count A = 10 … Z = 35 and every second value from the right is
  /// doubled (9 subtracted above 9), the sum a multiple of ten.
  static func isPortugueseCC(_ v: [UInt8]) -> Bool {
    guard PIIBytes.allDigits(v[0..<9]), PIIBytes.isDigit(v[11]), v[9...10].contains(where: PIIBytes.isUpper) else { return false }
    var sum = 0
    for (offset, byte) in v.reversed().enumerated() {
      guard var value = Checksums.alnumValue(byte) else { return false }
      if offset % 2 == 1 {
        value *= 2
        if value > 9 { value -= 9 }
      }
      sum += value
    }
    return sum % 10 == 0
  }

  /// Kenyan KRA PIN: A (individual) or P (other taxpayer), nine digits
  /// and a letter. No check character is published, so it needs its name.
  static func isKenyaPIN(_ v: [UInt8]) -> Bool {
    (v[0] == 0x41 || v[0] == 0x50) && PIIBytes.allDigits(v[1..<10]) && PIIBytes.isUpper(v[10])
  }

  static let mauritianWords = ContextWords(["mauritian", "mauritius", "national identity", "nid"])
  private static let base36 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

  /// Mauritian national identity number: the initial of the surname, the
  /// birth date DDMMYY, six more characters and a check character, the
  /// sum of (14 − i) × value (0–9, A = 10 … Z = 35) over the first 13,
  /// subtracted from 17, mod 17.
  static func isMauritianNID(_ v: [UInt8]) -> Bool {
    guard v.count == 14, PIIBytes.isUpper(v[0]), PIIBytes.allDigits(v[1..<13]), NationalIDs.hasDate(v, 1, order: .ddmmyy) else { return false }
    var sum = 0
    for index in 0..<13 {
      guard let value = base36.firstIndex(of: v[index]) else { return false }
      sum += (14 - index) * value
    }
    return v[13] == base36[((17 - sum) % 17 + 17) % 17]
  }
}
