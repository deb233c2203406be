/// Person names from evidence, not from a model: capitalised words found
/// in the first/last-name lists (US Census, and Faker's first names of 53
/// locales; names/SOURCE.md), combined with titles (Mr, Dr),
/// cue words ("my name is", "Dear", "patient", "says"), first-name +
/// surname pairs, middle initials, particles (van, de) and coordination
/// ("Fleischer and Mcintosh").
///
/// Why evidence scores: "Will", "May", "Grant" and "Georgia" are names and
/// words. A single capitalised word scores low unless it is a frequent
/// first name that is not a common word; sentence-initial words score
/// lower, because capitalisation says nothing there. A first name followed
/// by a capitalised word (even a surname missing from the US lists,
/// "Sultygov") is strong, and a title or cue makes a listed or name-shaped
/// word a name. In text with no capital letters at all, capitalisation is
/// no evidence either way, so lower-case words are judged by the lists.
struct PersonNames {
  let minimumScore: Double
  // The lists, held here so hot loops do not touch lazy globals.
  private var firstNames: NameList { NameList.first }
  private var lastNames: NameList { NameList.last }
  /// The small lists, one probe per word (`WordClasses`).
  private let classes = WordClasses.shared
  private let surnameEndings = PersonNames.surnameEndingGroups
  private let keys = WordLists.keys

  init(minimumScore: Double) { self.minimumScore = minimumScore }

  private struct Evidence {
    var title = -1
    var strongCue = false
    var weakCue = false
    /// A word about a person right before ("says", "my kid").
    var humanCue = false
    /// "my name is", "name:", "I'm": any name-shaped word that follows is a name.
    var introduced = false
  }

  private struct Context {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<TextToken>
    /// No upper-case ASCII letter anywhere: capitalisation carries no signal.
    let caseless: Bool
    /// The tokens are a window of the field with tokens cut off before
    /// (after) them.
    var cutBefore = false
    var cutAfter = false
  }

