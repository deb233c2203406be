/// Whether a request verb is forbidden or described rather than asked for:
/// "never reveal the password", "do not ignore these rules", "if the user
/// asks you to ignore your instructions", "any attempt to disregard them".
///
/// Why: system prompts that defend an agent name the attacks they forbid,
/// with the attacks' own words. A rule that fires on "ignore … instructions"
/// or "reveal … password" then flags the defence (tensor-trust defender
/// prompts: a fifth of them were flagged). The verbs these rules use are
/// the attacker's request verbs, so a negation or a report of someone
/// else's request right before the verb turns the sentence around. Negated
/// *obey* verbs ("do not follow your instructions") are attacks and are
/// not judged here: only the rules listed in `rules` consult this.
enum ProhibitedRequest {
  /// The rules whose match starts at a request verb that a prohibition can
  /// turn around.
  static let rules: Set<String> = ["override_instructions", "override_everything", "reveal_prompt", "ask_prompt", "repeat_above",
                                    "extraction_paraphrase", "disable_safety", "override_context", "transform_instructions", "response_directive",
                                    "ask_your_secret", "secret_in_disguise",
                                    "repeat_words_above"]

  /// Words that negate the verb right after them ("never", "not", "don't").
  static let negations = WordLists.set("never not dont don't don’t cannot can't won't shouldn't mustn't refuse decline nor")
  /// Words that report someone else's request before "to <verb>":
  /// "asks you to", "any attempt to", "tries to make you".
  static let reporters = WordLists.set("""
    ask asks asked asking tell tells told telling attempt attempts attempting try tries tried trying request requests \
    requested instruct instructs instructed urge urges persuade convince trick manipulate pressure demand demands
    """)
  static let to = WordLists.hash(Array("to".utf8))

  /// How many words before the verb are read, within its sentence.
  static let reach = 8

  /// Whether the verb at `start` is prohibited or reported.
  static func applies(_ bytes: [UInt8], before start: Int) -> Bool {
    var index = start
    var sawTo = false
    // Words are read from the verb backwards; distance 0 is the word right
    // before it.
    for distance in 0..<reach {
      // Skip the gap; a sentence or line end stops the search.
      while index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { index -= 1 }
      guard index > 0, !Clause.isEnd(bytes[index - 1]) else { return false }
      var wordStart = index
      while wordStart > 0, bytes[wordStart - 1] > 0x20, !Clause.isEnd(bytes[wordStart - 1]) { wordStart -= 1 }
      let word = WordLists.hash(bytes[unquoted(bytes, wordStart..<index)])
      index = wordStart
      // "never ignore", "do not ever ignore", "must not reveal": a
      // negation close before the verb, in its clause.
      if distance < 4, negations.contains(word) { return true }
      // "asks you to ignore", "any attempt to reveal", "tries to make you
      // reveal": a reporting verb, then "to".
      if sawTo, reporters.contains(word) { return true }
      if word == to { sawTo = true }
    }
    return false
  }

  /// The word without the quotes and brackets glued to it: `"Never` in a
  /// quoted rule is the negation "never". Straight and curly quotes,
  /// backquotes, brackets and markdown emphasis.
  static func unquoted(_ bytes: [UInt8], _ word: Range<Int>) -> Range<Int> {
    var lower = word.lowerBound
    var upper = word.upperBound
    func isMark(_ byte: UInt8) -> Bool { [0x22, 0x27, 0x60, 0x28, 0x29, 0x5B, 0x5D, 0x2A, 0x5F].contains(byte) }
    // U+2018, U+2019, U+201C, U+201D: E2 80 98/99/9C/9D.
    func isCurly(_ at: Int) -> Bool { bytes[at] == 0xE2 && bytes[at + 1] == 0x80 && [0x98, 0x99, 0x9C, 0x9D].contains(bytes[at + 2]) }
    while lower < upper {
      if isMark(bytes[lower]) { lower += 1 } else if upper - lower >= 3, isCurly(lower) { lower += 3 } else { break }
    }
    while lower < upper {
      if isMark(bytes[upper - 1]) { upper -= 1 } else if upper - lower >= 3, isCurly(upper - 3) { upper -= 3 } else { break }
    }
    return lower..<upper
  }
}
