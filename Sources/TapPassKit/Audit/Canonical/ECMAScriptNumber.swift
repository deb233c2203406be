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
    // Fast path: small integers without fraction or exponent are already canonical
    // once leading "-0" is handled.
    if raw.count <= 15, raw.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) {
      if raw.elementsEqual([0x2D, 0x30]) { return [0x30] }
      return Array(raw)
    }
    guard let value = Double(String(decoding: raw, as: UTF8.self)), value.isFinite else { return nil }
    return Array(format(value).utf8)
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
