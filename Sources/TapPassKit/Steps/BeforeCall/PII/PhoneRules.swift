/// Telephone numbers: E.164 (`+CC …`), NANP (`(NNN) NNN-NNNN`), the `00`/
/// `011` international prefixes and national formats with a trunk `0`.
///
/// Why shape first and context second: a run of 7–15 digits is also an
/// order id, a timestamp or an amount. A number is reported without
/// context only when its layout is one phone numbers use (E.164 or NANP
/// groups, or a trunk-prefixed national number in separated groups); a
/// weaker layout (short local numbers, undivided digits) needs a cue word
/// such as "phone", "call" or "fax" next to it. Dates, versions and
/// decimals are rejected by the caller before any of this.
enum PhoneRules {
  struct Shape {
    /// Digit counts of the groups, in order.
    var groups: [Int]
    /// The separator run between groups (its first byte), one per gap.
    var separators: [UInt8]
    var plus: Bool
    /// The digits, in order.
    var digits: [UInt8]
  }

  /// What a cue word adds to a shape's score.
  static let contextBonus = 0.35

  /// Score of a phone-shaped window before context (0 = not a phone).
  /// `regions` restricts national formats: empty or containing `ANY`
  /// accepts all; `US`/`CA` alone accept only NANP numbers.
  static func score(_ shape: Shape, regions: Set<String>) -> Double {
    let count = shape.digits.count
    let groups = shape.groups
    guard count >= 7, count <= 15, !shape.separators.contains(0x2F) else { return 0 }
    if groups == [3, 2, 4] { return 0 }  // the SSN layout
    let dots = shape.separators.filter { $0 == 0x2E }.count
    if shape.plus { return count >= 8 && shape.digits[0] != 0x30 ? 0.85 : 0 }
    let nanpOnly = !regions.isEmpty && !regions.contains("ANY") && regions.isSubset(of: ["US", "CA"])
    let international = shape.digits.starts(with: [0x30, 0x30]) || shape.digits.starts(with: [0x30, 0x31, 0x31])
    if international, count >= 10, groups.count >= 2, dots == 0, !nanpOnly { return 0.8 }
    let nanp = (groups == [3, 3, 4] && count == 10) || (groups == [1, 3, 3, 4] && shape.digits[0] == 0x31)
    if nanp {
      let area = shape.digits[count - 10]
      guard area >= 0x32, dots == 0 || dots == 2 else { return 0 }
      return 0.8
    }
    if nanpOnly { return groups.count == 1 && count == 10 && shape.digits[0] >= 0x32 ? 0.35 : 0 }
    if dots > 0 {
      // Dotted numbers are versions and decimals unless every group is a
      // digit pair (the French and Belgian habit).
      return dots == groups.count - 1 && groups.count >= 4 && groups.allSatisfy({ $0 == 2 }) && count == 10 ? 0.7 : 0
    }
    if groups.count >= 2 {
      // Trunk-0 national numbers in three or more groups ("07700 900 123").
      if shape.digits[0] == 0x30, shape.digits[1] != 0x30, (9...11).contains(count), groups.count >= 3, groups.allSatisfy({ $0 >= 2 }) { return 0.6 }
      if count <= 12, groups.allSatisfy({ $0 >= 2 }) { return 0.4 }
      return 0
    }
    // One undivided group: only with a cue word.
    return (10...12).contains(count) ? 0.35 : 0
  }
}
