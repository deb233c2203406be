/// The small word lists the name and address rules read (`WordLists`:
/// common words, places, titles, cues, verbs, particles, months, place
/// prefixes, street words, units, postcode words, US state codes) merged
/// into one table: one probe tells which of them hold a word.
///
/// Why merged: judging one capitalised word read up to a dozen of these
/// sets, for the word and for its neighbours, one probe each (and the
/// address rules up to seven per word near a number). The table is
/// built from the same `WordLists` strings as the sets, so each list keeps
/// one source. Keys are the `WordLists.hash` of the word (0 stored as 1,
/// as `WordSet` does), so a member of a list is a member here exactly.
///
/// The table lives as long as the process (a `static let`), behind plain
/// pointers, so that a copy costs no reference counting.
struct WordClasses: @unchecked Sendable {
  struct Class: OptionSet, Sendable {
    let rawValue: UInt16
    static let common = Class(rawValue: 1 << 0)
    static let place = Class(rawValue: 1 << 1)
    static let title = Class(rawValue: 1 << 2)
    static let strongCue = Class(rawValue: 1 << 3)
    static let weakCue = Class(rawValue: 1 << 4)
    static let humanCue = Class(rawValue: 1 << 5)
    static let humanVerb = Class(rawValue: 1 << 6)
    static let particle = Class(rawValue: 1 << 7)
    static let monthAbbreviation = Class(rawValue: 1 << 8)
    static let placePrefix = Class(rawValue: 1 << 9)
    static let streetSuffix = Class(rawValue: 1 << 10)
    static let streetPrefix = Class(rawValue: 1 << 11)
    static let unit = Class(rawValue: 1 << 12)
    static let postcodeWord = Class(rawValue: 1 << 13)
    static let militaryPost = Class(rawValue: 1 << 14)
    static let stateCode = Class(rawValue: 1 << 15)
    // Unions as computed constants: an array literal of options is built
    // (allocated) on every use, and a `static let` is read through a lazy
    // global.
    /// A common word or a place: not a name on its own (`PersonNames.isCommon`).
    static var commonOrPlace: Class { Class(rawValue: common.rawValue | place.rawValue) }
    /// What leads a chain of words without being part of the name.
    static var titleOrStrongCue: Class { Class(rawValue: title.rawValue | strongCue.rawValue) }
    /// No list: spelled `[]`, an empty set is built from an array literal,
    /// an array made and released on every word in no list (perf).
    static var unlisted: Class { Class(rawValue: 0) }
  }

  private let keys: UnsafePointer<UInt64>
  private let classes: UnsafePointer<UInt16>
  private let mask: Int

  /// Each list (a string of words as `WordLists.words(in:)` splits it)
  /// with the class its words get.
  init(_ lists: [(words: String, class: Class)]) {
    // A word in several lists ("thanks", "georgia") takes one slot.
    var merged: [UInt64: UInt16] = [:]
    for list in lists {
      for word in WordLists.words(in: list.words) {
        let hash = WordLists.hash(word)
        merged[hash == 0 ? 1 : hash, default: 0] |= list.class.rawValue
      }
    }
    // At most a third full, as `WordSet`: a miss ends after one or two
    // slots, and the keys (32 KB) stay cached between fields.
    var capacity = 16
    while capacity < merged.count * 3 { capacity <<= 1 }
    let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
    keys.initialize(repeating: 0, count: capacity)
    let classes = UnsafeMutablePointer<UInt16>.allocate(capacity: capacity)
    classes.initialize(repeating: 0, count: capacity)
    for (key, wordClass) in merged {
      var slot = Int(truncatingIfNeeded: key >> 7) & (capacity - 1)
      while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
      keys[slot] = key
      classes[slot] = wordClass
    }
    self.keys = UnsafePointer(keys)
    self.classes = UnsafePointer(classes)
    mask = capacity - 1
  }

  static let shared = WordClasses([
    (WordLists.commonWords, .common), (WordLists.placeWords, .place), (WordLists.titleWords, .title),
    (WordLists.strongCueWords, .strongCue), (WordLists.weakCueWords, .weakCue), (WordLists.humanCueWords, .humanCue),
    (WordLists.humanVerbWords, .humanVerb), (WordLists.particleWords, .particle),
    (WordLists.monthAbbreviationWords, .monthAbbreviation), (WordLists.placePrefixWords, .placePrefix),
    (WordLists.streetSuffixWords, .streetSuffix), (WordLists.streetPrefixWords, .streetPrefix), (WordLists.unitWords, .unit),
    (WordLists.postcodeWords, .postcodeWord), (AddressRules.militaryPostCodes, .militaryPost), (AddressRules.stateCodes, .stateCode),
  ])

  /// The lists that hold the word whose `WordLists.hash` is `hash`.
  @inline(__always) func of(_ hash: UInt64) -> Class {
    let key = hash == 0 ? 1 : hash
    var slot = Int(truncatingIfNeeded: key >> 7) & mask
    while true {
      let stored = keys[slot]
      if stored == key { return Class(rawValue: classes[slot]) }
      if stored == 0 { return .unlisted }
      slot = (slot + 1) & mask
    }
  }
}
