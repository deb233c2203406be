import Glibc

/// Measures how random a candidate value looks, the way detect-secrets and
/// gitleaks do: Shannon entropy in bits per character plus the mix of
/// character classes. Entropy alone lets long English identifiers through
/// (`this_is_my_password_value` is ~3.6 bits); the class mix alone lets
/// `Password1` through. Keyed rules need both.
struct ValueShape {
  var length = 0
  var entropy = 0.0
  var lower = 0
  var upper = 0
  var digits = 0
  var symbols = 0
  var spaces = 0
  /// The most frequent byte's share of the value (1.0 for `aaaa`).
  var dominance = 0.0
  /// Every byte is a hex digit (hashes, git SHAs, UUID parts).
  var isHex = false

  /// Character classes present (lower, upper, digit, symbol): 0–4.
  var classes: Int { (lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digits > 0 ? 1 : 0) + (symbols > 0 ? 1 : 0) }
  var letters: Int { lower + upper }

  /// One pass over the value; the byte counts live on the stack.
  init(_ bytes: [UInt8], _ range: Range<Int>) {
    length = range.count
    guard length > 0 else { return }
    var hexCount = 0
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
      counts.initialize(repeating: 0)
      for index in range {
        let byte = bytes[index]
        counts[Int(byte)] += 1
        switch byte {
        case 0x61...0x7A: lower += 1
        case 0x41...0x5A: upper += 1
        case 0x30...0x39: digits += 1
        case 0x20, 0x09: spaces += 1; symbols += 1
        default: symbols += 1
        }
        if SecretBytes.hex.contains(byte) { hexCount += 1 }
      }
      var sum = 0.0
      var top = 0
      let total = Double(length)
      for value in 0..<256 where counts[value] > 0 {
        top = max(top, counts[value])
        let p = Double(counts[value]) / total
        sum -= p * log2(p)
      }
      entropy = sum
      dominance = Double(top) / total
    }
    isHex = hexCount == length
  }
}
