/// The check-digit algorithms behind card numbers, IBANs and national
/// identifiers, written once and shared by every format in
/// `NationalIDFormats` (python-stdnum's modules reduce to these few).
///
/// All functions take the compact form: upper-case ASCII letters and digits
/// only. A character outside what an algorithm accepts makes it fail.
enum Checksums {
  /// Luhn (ISO/IEC 7812): card numbers, IMEI, Canadian SIN, many tax ids.
  static func luhn(_ digits: ArraySlice<UInt8>) -> Bool {
    guard !digits.isEmpty else { return false }
    var sum = 0
    var double = false
    for byte in digits.reversed() {
      guard PIIBytes.isDigit(byte) else { return false }
      var value = PIIBytes.digitValue(byte)
      if double {
        value *= 2
        if value > 9 { value -= 9 }
      }
      sum += value
      double.toggle()
    }
    return sum % 10 == 0
  }

  static func luhn(_ digits: [UInt8]) -> Bool { luhn(digits[...]) }

  /// Σ weightᵢ·digitᵢ over `digits` (weights cycle when shorter), or nil
  /// when a character is not a digit. `fromRight` aligns the weights with
  /// the last digit first.
  static func weightedSum(_ digits: ArraySlice<UInt8>, _ weights: [Int], fromRight: Bool = false) -> Int? {
    var sum = 0
    var index = 0
    let sequence: [UInt8] = fromRight ? digits.reversed() : Array(digits)
    for byte in sequence {
      guard PIIBytes.isDigit(byte) else { return nil }
      sum += weights[index % weights.count] * PIIBytes.digitValue(byte)
      index += 1
    }
    return sum
  }

  /// The common "weighted sum modulo m, remainder looked up in a table"
  /// scheme: the check character is `table[sum mod m]` (a table entry of
  /// `?` means that remainder never occurs in a valid number).
  static func weighted(_ value: [UInt8], payload: Range<Int>, check: Int, weights: [Int], modulus: Int, table: [UInt8], fromRight: Bool = false) -> Bool {
    guard payload.upperBound <= value.count, check < value.count,
      let sum = weightedSum(value[payload], weights, fromRight: fromRight)
    else { return false }
    let remainder = ((sum % modulus) + modulus) % modulus
    guard remainder < table.count else { return false }
    return table[remainder] == value[check]
  }

  /// Value of an alphanumeric character in ISO 7064 / ISO 13616: 0–9, A=10…Z=35.
  @inline(__always) static func alnumValue(_ byte: UInt8) -> Int? {
    if PIIBytes.isDigit(byte) { return PIIBytes.digitValue(byte) }
    if PIIBytes.isUpper(byte) { return Int(byte - 0x41) + 10 }
    return nil
  }

  /// ISO 7064 MOD 97-10 over letters-as-numbers: IBAN, ISO 11649, LEI.
  /// The value is valid when it reduces to 1.
  static func mod97(_ value: some Sequence<UInt8>) -> Int? {
    var remainder = 0
    for byte in value {
      guard let number = alnumValue(byte) else { return nil }
      remainder = number < 10 ? (remainder * 10 + number) % 97 : (remainder * 100 + number) % 97
    }
    return remainder
  }

  /// ISO 7064 MOD 11-10 (hybrid system): Croatian OIB, Serbian PIB, German IdNr-style checks.
  static func mod11_10(_ digits: ArraySlice<UInt8>) -> Bool {
    var check = 5
    for byte in digits {
      guard PIIBytes.isDigit(byte) else { return false }
      check = (((check == 0 ? 10 : check) * 2) % 11 + PIIBytes.digitValue(byte)) % 10
    }
    return check == 1
  }

  /// ISO 7064 MOD 11-2 (check character 0–9 or X): Chinese resident id.
  static func mod11_2(_ value: ArraySlice<UInt8>) -> Bool {
    var check = 0
    for byte in value {
      let number: Int
      if byte == 0x58 { number = 10 } else if PIIBytes.isDigit(byte) { number = PIIBytes.digitValue(byte) } else { return false }
      check = (2 * check + number) % 11
    }
    return check == 1
  }

  /// ISO 7064 MOD 37-36 (hybrid over 0–9A–Z).
  static func mod37_36(_ value: ArraySlice<UInt8>) -> Bool {
    var check = 36
    for byte in value {
      guard let number = alnumValue(byte) else { return false }
      check = (((check == 0 ? 36 : check) * 2) % 37 + number) % 36
    }
    return check == 1
  }

  private static let verhoeffMultiply: [[Int]] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  ]
  private static let verhoeffPermute: [[Int]] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
  ]

  /// Verhoeff (dihedral group D5): Indian Aadhaar.
  static func verhoeff(_ digits: ArraySlice<UInt8>) -> Bool {
    var check = 0
    for (index, byte) in digits.reversed().enumerated() {
      guard PIIBytes.isDigit(byte) else { return false }
      check = verhoeffMultiply[check][verhoeffPermute[index % 8][PIIBytes.digitValue(byte)]]
    }
    return check == 0
  }

  /// Tables for `weighted`: remainders mapped to check characters.
  enum Table {
    static let digits = Array("0123456789".utf8)
    /// 11 − r, with 10 and 11 mapped to 0 (the most common mod-11 rule).
    static let elevenMinus = Array("00987654321".utf8)
    /// r itself, with 10 mapped to 0.
    static let remainderTenZero = Array("01234567890".utf8)
    /// r itself, with 10 meaning no valid number.
    static let remainder = Array("0123456789?".utf8)
    /// (10 − r) mod 10, for modulus-10 sums.
    static let tenMinus = Array("0987654321".utf8)
  }
}