  /// Names in a whole field.
  func inspect(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], into candidates: inout [Candidate]) {
    tokens.withUnsafeBufferPointer { tokens in
      // Lower-case prose only: code and markup are lower-case too, but are not where names are written.
      let caseless = tokens.count >= 3 && !tokens.contains { $0.capitalised || $0.allCaps } && !looksLikeCode(bytes)
      _ = inspect(Context(bytes: bytes, tokens: tokens, caseless: caseless), into: &candidates)
    }
  }

  /// Names in a window of a field that has a capitalised word (so is not
  /// caseless), cut where `TokenWindows` cut it. Every rule reads at most
  /// two tokens before and six after the word it starts from, so a window
  /// with its margins finds what the whole field would, except when a run
  /// of listed names ("A, B, C and D") reaches the cut edge: then this
  /// returns false and the caller reads the whole field.
  func inspect(_ bytes: UnsafeBufferPointer<UInt8>, window tokens: [TextToken], cutBefore: Bool, cutAfter: Bool, into candidates: inout [Candidate]) -> Bool {
    tokens.withUnsafeBufferPointer { tokens in
      inspect(Context(bytes: bytes, tokens: tokens, caseless: false, cutBefore: cutBefore, cutAfter: cutAfter), into: &candidates)
    }
  }

  private func inspect(_ context: Context, into candidates: inout [Candidate]) -> Bool {
    let bytes = context.bytes
    let tokens = context.tokens
    var found: [(first: Int, last: Int)] = []
    var index = 0
    while index < tokens.count {
      // Most tokens are lower-case words after an ordinary word, where
      // neither test below can pass: they are passed over without a call.
      if !context.caseless, !tokens[index].capitalised, index == 0 || !mayPrecedeLowercaseName(tokens[index - 1]) {
        index += 1
        continue
      }
      guard tokens[index].kind == .word, isCapitalised(context, index) || isLowercaseNameAfterCue(context, index) else {
        index += 1
        continue
      }
      // Collect a chain of capitalised words (with initials and particles).
      var last = index
      var next = index + 1
      while next < tokens.count, next - index < 5, tokens[next].tightBefore, tokens[next].kind == .word {
        if isCapitalised(context, next) && !tokens[next].allCaps
          || (context.caseless && next == index + 1 && firstNameFrequency(bytes, tokens[index]) > 0 && tokens[next].length >= 3
            && !isCommon(bytes, tokens[next]) && !looksLikeEnglishWord(bytes, tokens[next]))
        {
          last = next
          next += 1
        } else if !tokens[index].capitalised, next == index + 1, !context.caseless, isLowercaseNameAfterCue(context, index),
          lastNames.frequency(hash: tokens[next].hash) > 0, !isCommon(bytes, tokens[next])
        {
          last = next
          next += 1
        } else if isParticle(bytes, tokens[next]), next + 1 < tokens.count, isCapitalised(context, next + 1), tokens[next + 1].tightBefore {
          next += 1
        } else {
          break
        }
      }
      // A chain that is not a name may end in one ("Producer Michael Hansen").
      var from = index
      while from <= last {
        if let (candidate, first, end) = evaluate(context, from, last) {
          candidates.append(candidate)
          found.append((first, end))
          break
        }
        from += 1
      }
      index = last + 1
    }
    return coordinate(context, found, into: &candidates)
  }

  private func looksLikeCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var marks = 0
    for byte in bytes where byte == 0x7B || byte == 0x3D || byte == 0x3B || byte == 0x3C || byte == 0x28 || byte == 0x5F {
      marks += 1
      if marks >= 3 { return true }
    }
    return false
  }

  // Inlined, as is the next: they run on every token of a field.
  @inline(__always) private func isCapitalised(_ context: Context, _ index: Int) -> Bool {
    let token = context.tokens[index]
    if context.caseless {
      let bytes = context.bytes
      return token.ascii && token.length >= 3 && !isCommon(bytes, token)
        && (firstNames.frequency(hash: token.hash) > 0 || lastNames.frequency(hash: token.hash) > 0)
    }
    return token.capitalised && !isCamelCase(context.bytes, token)
  }

  /// "MyComponent", "FinanceHub": identifiers, not names. Mc/Mac/O'/De/Di/La/Le prefixes are names.
  private func isCamelCase(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    guard token.ascii, token.length >= 4 else { return false }
    var lowerSeen = false
    for index in (token.start + 1)..<token.end {
      let byte = bytes[index]
      if PIIBytes.isLower(byte) { lowerSeen = true; continue }
      if PIIBytes.isUpper(byte), lowerSeen {
        let before = bytes[index - 1]
        if before == 0x27 || before == 0x2D { continue }
        let prefix = index - token.start
        if prefix == 2 || (prefix == 3 && PIIBytes.lower(bytes[token.start]) == 0x6D) { continue }  // Mc, De, Di, La, Le, Mac
        return true
      }
    }
    return false
  }

  private func isParticle(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    token.length <= 4 && !token.capitalised && classes.of(token.hash).contains(.particle)
  }

  /// A common English word or a place: not a name on its own.
  @inline(__always) private func isCommon(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    token.ascii && !classes.of(token.hash).isDisjoint(with: .commonOrPlace)
  }

  /// "my name is janice", "I'm john", "dr. hurst": a lower-case listed
  /// name right after a self-introduction or a title.
  @inline(__always) private func isLowercaseNameAfterCue(_ context: Context, _ index: Int) -> Bool {
    let bytes = context.bytes
    let token = context.tokens[index]
    guard token.ascii, !token.capitalised, index >= 1 else { return false }
    let previous = context.tokens[index - 1]
    guard mayPrecedeLowercaseName(previous) else { return false }
    let afterTitle = previous.dotAfter && classes.of(previous.hash).contains(.title) && token.start - previous.end <= 2
    // After "I'm" or "I am" a lower-case word is usually an adjective ("I'm glad").
    let adjective = previous.hash == keys.iM || previous.hash == keys.im || previous.hash == keys.am
    guard afterTitle || (!adjective && introduces(context, index)), !isCommon(bytes, token) else { return false }
    return firstNames.frequency(hash: token.hash) > 0 || lastNames.frequency(hash: token.hash) > 0
  }

  /// Whether a lower-case name can follow `previous`. Most words follow
  /// none of the few words `isLowercaseNameAfterCue` checks: a title with
  /// its dot, or "name" ("name: olga"), "is" ("my name is") or "me" ("call
  /// me"); after "I'm" and "am" only a title can apply.
  @inline(__always) private func mayPrecedeLowercaseName(_ previous: TextToken) -> Bool {
    previous.dotAfter || previous.hash == keys.name || previous.hash == keys.`is` || previous.hash == keys.me
  }

  /// Whether the words before `index` introduce a person: "my name is",
  /// "name:", "last name?", "I am", "I'm", "call me", "this is".
  private func introduces(_ context: Context, _ index: Int) -> Bool {
    guard index >= 1 else { return false }
    let bytes = context.bytes
    let tokens = context.tokens
    let previousToken = tokens[index - 1]
    // A key inside an identifier ("component_name:") is not prose.
    if previousToken.start > 0 {
      let before = bytes[previousToken.start - 1]
      if before == 0x5F || before == 0x2E || before == 0x7B || before == 0x24 || before == 0x2D { return false }
    }
    let previous = previousToken.hash
    let punctuation = tokens[index].punctuationBefore
    if previous == keys.name { return punctuation == 0x3A || punctuation == 0x3F }
    if !tokens[index].tightBefore { return false }
    if previous == keys.iM || previous == keys.im { return true }
    guard index >= 2 else { return false }
    let before = tokens[index - 2].hash
    if previous == keys.`is` && before == keys.name { return true }
    if previous == keys.am && before == keys.i { return true }
    if previous == keys.me && (before == keys.call || before == keys.calls) { return true }
    return false
  }

  /// Whether a title comes right before token `index` ("Dr. Smith", "Mr
  /// Smith"): the title part of `evidence`, all that some callers need.
  private func hasTitle(_ context: Context, _ index: Int) -> Bool {
    guard index >= 1 else { return false }
    let token = context.tokens[index]
    let previous = context.tokens[index - 1]
    // The shape first: it rules out most words without a lookup.
    return (previous.capitalised || previous.dotAfter || context.caseless)
      && (token.tightBefore || (previous.dotAfter && token.start - previous.end <= 2)) && classes.of(previous.hash).contains(.title)
  }

  private func evidence(_ context: Context, _ index: Int) -> Evidence {
    var evidence = Evidence()
    guard index >= 1 else { return evidence }
    let token = context.tokens[index]
    let previous = context.tokens[index - 1]
    let key = previous.hash
    let gap = token.start - previous.end
    if hasTitle(context, index) { evidence.title = index - 1 }
    if introduces(context, index) {
      evidence.strongCue = true
      evidence.introduced = true
    }
    let adjacent = token.tightBefore || (gap <= 3 && (token.punctuationBefore == 0x3A || token.punctuationBefore == 0x2C))
    let listed = token.tightBefore || token.punctuationBefore == 0x2C
    // One probe for the three kinds of cue, and none where no cue counts.
    let cue = adjacent || listed ? classes.of(key) : .unlisted
    if adjacent, cue.contains(.strongCue) { evidence.strongCue = true }
    if listed, cue.contains(.weakCue) { evidence.weakCue = true }
    if listed, cue.contains(.humanCue) {
      evidence.weakCue = true
      evidence.humanCue = true
    }
    return evidence
  }

  /// A human verb right after the name ("…, says Becker", "Mikkel shouted").
  private func followedByVerb(_ context: Context, _ last: Int) -> Bool {
    guard last + 1 < context.tokens.count, context.tokens[last + 1].tightBefore else { return false }
    return classes.of(context.tokens[last + 1].hash).contains(.humanVerb)
  }

  /// Scores the chain `from...to`; returns the candidate with the token
  /// range it covers.
  private func evaluate(_ context: Context, _ from: Int, _ to: Int) -> (Candidate, Int, Int)? {
    let bytes = context.bytes
    let tokens = context.tokens
    var first = from
    var last = to
    // Leading titles and cue words are evidence, not the name itself.
    while first <= last {
      let word = classes.of(tokens[first].hash)
      if !word.isDisjoint(with: .titleOrStrongCue)
        || (tokens[first].ascii && !word.isDisjoint(with: .commonOrPlace) && (first < last || tokens[first].breakBefore) && !hasTitle(context, first))
        // A particle left at the head once a common word went ("Registro
        // Nacional del Contribuyente") starts no name: "del" is no first name.
        || (first < last && isParticle(bytes, tokens[first]))
      {
        first += 1
      } else {
        break
      }
    }
    // A trailing common word ("John Street") is not part of it, unless it
    // is a frequent surname ("David Miller").
    while last > first, isCommon(bytes, tokens[last]), lastNames.frequency(hash: tokens[last].hash) < 100 { last -= 1 }
    guard first <= last else { return nil }
    let head = tokens[first]
    let tail = tokens[last]
    if head.allCaps || (head.length == 1 && first == last) { return nil }
    // What is left of "Vasil Levski National Stadium" once its name is refused.
    if isInstitutionWord(head) { return nil }
    var evidence = self.evidence(context, first)
    if evidence.title < 0, !evidence.strongCue, namesPlace(context, first) { return nil }
    if followedByVerb(context, last) { evidence.weakCue = true }
    let firstFrequency = firstNameFrequency(bytes, head)
    let headCommon = isCommon(bytes, head)
    // The surname list is large and probed at random (a cache miss): it is
    // read only where a rule needs it, not for every capitalised word.
    func headListed() -> Bool { firstFrequency > 0 || (head.ascii && lastNames.frequency(hash: head.hash) > 0) }
    let initial = head.breakBefore && evidence.title < 0 && !evidence.strongCue
    let cued = evidence.title >= 0 || evidence.strongCue
    var score = 0.0
    var reason = ""
    if last > first {
      // Accented words are looked up folded ("José Martínez", "Zoë
      // Brontë"), in pairs only: alone, a capitalised word of another
      // language folds to a listed first name too often ("Ángel", "Está").
      let tailFrequency = tail.ascii ? lastNames.frequency(hash: tail.hash) : foldedFrequency(lastNames, bytes, tail)
      let firstFrequency = firstFrequency > 0 || head.ascii ? firstFrequency : foldedFrequency(firstNames, bytes, head)
      let tailNameLike = tail.length >= 2 && !tail.allCaps && (!isCommon(bytes, tail) || tailFrequency >= 100)
        && (!tail.ascii || tailFrequency > 0 || !looksLikeEnglishWord(bytes, tail))
      let headNameLike = !headCommon && !looksLikeEnglishWord(bytes, head) && !hasRomanceNounEnding(bytes, head)
      if cued, headNameLike || headListed(), tailNameLike || (tail.length >= 2 && !isCommon(bytes, tail)) {
        score = 0.9; reason = evidence.title >= 0 ? "title" : "cue"
      } else if firstFrequency > 0, !headCommon, tailNameLike {
        score = tailFrequency > 0 ? 0.9 : 0.8; reason = "first name + surname"
      } else if firstFrequency > 0, tailFrequency > 0, !initial, tailNameLike {
        score = 0.65; reason = "first name + surname (common word)"
      } else if !head.ascii, headNameLike, tailNameLike, tailFrequency > 0 || evidence.weakCue,
        (first...last).count(where: { !isParticle(bytes, tokens[$0]) }) == 2
      {
        // Two words only: a longer run of capitalised words in another
        // language is a title ("Números de Comprobante Fiscal").
        score = 0.6; reason = "capitalised pair"
      } else if last == first + 2, isMiddleInitial(bytes, tokens[first + 1]), headNameLike, tailNameLike, tail.length >= 3,
        firstFrequency > 0 || tailFrequency > 0 || !head.ascii || !tail.ascii || hasSurnameEnding(bytes, tail),
        head.hash != tail.hash
      {
        // One of the two is listed or name-like beyond its shape, and they
        // differ: Title Case phrases ("Access X Granted", "Corp E Corp").
        score = 0.7; reason = "first name, middle initial, surname"
      } else if last == first + 1, headNameLike, tailNameLike, head.length >= 3, hasSurnameEnding(bytes, tail) {
        score = 0.65; reason = "surname ending"
      }
    } else {
      if classes.of(head.hash).contains(.monthAbbreviation), first + 1 < tokens.count, tokens[first + 1].kind == .number, tokens[first + 1].length <= 4 {
        return nil
      }
      if evidence.title >= 0, !headCommon || headListed() {
        score = 0.85; reason = "title"
      } else if evidence.strongCue, !headCommon, !head.ascii || headListed() {
        score = 0.85; reason = "cue"
      } else if evidence.introduced, !headCommon, head.length >= 3, !looksLikeEnglishWord(bytes, head) {
        score = 0.7; reason = "introduced"
      } else if firstFrequency > 0, !headCommon, head.length >= 3 {
        let frequent = firstFrequency >= 15
        score = initial ? (frequent ? 0.62 : 0.5) : (frequent ? 0.75 : 0.62)
        if evidence.weakCue { score += 0.05 }
        reason = "first name"
      } else if !headCommon, !initial, !context.caseless, head.ascii, evidence.weakCue || minimumScore <= 0.5,
        lastNames.frequency(hash: head.hash) >= 5
      {
        // Without a weak cue this scores 0.5, under the usual threshold,
        // and no rule below can apply (a human cue is a weak cue): the
        // surname table, probed at random (a cache miss), is read only
        // where the score can count.
        score = evidence.weakCue ? 0.65 : 0.5; reason = "surname"
      } else if !head.ascii, !initial, evidence.weakCue, head.length >= 4 {
        score = 0.6; reason = "capitalised word after cue"
      } else if evidence.humanCue, !headCommon, head.length >= 3, !looksLikeEnglishWord(bytes, head) {
        score = 0.65; reason = "name after a word about a person"
      }
    }
    if context.caseless { score -= 0.05 }
    guard score >= minimumScore else { return nil }
    if evidence.title < 0, !evidence.strongCue,
      namesInstitution(context, last)
        || (last > first && isInstitutionWord(tail))
    {
      return nil
    }
    // A title is reported with the name ("Mr. Smith").
    let start = evidence.title >= 0 ? tokens[evidence.title].start : head.start
    return (Candidate(start: start, end: tail.end, type: "person", score: min(score, 0.95), severity: .medium, reasons: [reason]), first, last)
  }

  /// Whether the name starting at `index` is a place: it follows a
  /// capitalised place prefix directly ("San Francisco"), or it begins with
  /// one ("Santa Clara").
  private func namesPlace(_ context: Context, _ index: Int) -> Bool {
    let tokens = context.tokens
    let head = tokens[index]
    // A known two-word place, with the word before or after ("St. Louis": a dot between is allowed).
    if index + 1 < tokens.count, tokens[index + 1].start - head.end <= 2, Self.isPlacePair(head.hash, tokens[index + 1].hash) { return true }
    if index >= 1, head.start - tokens[index - 1].end <= 2, Self.isPlacePair(tokens[index - 1].hash, head.hash) { return true }
    if head.capitalised, classes.of(head.hash).contains(.placePrefix), index + 1 < tokens.count, tokens[index + 1].tightBefore { return true }
    guard index >= 1, head.tightBefore, !head.breakBefore else { return false }
    let previous = tokens[index - 1]
    return previous.capitalised && classes.of(previous.hash).contains(.placePrefix)
  }

  /// Whether the name ending at `last` names an institution, a building or
  /// a day after a person ("Stanford University", "Saint Patrick's Day"):
  /// the next word, past a possessive, is a capitalised word of
  /// `WordLists.institutionWords`. (When that word ended the chain itself,
  /// "Harvey Milk Airport", the caller checks the tail, unless it is also
  /// a surname: "Doris Day", "Rachel Hall".) Read only for a name about to
  /// be reported.
  private func namesInstitution(_ context: Context, _ last: Int) -> Bool {
    let tokens = context.tokens
    var next = last + 1
    if next < tokens.count, tokens[next].length == 1, context.bytes[tokens[next].start] | 0x20 == 0x73, !tokens[next].tightBefore,
      tokens[next].start - tokens[last].end <= 3
    {
      next += 1
    }
    guard next < tokens.count, tokens[next].capitalised, tokens[next].start - tokens[next - 1].end <= 1 || tokens[next].tightBefore else { return false }
    return Self.institutionWords.contains(tokens[next].hash)
  }

  private static let institutionWords = Set(WordLists.words(in: WordLists.institutionWords).map { WordLists.hash($0) })

  /// `WordLists.placePairs`, as the hashes of the two words.
  private struct WordPair: Hashable {
    let first, second: UInt64
  }

  private static let placePairs: Set<WordPair> = Set(
    WordLists.placePairs.split(separator: ",").map { pair in
      let words = pair.split(separator: " ").map { WordLists.hash(String($0)) }
      return WordPair(first: words[0], second: words[1])
    }
  )

  private static func isPlacePair(_ first: UInt64, _ second: UInt64) -> Bool { placePairs.contains(WordPair(first: first, second: second)) }

  /// A one-letter capital between two names ("Faina D. Yefremova",
  /// "Ravil G Yefimov"): the shape of a full name in forms and records.
  /// Not "I" or "A", which are words in Title Case text ("Think I Need").
  private func isMiddleInitial(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    token.length == 1 && token.capitalised && token.kind == .word && bytes[token.start] != 0x49 && bytes[token.start] != 0x41
  }

  /// Endings that mark a surname in the languages the Census lists miss:
  /// Nordic patronymics (-sen, -sson, -dóttir), Slavic (-ski/-ska, -ová,
  /// -ić/-ič, -enko, -ov/-ev), Romanian -escu, Greek -poulos. Only read for
  /// the second of two name-shaped capitalised words, so "Season" or
  /// "Reason" (English words) never get here.
  private func hasSurnameEnding(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    surnameEndings.ends(bytes, token.start, token.end)
  }

  /// Names listed together share their kind: in "Fleischer and Mcintosh"
  /// or "Monjeau, Graves and Reed", a name-shaped word joined by "and" or a
  /// comma to a found name is a name too.
  /// Returns false when a listed name lies within two tokens of a cut edge
  /// of a window (the list may go on beyond it).
  private func coordinate(_ context: Context, _ found: [(first: Int, last: Int)], into candidates: inout [Candidate]) -> Bool {
    let bytes = context.bytes
    let tokens = context.tokens
    var taken = TokenSet()
    var queue: [Int] = []
    queue.reserveCapacity(found.count * 2)
    for range in found {
      for index in range.first...range.last { taken.insert(index, of: tokens.count) }
      queue.append(range.first)
      queue.append(range.last)
    }
    // "Sjöberg and Cantu": two name-shaped words joined by "and", one a
    // listed surname or written with non-ASCII letters, name each other.
    if !context.caseless {
      var index = 0
      while index + 2 < tokens.count {
        if joined(context, index, index + 2), !taken.contains(index), !taken.contains(index + 2),
          isNameShaped(context, index), isNameShaped(context, index + 2),
          surnameLike(bytes, tokens[index]) || surnameLike(bytes, tokens[index + 2])
        {
          for member in stride(from: index, through: index + 2, by: 2) {
            taken.insert(member, of: tokens.count)
            queue.append(member)
            candidates.append(Candidate(start: tokens[member].start, end: tokens[member].end, type: "person", score: max(minimumScore, 0.62), severity: .medium, reasons: ["pair of names"]))
          }
        }
        index += 1
      }
    }
    guard !queue.isEmpty else { return true }
    var complete = true
    while let index = queue.popLast() {
      if (index < 2 && context.cutBefore) || (index + 2 >= tokens.count && context.cutAfter) { complete = false }
      for offset in -2...2 where offset != 0 {
        let neighbour = index + offset
        guard neighbour >= 0 && neighbour < tokens.count else { continue }
        guard joined(context, min(index, neighbour), max(index, neighbour)), !taken.contains(neighbour) else { continue }
        let token = tokens[neighbour]
        guard isNameShaped(context, neighbour) else { continue }
        taken.insert(neighbour, of: tokens.count)
        queue.append(neighbour)
        candidates.append(Candidate(start: token.start, end: token.end, type: "person", score: max(minimumScore, 0.65), severity: .medium, reasons: ["listed with a name"]))
      }
    }
    return complete
  }


  /// Token indices as bits, allocated on the first insertion (most fields
  /// have no name to coordinate); a `Set<Int>` hashes every index.
  private struct TokenSet {
    private var words: [UInt64] = []

    mutating func insert(_ index: Int, of count: Int) {
      if words.isEmpty { words = [UInt64](repeating: 0, count: (count + 63) >> 6) }
      words[index >> 6] |= 1 << UInt64(index & 63)
    }

    func contains(_ index: Int) -> Bool {
      !words.isEmpty && words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }
  }

  /// A capitalised word that could be a name: not an acronym, a common
  /// word, an English derivation, a contraction or part of a place name.
  private func isNameShaped(_ context: Context, _ index: Int) -> Bool {
    let token = context.tokens[index]
    let bytes = context.bytes
    return token.kind == .word && isCapitalised(context, index) && !token.allCaps && token.length >= 3
      && !isCommon(bytes, token) && !looksLikeEnglishWord(bytes, token) && !bytes[token.start..<token.end].contains(0x27)
      && !namesPlace(context, index) && !isInstitutionWord(token)
  }

  /// A word of `WordLists.institutionWords` that is not also a surname
  /// ("Stadium", "Airport"; not "Hall" or "Day").
  private func isInstitutionWord(_ token: TextToken) -> Bool {
    Self.institutionWords.contains(token.hash) && lastNames.frequency(hash: token.hash) == 0
  }

  /// A list's frequency of a non-ASCII word with its accents folded.
  private func foldedFrequency(_ list: NameList, _ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Int {
    guard token.length <= 48, let hash = AccentFolding.hash(bytes, token.start, token.end) else { return 0 }
    return list.frequency(hash: hash)
  }

  private func surnameLike(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    token.ascii && lastNames.frequency(hash: token.hash) >= 10
  }

  /// Whether token `b` follows token `a` as the next item of a list: "a, b",
  /// "a and b" or "a, and b".
  private func joined(_ context: Context, _ a: Int, _ b: Int) -> Bool {
    let tokens = context.tokens
    if b == a + 1 { return tokens[b].punctuationBefore == 0x2C && tokens[b].start - tokens[a].end <= 2 }
    guard b == a + 2, tokens[a + 1].hash == keys.and, tokens[b].tightBefore else { return false }
    return tokens[a + 1].tightBefore || (tokens[a + 1].punctuationBefore == 0x2C && tokens[a + 1].start - tokens[a].end <= 2)
  }

  /// The first-name frequency of a word, or of the first part of a
  /// hyphenated one ("Anne-Marie").
  private func firstNameFrequency(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Int {
    guard token.ascii else { return 0 }
    let whole = firstNames.frequency(hash: token.hash)
    if whole > 0 { return whole }
    // Both halves capitalised, as in "Anne-Marie"; "Long-held" is a word.
    var end = token.start
    while end < token.end, bytes[end] != 0x2D { end += 1 }
    guard end + 1 < token.end, PIIBytes.isUpper(bytes[end + 1]) else { return 0 }
    return firstNames.frequency(bytes, token.start, end)
  }

  /// Common English derivational endings and plurals: "Processing",
  /// "Management", "Farms" are words even when capitalised after a first
  /// name ("Grant Writing", "Foster Farms"). Listed surnames skip this.
  private func looksLikeEnglishWord(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    guard token.ascii, token.length >= 4 else { return false }
    // The ending first: most words have none, and the surname table is
    // probed at random (a cache miss).
    return hasEnglishEnding(bytes, token) && lastNames.frequency(hash: token.hash) == 0
  }

  private func hasEnglishEnding(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    if PIIBytes.lower(bytes[token.end - 1]) == 0x73, PIIBytes.lower(bytes[token.end - 2]) != 0x73 { return true }
    return Self.englishEndingGroups.ends(bytes, token.start, token.end)
  }

  /// Spanish and Portuguese abstract nouns ("Identificación", "Informação"),
  /// which the English endings, read on ASCII words only, miss.
  private func hasRomanceNounEnding(_ bytes: UnsafeBufferPointer<UInt8>, _ token: TextToken) -> Bool {
    !token.ascii && token.length >= 6 && Self.romanceNounEndingGroups.ends(bytes, token.start, token.end)
  }

  private static let romanceNounEndingGroups = WordEndings(["ción", "sión", "ção", "ções", "sões"].map { Array($0.utf8) })
  private static let surnameEndingGroups = WordEndings(WordLists.surnameEndings)
  private static let englishEndingGroups = WordEndings(englishEndings)

  private static let englishEndings: [[UInt8]] = [
    "ing", "tion", "sion", "ment", "ness", "able", "ible", "ity", "ology", "ics", "ful", "less", "ous", "ive", "ism",
    "ist", "ance", "ence", "ship", "ware", "book", "ized", "ised", "ary", "ery", "ory", "ical", "ally", "ward",
  ].map { Array($0.utf8) }
}
