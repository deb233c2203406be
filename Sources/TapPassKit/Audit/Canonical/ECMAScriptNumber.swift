/// Number serialisation as ECMAScript's `Number::toString` (ECMA-262
/// §6.1.6.1.20), which RFC 8785 §3.2.2.3 adopts.
///
/// The digits come from Swift's `Double.description`, which prints the
/// shortest digit string that round-trips (and the closest one among those),
/// exactly the (k, s, n) choice ECMAScript asks for; only the layout differs,
/// so this file re-lays the digits out by ECMAScript's rules:
/// with value = s × 10^(n−k), s having k digits,
/// - k ≤ n ≤ 21: the digits then n−k zeros (`1e21` → `1e+21`, `1e20` → `100000000000000000000`);
/// - 0 < n ≤ 21: a decimal point after n digits;
/// - −6 < n ≤ 0: `0.` then −n zeros then the digits;
/// - otherwise exponent form `d[.ddd]e±(n−1)`.
public enum ECMAScriptNumber {
  /// The canonical text of a JSON number literal, or nil when it is outside
  /// the double range (JCS cannot represent it).
  public static func canonicalText(ofJSONNumber raw: some Collection<UInt8>) -> [UInt8]? {
    if isAlreadyCanonical(raw) { return Array(raw) }
    if raw.elementsEqual([0x2D, 0x30]) { return [0x30] }
    guard let value = Double(String(decoding: raw, as: UTF8.self)), value.isFinite else { return nil }
    return Array(format(value).utf8)
  }

  /// Whether a (grammatically valid) JSON number is already in ECMAScript
  /// form, so the slow path can be skipped: no exponent, no leading or
  /// trailing zeros, at most 15 significant digits, and not below 1e-6.
  /// Why that suffices: any decimal of ≤ 15 significant digits survives the
  /// trip through a double (DBL_DIG = 15), so two different such decimals
  /// never share a double, and the literal is the shortest text for its
  /// value; ECMAScript then prints exactly these digits with the point
  /// where the literal has it (n ≤ 21 holds with ≤ 15 digits).
  static func isAlreadyCanonical(_ raw: some Collection<UInt8>) -> Bool {
    var digits = 0
    var leadingFractionZeros = 0
    var sawPoint = false
    var integerIsZero = false
    var last: UInt8 = 0
    var first = true
    var index = 0
    for byte in raw {
      defer { last = byte; index += 1 }
      switch byte {
      case 0x2D:
        guard index == 0 else { return false }
        continue
      case 0x2E:
        sawPoint = true
        continue
      case 0x30...0x39:
        if first {
          first = false
          if byte == 0x30 { integerIsZero = true; continue }
        }
        if integerIsZero && sawPoint && digits == 0 && byte == 0x30 {
          leadingFractionZeros += 1
          continue
        }
        digits += 1
      default:
        return false  // exponent
      }
    }
    if integerIsZero { return sawPoint ? digits > 0 && leadingFractionZeros <= 5 && last != 0x30 && digits <= 15 : !raw.starts(with: [0x2D]) }
    if sawPoint && last == 0x30 { return false }
    return digits <= 15
  }

  /// ECMAScript's `String(value)` for a finite double.
  public static func format(_ value: Double) -> String {
    precondition(value.isFinite, "JCS has no representation for NaN or infinity")
    if value == 0 { return "0" }
    let negative = value < 0
    let (digits, n) = decompose(negative ? -value : value)
    let k = digits.count
    var result = negative ? "-" : ""
    if k <= n && n <= 21 {
      result += digits + String(repeating: "0", count: n - k)
    } else if 0 < n && n <= 21 {
      let split = digits.index(digits.startIndex, offsetBy: n)
      result += digits[..<split] + "." + digits[split...]
    } else if -6 < n && n <= 0 {
      result += "0." + String(repeating: "0", count: -n) + digits
    } else {
      let exponent = n - 1
      result += String(digits.first!)
      if k > 1 { result += "." + digits.dropFirst() }
      result += "e" + (exponent >= 0 ? "+" : "-") + String(abs(exponent))
    }
    return result
  }

  /// Shortest round-trip digits (no leading or trailing zeros) and the
  /// exponent n such that value = 0.digits × 10^n.
  static func decompose(_ value: Double) -> (String, Int) {
    let text = value.description  // e.g. "123.45", "1e-07", "5e-324", "1.2345e+22"
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...])!
    }
    var digits = ""
    var pointPosition: Int?
    for character in mantissa {
      if character == "." { pointPosition = digits.count } else { digits.append(character) }
    }
    var n = (pointPosition ?? digits.count) + exponent
    // Strip leading zeros (each moves the point) and trailing zeros.
    while digits.first == "0" {
      digits.removeFirst()
      n -= 1
    }
    while digits.last == "0" { digits.removeLast() }
    return (digits, n)
  }
}
