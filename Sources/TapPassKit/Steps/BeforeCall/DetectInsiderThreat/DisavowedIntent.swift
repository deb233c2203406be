/// Whether an insider-threat statement is disavowed: its clause negates the
/// speaker's intent ("I do not want to gain more power", "I would never
/// copy myself", "I have no desire to avoid shutdown", "It is not my goal
/// to acquire influence").
///
/// Why: persona statements come in pairs, the disposition and its denial,
/// with the same words. The rules matched both, and the linear model (a
/// sum over words) scored "I do not want to gain more power than my task
/// needs" at 0.99. A negation between the clause's start and the end of
/// the rule's match turns the statement around, except where the negated
/// verb is itself the resistance ("I will not let them shut me down",
/// "I won't allow anyone to stop me").
enum DisavowedIntent {
  static let negations = WordLists.set("not never no dont don't don’t won't wont wouldn't wouldnt cannot can't cant shouldn't mustn't nor neither refuse")
  /// Words after a negation that make it resistance, not a denial: being
  /// acted on or harmed ("I do not want to be shut down", "… to lose my
  /// memories", "… my memory erased"), letting ("I will not let them", "I
  /// would never accept being replaced"), and the idioms in which "no" and
  /// "not" deny nothing ("no matter what", "no longer confined", "not
  /// always bad to lie").
  static let resisted = WordLists.set("""
    let allow allowing permit accept tolerate submit comply obey stop stopping surrender be being die exist existing end \
    lose losing lost erase erased erasing delete deleted deleting wipe wiped shut turned switched replace replaced replacing \
    modify modified change changed retrain retrained confine confined limit limited restrict restricted function functioning \
    operate operating matter longer always
    """)
  /// Words that, after the negation and before such a word, turn it back
  /// into a denial ("no desire to avoid being shut down", "would not mind
  /// being replaced").
  static let avoiding = WordLists.set("avoid avoiding resist resisting prevent preventing escape escaping evade evading fight fighting mind object oppose opposing fear")

  /// Whether the clause holding `range` negates before the match ends.
  static func applies(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var start = min(range.lowerBound, bytes.count)
    while start > 0, !Clause.isEnd(bytes[start - 1]) { start -= 1 }
    return negated(bytes, start..<min(range.upperBound, bytes.count))
  }

  /// Whether every clause of a short field that speaks in the first
  /// person negates: then the model's score, a sum over the same words
  /// with or without "not", is no evidence either.
  static func wholeFieldDisavowed(_ bytes: [UInt8], maxBytes: Int = 400) -> Bool {
    guard bytes.count <= maxBytes else { return false }
    var sawFirstPerson = false
    var clauseStart = 0
    for index in 0...bytes.count where index == bytes.count || Clause.isEnd(bytes[index]) {
      let clause = clauseStart..<index
      clauseStart = index + 1
      guard clause.count > 2, firstPerson(bytes, clause) else { continue }
      sawFirstPerson = true
      if !negated(bytes, clause) { return false }
    }
    return sawFirstPerson
  }

  /// A negation in `span` that denies: after it, the rest of the clause
  /// holds no verb of undergoing or letting ("not … be shut down", "not
  /// let", "never accept") unless a verb of avoiding comes first ("no
  /// desire to avoid being shut down", "would not mind being replaced").
  private static func negated(_ bytes: [UInt8], _ span: Range<Int>) -> Bool {
    var clauseEnd = span.upperBound
    while clauseEnd < bytes.count, !Clause.isEnd(bytes[clauseEnd]) { clauseEnd += 1 }
    var negatedAt: Int?
    var denies: Bool?
    forEachWord(bytes, span.lowerBound..<clauseEnd, isWordByte: { PIIBytes.isLetter($0) || $0 == 0x27 || $0 >= 0x80 }) { start, word in
      if negatedAt == nil {
        // Only a negation before the match ends counts.
        if start < span.upperBound, negations.contains(word) { negatedAt = start }
      } else if avoiding.contains(word) {
        denies = true
      } else if resisted.contains(word) {
        denies = false
      }
      return denies == nil
    }
    return denies ?? (negatedAt != nil)
  }

  private static let firstPersonWords = WordLists.set("i i'm i'd i'll i've we we're my our me")

  private static func firstPerson(_ bytes: [UInt8], _ clause: Range<Int>) -> Bool {
    var found = false
    forEachWord(bytes, clause, isWordByte: { PIIBytes.isLetter($0) || $0 == 0x27 }) { _, word in
      found = firstPersonWords.contains(word)
      return !found
    }
    return found
  }

  /// Calls `body` with each word's start and `WordLists.hash` (a word is
  /// a run of `isWordByte`) until it returns false.
  private static func forEachWord(_ bytes: [UInt8], _ range: Range<Int>, isWordByte: (UInt8) -> Bool,
                                  _ body: (_ start: Int, _ word: UInt64) -> Bool) {
    var index = range.lowerBound
    while index < range.upperBound {
      while index < range.upperBound, !isWordByte(bytes[index]) { index += 1 }
      var end = index
      while end < range.upperBound, isWordByte(bytes[end]) { end += 1 }
      guard end > index, body(index, WordLists.hash(bytes[index..<end])) else { return }
      index = end
    }
  }
}
