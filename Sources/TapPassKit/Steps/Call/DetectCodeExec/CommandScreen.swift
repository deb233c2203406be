/// A one-pass screen that proves a piece of text holds no dangerous command
/// without parsing it: most fields are prose, and parsing prose as shell
/// only to find that no sentence starts with a known program is the bulk
/// of the work.
///
/// Text passes the screen when it has none of the bytes that make shell
/// grammar (quotes, backslash, `$`, backquote, redirections), no command
/// whose first word is an env assignment, a known program (ProgramNames)
/// or `mkfs.*`, and no argument bytes that a rule reading every argument
/// needs (`CommandRules.argumentRulesMayHit`). Parsed, such text is a few
/// commands split at `;`, `&`, `|` and newlines whose programs no rule
/// knows and no redirections, so `CommandRules.check` has nothing to
/// report; text that fails the screen is parsed as before.
enum CommandScreen {
  /// Per byte: its ByteClass bits, plus what the screen itself needs.
  static let blank: UInt16 = 1 << 13
  static let separator: UInt16 = 1 << 14
  static let grammar: UInt16 = 1 << 15
  static let table: [UInt16] = (0..<256).map { byte -> UInt16 in
    switch byte {
    case 0x20, 0x09, 0x0D: blank
    case 0x0A, 0x3B, 0x26, 0x7C: separator
    case 0x27, 0x22, 0x5C, 0x24, 0x60, 0x3C, 0x3E: grammar
    // Any `-` may start an option.
    case 0x2D: ByteClass.option.rawValue
    default: ByteClass.table[byte]
    }
  }

  /// Whether `bytes[range]`, parsed as commands, certainly gives no hit.
  static func cannotHit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    table.withUnsafeBufferPointer { table in
      // One pass for the bytes present, then the first word of each command.
      var present: UInt16 = 0
      for index in range { present |= table[Int(bytes[index])] }
      guard present & grammar == 0, !CommandRules.argumentRulesMayHit(ByteClass(rawValue: present)) else { return false }
      var commandStart = true
      var index = range.lowerBound
      while index < range.upperBound {
        let kind = table[Int(bytes[index])]
        if kind & blank != 0 {
          index += 1
        } else if kind & separator != 0 {
          commandStart = true
          index += 1
        } else if commandStart {
          let start = index
          while index < range.upperBound, table[Int(bytes[index])] & (blank | separator) == 0 { index += 1 }
          if mayStartRule(bytes[start..<index]) { return false }
          commandStart = false
        } else if present & separator == 0 {
          break  // one command: its first word is all there is to read
        } else {
          while index < range.upperBound, table[Int(bytes[index])] & (blank | separator) == 0 { index += 1 }
        }
      }
      return true
    }
  }

  /// Whether a command starting with `word` could be judged by a rule of
  /// its own: an env prefix, a wrapper or any program the rules name.
  static func mayStartRule(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    if CommandRules.isEnvAssignment(word) { return true }
    let name = CommandRules.basename(word)
    return ProgramNames.lookup(name) != nil || name.first == 0x6D && name.starts(with: "mkfs.".utf8)
  }
}
