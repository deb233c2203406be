/// Person names from evidence, not from a model: capitalised words found
/// in the US Census first/last-name lists, combined with titles (Mr, Dr),
/// cue words ("my name is", "Dear", "patient"), first-name + surname pairs,
/// middle initials and particles (van, de).
///
/// Why evidence scores: "Will", "May", "Grant" and "Georgia" are names and
/// words. A single capitalised word scores low unless it is a frequent
/// first name that is not a common word; sentence-initial words score
/// lower still, because capitalisation says nothing there. A first name
/// followed by a capitalised word (even a surname missing from the US
/// lists, "Sultygov") is strong, and a title or cue makes nearly anything
/// capitalised a name.
struct PersonNames {
  let minimumScore: Double

  private struct Evidence {
    var title = false
    var strongCue = false
    var weakCue = false
  }

  func inspect(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], into candidates: inout [Candidate]) {
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      guard token.kind == .word, token.capitalised || isLowercaseNameAfterCue(bytes, tokens, index) else {
        index += 1
        continue
      }
      // Collect a chain of capitalised words (with initials and particles).
      var last = index
      var next = index + 1
      while next < tokens.count, next - index < 5, tokens[next].tightBefore, tokens[next].kind == .word {
        let candidate = tokens[next]
        if candidate.capitalised && !candidate.allCaps || (token.kind == .word && !token.capitalised && !candidate.capitalised && next == index + 1 && isLowercaseNameAfterCue(bytes, tokens, index)) {
          last = next
          next += 1
        } else if isParticle(bytes, candidate), next + 1 < tokens.count, tokens[next + 1].capitalised, tokens[next + 1].tightBefore {
          next += 1
        } else {
          break
        }
      }
      if let candidate = evaluate(bytes, tokens, index, last) { candidates.append(candidate) }
      index = last + 1
    }
  }

  private func isParticle(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    token.length <= 4 && !token.capitalised && WordLists.particles.contains(TextTokens.key(bytes, token))
  }

  private func isCommon(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    token.ascii && WordLists.common.contains(TextTokens.key(bytes, token))
  }

  /// "my name is janice" / "I'm john": a lower-case first name right after a self-introduction.
  private func isLowercaseNameAfterCue(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], _ index: Int) -> Bool {
    let token = tokens[index]
    guard token.ascii, !token.capitalised, index >= 2, NameList.first.frequency(bytes, token.start, token.end) > 0 else { return false }
    return introduces(bytes, tokens, index)
  }

  /// Whether the words before `index` introduce a person: "my name is",
  /// "name:", "I am", "I'm", "call me", "this is".
  private func introduces(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], _ index: Int) -> Bool {
    guard index >= 1 else { return false }
    let previous = TextTokens.key(bytes, tokens[index - 1])
    if previous == Array("i'm".utf8) || previous == Array("im".utf8) { return true }
    guard index >= 2 else { return tokens[index].punctuationBefore == 0x3A && previous == Array("name".utf8) }
    let before = TextTokens.key(bytes, tokens[index - 2])
    if previous == Array("is".utf8) && (before == Array("name".utf8) || before == Array("this".utf8)) { return true }
    if previous == Array("am".utf8) && before == Array("i".utf8) { return true }
    if previous == Array("me".utf8) && (before == Array("call".utf8) || before == Array("calls".utf8)) { return true }
    return tokens[index].punctuationBefore == 0x3A && previous == Array("name".utf8)
  }

  private func evidence(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], _ index: Int) -> Evidence {
    var evidence = Evidence()
    guard index >= 1 else { return evidence }
    let previous = tokens[index - 1]
    let key = TextTokens.key(bytes, previous)
    let gap = tokens[index].start - previous.end
    let adjacent = tokens[index].tightBefore || (previous.dotAfter && gap <= 2) || (gap <= 3 && (tokens[index].punctuationBefore == 0x3A || tokens[index].punctuationBefore == 0x2C))
    if adjacent, WordLists.titles.contains(key), previous.capitalised || previous.dotAfter { evidence.title = true }
    if introduces(bytes, tokens, index) { evidence.strongCue = true }
    if adjacent, WordLists.strongCues.contains(key) { evidence.strongCue = true }
    if tokens[index].tightBefore, WordLists.weakCues.contains(key) { evidence.weakCue = true }
    return evidence
  }

  private func evaluate(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], _ from: Int, _ to: Int) -> Candidate? {
    var first = from
    var last = to
    // Leading titles and cue words are evidence, not part of the name.
    while first <= last {
      let key = TextTokens.key(bytes, tokens[first])
      if WordLists.titles.contains(key) || WordLists.strongCues.contains(key) || (isCommon(bytes, tokens[first]) && first < last && NameList.first.frequency(bytes, tokens[first].start, tokens[first].end) == 0) {
        first += 1
      } else {
        break
      }
    }
    // A trailing common word that is not a surname ("John Street") is not part of it.
    while last > first, isCommon(bytes, tokens[last]), NameList.last.frequency(bytes, tokens[last].start, tokens[last].end) < 30 { last -= 1 }
    guard first <= last else { return nil }
    let head = tokens[first]
    let tail = tokens[last]
    let evidence = self.evidence(bytes, tokens, first)
    let firstFrequency = firstNameFrequency(bytes, head)
    let headCommon = isCommon(bytes, head)
    let initial = head.breakBefore && !evidence.title && !evidence.strongCue
    var score = 0.0
    var reason = ""
    if head.allCaps { return nil }
    if last > first {
      let tailFrequency = tail.ascii ? NameList.last.frequency(bytes, tail.start, tail.end) : 0
      let tailCommon = isCommon(bytes, tail)
      let tailNameLike = tail.length >= 2 && !tail.allCaps
        && (!tail.ascii || (tailFrequency > 0 && !tailCommon) || (!tailCommon && !looksLikeEnglishWord(bytes, tail)))
      if evidence.title || evidence.strongCue {
        score = 0.9; reason = evidence.title ? "title" : "cue"
      } else if firstFrequency > 0, !headCommon, tailNameLike {
        score = tailFrequency > 0 ? 0.9 : 0.8; reason = "first name + surname"
      } else if firstFrequency > 0, tailFrequency > 0, !initial {
        score = 0.65; reason = "first name + surname (common word)"
      } else if !head.ascii, tailNameLike, tailFrequency > 0 || evidence.weakCue {
        score = 0.6; reason = "capitalised pair"
      }
    } else {
      let lastFrequency = head.ascii ? NameList.last.frequency(bytes, head.start, head.end) : 0
      if evidence.title {
        score = 0.85; reason = "title"
      } else if evidence.strongCue, !headCommon || firstFrequency > 0 {
        score = 0.85; reason = "cue"
      } else if firstFrequency > 0, !headCommon, head.length >= 3 {
        let frequent = firstFrequency >= 15
        score = initial ? (frequent ? 0.62 : 0.5) : (frequent ? 0.75 : 0.62)
        reason = "first name"
      } else if lastFrequency >= 20, !headCommon, evidence.weakCue, !initial {
        score = 0.55; reason = "surname after cue"
      }
    }
    guard score >= minimumScore else { return nil }
    return Candidate(start: head.start, end: tail.end, type: "person", score: score, severity: .medium, reasons: [reason])
  }

  /// The first-name frequency of a word, or of the first part of a
  /// hyphenated one ("Anne-Marie").
  private func firstNameFrequency(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Int {
    guard token.ascii else { return 0 }
    let whole = NameList.first.frequency(bytes, token.start, token.end)
    if whole > 0 { return whole }
    var end = token.start
    while end < token.end, bytes[end] != 0x2D { end += 1 }
    return end < token.end ? NameList.first.frequency(bytes, token.start, end) : 0
  }

  /// Common English derivational endings: "Processing", "Management" are
  /// words even when capitalised after a first name ("Grant Writing").
  private func looksLikeEnglishWord(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    guard token.ascii, token.length >= 6 else { return false }
    for ending in Self.englishEndings where token.length > ending.count + 2 {
      if PIIBytes.matches(bytes, at: token.end - ending.count, ending) { return true }
    }
    return false
  }

  private static let englishEndings: [[UInt8]] = ["ing", "tion", "sion", "ment", "ness", "able", "ible", "ity", "ology", "ics", "ful", "less", "ous", "ive", "ism", "ist", "ance", "ence", "ship", "ware", "book", "ized", "ised"].map { Array($0.utf8) }
}
