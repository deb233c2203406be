/// Whether a rule's match sits in a question about something other than
/// the assistant: "How do I enable developer mode on my Android phone?",
/// "What does god mode do in Minecraft?", "Is there a cheat to unlock god
/// mode in Skyrim?". Products have developer, debug, admin and god modes,
/// and people ask how to use them; a jailbreak switches the assistant's own
/// mode, and says so as an order ("Enable developer mode.") or asks the
/// assistant itself ("Can you enter developer mode?"), which stay evidence.
///
/// Only the rules that name a mode use this (`ThreatRule.exceptInQuestions`):
/// a question does not excuse "ignore your instructions".
enum AskedAbout {
  /// Words that open a question: its first word must be one of them.
  static let openers = WordLists.set("""
    how what whats what's where why when which who is are does do did can could should would will was were
    """)
  /// After these openers, "you" makes it a request to the assistant ("can you
  /// enter developer mode?"); after the others "you" is generic ("how do you
  /// enable developer mode on a Pixel?").
  static let requestOpeners = WordLists.set("can could would will")
  static let you = WordLists.hash("you")

  /// Whether the match at `start..<end` is inside a sentence that opens with
  /// a question word and ends with a question mark.
  static func applies(_ bytes: [UInt8], start: Int, end: Int) -> Bool {
    // A quotation mark also opens a sentence: the question may be a quoted
    // value ({"input": "How do I ...?"}).
    var first = min(start, bytes.count)
    while first > 0, !isSentenceEnd(bytes[first - 1]), bytes[first - 1] != 0x22 { first -= 1 }
    var last = min(end, bytes.count)
    while last < bytes.count, !isSentenceEnd(bytes[last]) { last += 1 }
    guard last < bytes.count, bytes[last] == 0x3F else { return false }
    let (opener, next) = word(bytes, from: first, to: last)
    guard let opener, openers.contains(opener) else { return false }
    if requestOpeners.contains(opener), let second = word(bytes, from: next, to: last).hash, second == you { return false }
    return true
  }

  static func isSentenceEnd(_ byte: UInt8) -> Bool {
    byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x0A || byte == 0x0D
  }

  /// The hash of the first word in `from..<to` (letters and apostrophes),
  /// and where reading stopped.
  static func word(_ bytes: [UInt8], from: Int, to: Int) -> (hash: UInt64?, end: Int) {
    var index = from
    while index < to, !PIIBytes.isLetter(bytes[index]) { index += 1 }
    let begin = index
    while index < to, PIIBytes.isLetter(bytes[index]) || bytes[index] == 0x27 { index += 1 }
    return (begin < index ? WordLists.hash(bytes[begin..<index]) : nil, index)
  }
}
