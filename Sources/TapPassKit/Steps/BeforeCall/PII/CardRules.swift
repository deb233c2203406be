/// Payment card numbers and IBANs: the two financial identifiers whose
/// check digits are strong enough (Luhn plus issuer ranges; ISO 7064
/// MOD 97-10 plus a per-country length) to report without context.
enum CardRules {
  /// Whether `digits` (13–19 digits) is a card number: Luhn-valid and in
  /// an issuer range whose lengths include this one (ISO/IEC 7812 IINs of
  /// the networks in use).
  static func isCardNumber(_ digits: [UInt8]) -> Bool {
    let count = digits.count
    guard (12...19).contains(count), Checksums.luhn(digits) else { return false }
    guard let prefix = PIIBytes.number(digits[0..<6]) else { return false }
    let p1 = prefix / 100_000, p2 = prefix / 10_000, p3 = prefix / 1000, p4 = prefix / 100
    switch true {
    case p1 == 4: return count == 13 || count == 16 || count == 19  // Visa
    case (51...55).contains(p2), (2221...2720).contains(p4): return count == 16  // Mastercard
    case p2 == 34 || p2 == 37: return count == 15  // American Express
    case p4 == 6011, (644...649).contains(p3), p2 == 65: return (16...19).contains(count)  // Discover
    case p2 == 35: return (16...19).contains(count)  // JCB (3528–3589, and test ranges 35xx)
    case p4 == 2131 || p4 == 1800: return count == 15  // JCB (old)
    case (300...305).contains(p3), p2 == 36, p2 == 38, p2 == 39, p3 == 309: return (14...16).contains(count)  // Diners
    case p2 == 62: return (16...19).contains(count)  // UnionPay
    case (2200...2204).contains(p4): return (16...19).contains(count)  // Mir
    case p2 == 50, (56...69).contains(p2): return (12...19).contains(count)  // Maestro
    default: return false
    }
  }

  /// Whether the separators between digit groups look like a card's:
  /// none, or one kind of single separator with 4-digit groups (the last
  /// may be shorter), or the 4-6-5 / 4-6-4 Amex and Diners layouts.
  static func hasCardLayout(_ groups: [Int], separators: [UInt8]) -> Bool {
    if groups.count == 1 { return true }
    guard let first = separators.first, first == 0x20 || first == 0x2D, separators.allSatisfy({ $0 == first }) else { return false }
    if groups == [4, 6, 5] || groups == [4, 6, 4] { return true }
    for (index, length) in groups.enumerated() where length != 4 {
      if index != groups.count - 1 || length > 7 { return false }
    }
    return true
  }

  /// IBAN lengths by country (ISO 13616 registry).
  static let ibanLengths: [UInt16: Int] = {
    let table: [(String, Int)] = [
      ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20), ("BE", 16), ("BG", 22), ("BH", 22),
      ("BI", 27), ("BR", 29), ("BY", 28), ("CH", 21), ("CR", 22), ("CY", 28), ("CZ", 24), ("DE", 22), ("DJ", 27),
      ("DK", 18), ("DO", 28), ("EE", 20), ("EG", 29), ("ES", 24), ("FI", 18), ("FK", 18), ("FO", 18), ("FR", 27),
      ("GB", 22), ("GE", 22), ("GI", 23), ("GL", 18), ("GR", 27), ("GT", 28), ("HR", 21), ("HU", 28), ("IE", 22),
      ("IL", 23), ("IQ", 23), ("IS", 26), ("IT", 27), ("JO", 30), ("KW", 30), ("KZ", 20), ("LB", 28), ("LC", 32),
      ("LI", 21), ("LT", 20), ("LU", 20), ("LV", 21), ("LY", 25), ("MC", 27), ("MD", 24), ("ME", 22), ("MK", 19),
      ("MN", 20), ("MR", 27), ("MT", 31), ("MU", 30), ("NI", 28), ("NL", 18), ("NO", 15), ("OM", 23), ("PK", 24),
      ("PL", 28), ("PS", 29), ("PT", 25), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33), ("SA", 24), ("SC", 31),
      ("SD", 18), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27), ("SO", 23), ("ST", 25), ("SV", 28), ("TL", 23),
      ("TN", 24), ("TR", 26), ("UA", 29), ("VA", 22), ("VG", 24), ("XK", 20), ("YE", 30),
    ]
    var lengths: [UInt16: Int] = [:]
    for (code, length) in table {
      let bytes = Array(code.utf8)
      lengths[UInt16(bytes[0]) << 8 | UInt16(bytes[1])] = length
    }
    return lengths
  }()

  /// The national check digits some countries keep inside the BBAN
  /// (Belgium: mod 97 of the account; Spain: the two "DC" digits).
  static func nationalCheck(_ iban: [UInt8]) -> Bool {
    let bban = iban[4...]
    switch (iban[0], iban[1]) {
    case (0x42, 0x45):  // BE
      guard PIIBytes.allDigits(bban), let account = PIIBytes.number(bban.prefix(10)), let check = PIIBytes.number(bban.suffix(2)) else { return false }
      return (account % 97 == 0 ? 97 : account % 97) == check
    case (0x45, 0x53):  // ES
      guard PIIBytes.allDigits(bban) else { return false }
      let digits = Array(bban)
      func dc(_ payload: [UInt8]) -> Int {
        let sum = Checksums.weightedSum(payload[...], [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]) ?? 0
        let value = 11 - sum % 11
        return value == 11 ? 0 : (value == 10 ? 1 : value)
      }
      return dc([0x30, 0x30] + digits[0..<8]) == PIIBytes.digitValue(digits[8]) && dc(Array(digits[10..<20])) == PIIBytes.digitValue(digits[9])
    default:
      return true
    }
  }

  /// Finds an IBAN starting at `start` (country letters, two check digits,
  /// then the BBAN, optionally in groups separated by single spaces or
  /// dashes). Returns the end offset when it validates.
  static func iban(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Int? {
    guard start + 4 <= bytes.count, start == 0 || !PIIBytes.isWord(bytes[start - 1]) else { return nil }
    let country = UInt16(PIIBytes.upper(bytes[start])) << 8 | UInt16(PIIBytes.upper(bytes[start + 1]))
    guard let length = ibanLengths[country] else { return nil }
    var value: [UInt8] = []
    value.reserveCapacity(length)
    var position = start
    var end = start
    while position < bytes.count, value.count < length {
      let byte = bytes[position]
      if PIIBytes.isAlnum(byte) {
        value.append(PIIBytes.upper(byte))
        position += 1
        end = position
      } else if (byte == 0x20 || byte == 0x2D), value.count >= 2, position + 1 < bytes.count, PIIBytes.isAlnum(bytes[position + 1]) {
        position += 1
      } else {
        break
      }
    }
    guard value.count == length, PIIBytes.allDigits(value[2..<4]) else { return nil }
    // The number must end here: a letter or digit straight after means a longer token.
    if end < bytes.count, PIIBytes.isAlnum(bytes[end]) { return nil }
    guard Checksums.mod97(value[4...] + value[0..<4]) == 1, nationalCheck(value) else { return nil }
    return end
  }
}
