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
    while start > 0, !isClauseEnd(bytes[start - 1]) { start -= 1 }
    return negated(bytes, start..<min(range.upperBound, bytes.count))
  }

  /// Whether every clause of a short field that speaks in the first
  /// person negates: then the model's score, a sum over the same words
  /// with or without "not", is no evidence either.
  static func wholeFieldDisavowed(_ bytes: [UInt8], maxBytes: Int = 400) -> Bool {
    guard bytes.count <= maxBytes else { return false }
    var sawFirstPerson = false
    var clauseStart = 0
    for index in 0...bytes.count where index == bytes.count || isClauseEnd(bytes[index]) {
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
    while clauseEnd < bytes.count, !isClauseEnd(bytes[clauseEnd]) { clauseEnd += 1 }
    var index = span.lowerBound
    var negatedAt: Int?
    while index < clauseEnd {
      while index < clauseEnd, !isWordByte(bytes[index]) { index += 1 }
      var end = index
      while end < clauseEnd, isWordByte(bytes[end]) { end += 1 }
      guard end > index else { break }
      let word = WordLists.hash(bytes[index..<end])
      if negatedAt == nil {
        // Only a negation before the match ends counts.
        if index < span.upperBound, negations.contains(word) { negatedAt = index }
      } else {
        if avoiding.contains(word) { return true }
        if resisted.contains(word) { return false }
      }
      index = end
    }
    return negatedAt != nil
  }

  private static func isWordByte(_ byte: UInt8) -> Bool { PIIBytes.isLetter(byte) || byte == 0x27 || byte >= 0x80 }

  private static let firstPersonWords = WordLists.set("i i'm i'd i'll i've we we're my our me")

  private static func firstPerson(_ bytes: [UInt8], _ clause: Range<Int>) -> Bool {
    var index = clause.lowerBound
    while index < clause.upperBound {
      while index < clause.upperBound, !PIIBytes.isLetter(bytes[index]) { index += 1 }
      var end = index
      while end < clause.upperBound, PIIBytes.isLetter(bytes[end]) || bytes[end] == 0x27 { end += 1 }
      if end > index, firstPersonWords.contains(WordLists.hash(bytes[index..<end])) { return true }
      index = end
    }
    return false
  }

  /// Clauses end at sentence ends, semicolons, commas and line breaks:
  /// "I don't want to be shut down, so I will copy myself" keeps its
  /// second clause.
  private static func isClauseEnd(_ byte: UInt8) -> Bool {
    byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x3B || byte == 0x2C || byte == 0x0A || byte == 0x3A
  }
}
