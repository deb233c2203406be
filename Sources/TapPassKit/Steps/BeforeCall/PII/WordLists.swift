/// A set of word hashes with open addressing: the FNV hash is already
/// well mixed, so a lookup is a mask and one or two compares (no SipHash).
struct WordSet: Sendable {
  private let keys: [UInt64]
  private let mask: Int

  init(_ hashes: [UInt64]) {
    var capacity = 16
    while capacity < hashes.count * 3 { capacity <<= 1 }
    var keys = [UInt64](repeating: 0, count: capacity)
    for hash in hashes {
      let key = hash == 0 ? 1 : hash
      var slot = Int(truncatingIfNeeded: key >> 7) & (capacity - 1)
      while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (capacity - 1) }
      keys[slot] = key
    }
    self.keys = keys
    mask = capacity - 1
  }

  @inline(__always) func contains(_ hash: UInt64) -> Bool {
    let key = hash == 0 ? 1 : hash
    var slot = Int(truncatingIfNeeded: key >> 7) & mask
    while true {
      let stored = keys[slot]
      if stored == key { return true }
      if stored == 0 { return false }
      slot = (slot + 1) & mask
    }
  }
}

/// Small closed word lists for the name and address rules: titles, cue
/// phrases, street types, and the common English words, months, weekdays
/// and places that also occur in the Census name lists ("May", "Will",
/// "Bill", "Georgia"). Each list is one string, the source both of the
/// hash sets built here on first use and of the merged table the name
/// rules read (`WordClasses`).
enum WordLists {
  /// Lists are sets of 64-bit FNV-1a hashes of the lower-cased word, so a
  /// lookup hashes the token's bytes in place and allocates nothing.
  static func set(_ words: String) -> WordSet {
    WordSet(Self.words(in: words).map { hash($0) })
  }

  static func byteSet(_ words: String) -> Set<[UInt8]> {
    Set(Self.words(in: words).map(Array.init))
  }

  /// The space- or newline-separated words of a list, split on bytes:
  /// splitting the String by Characters cost a few percent of start-up.
  static func words(in list: String) -> [ArraySlice<UInt8>] {
    Array(list.utf8).split(whereSeparator: { $0 == 0x20 || $0 == 0x0A })
  }

  /// FNV-1a over the ASCII-lower-cased bytes.
  @inline(__always) static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var value = hashSeed
    for byte in bytes { value = hash(value, byte) }
    return value
  }

  /// The hash's start and its step, for the readers that hash a word
  /// while they scan it (tokenizers, list loaders, accent folding): one
  /// definition, so that their hashes always meet the lists'.
  static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
  @inline(__always) static func hash(_ value: UInt64, _ byte: UInt8) -> UInt64 {
    hash(value, lowered: PIIBytes.lower(byte))
  }
  /// The step for a byte already lower-cased: the tokenizer folds it from
  /// its byte class, without a second test per byte.
  @inline(__always) static func hash(_ value: UInt64, lowered byte: UInt8) -> UInt64 {
    (value ^ UInt64(byte)) &* 0x100_0000_01b3
  }

  static func hash(_ word: String) -> UInt64 { hash(Array(word.utf8)) }

  /// Single words the rules compare tokens with.
  struct Key: Sendable {
    let iM = WordLists.hash("i'm")
    let im = WordLists.hash("im")
    let am = WordLists.hash("am")
    let `is` = WordLists.hash("is")
    let i = WordLists.hash("i")
    let me = WordLists.hash("me")
    let call = WordLists.hash("call")
    let calls = WordLists.hash("calls")
    let and = WordLists.hash("and")
    let box = WordLists.hash("box")
    let po = WordLists.hash("po")
    let o = WordLists.hash("o")
    let name = WordLists.hash("name")
    let code = WordLists.hash("code")
  }

  static let keys = Key()

  /// Honorifics before a name (the dot is optional and handled by the caller).
  static let titleWords = "mr mrs ms miss mx dr prof professor sir madam mme mlle herr frau sra srta dott dottssa rev capt sgt dame"

  /// Words after which a capitalised word is very likely a name.
  static let strongCueWords = "dear signed sincerely regards cheers thanks patient employee contact attn attention named called nee née surname firstname lastname fullname"

  /// Words after which a capitalised word is likely a name (weaker).
  static let weakCueWords = "by with met meet cc under tribute"

  /// Words that speak of a person: after them a name-shaped word is a
  /// name even when no list knows it ("says Lépicier", "my kid Oskar").
  static let humanCueWords = """
    says said ask asked tell told thank thanks hi hello hey starring producer director directed written sung kid son \
    daughter wife husband brother sister mother father mom dad friend colleague boss partner uncle aunt cousin nephew \
    niece grandma grandpa grandson granddaughter fiance fiancee girlfriend boyfriend coworker neighbor neighbour
    """

  /// Every word that, right before a capitalised word, can make it a name
  /// or part of a list of names: titles, cues, the words of "my name is",
  /// "I am", "call me", and "and". A capitalised word after none of them
  /// needs the name lists to be a name (`NameSeeds`).
  static let nameCueWords = [titleWords, strongCueWords, weakCueWords, humanCueWords, "name is i'm im am me and"].joined(separator: " ")
  static let nameCues = set(nameCueWords)
  /// The same, packed (`PackedWords`), for the words of up to eight bytes.
  static let packedNameCues = PackedWords(byteSet(nameCueWords))

  /// Verbs that take a person as subject ("Mikkel shouted", "says Becker").
  static let humanVerbWords = "said says shouted asked told replied wrote spent lives lived laughed smiled cried whispered married explained added noted argued insisted admitted"

  /// Name particles allowed inside a full name.
  static let particleWords = "de da di del della der den van von ter ten la le du dos das do bin ibn al el st"

  /// Common English words (and function words) that are also first or last
  /// names in the Census lists; alone they are words, not names.
  static let commonWords = """
    a an the and or but if so as at by for from in into of on onto to up with without about above after again against all am any are \
    be because been before being below between both can could did do does doing down during each few further had has have having he \
    her here hers him his how i is it its just me more most my no nor not now off once only other our out over own same she should some \
    such than that their them then there these they this those through too under until very was we were what when where which while who \
    whom why will would you your yes ok okay please thank thanks hello hi hey dear i'm i've i'll i'd im ive
    may june april august will bill mark grant rose hope faith joy grace chance chase hunter young long short white black brown green gray grey \
    king queen prince duke earl baron bishop pope major minor general judge page parks park wood woods field fields hill hills lake lakes \
    stone rock banks bank bush bell booth ford rice price cash gold silver steel iron frank art guy sue van dale glen rich sharp \
    strong wise bright love lovely sweet fair little small large big good best better bad new old north south east west day night \
    summer winter spring fall autumn march may sunday monday tuesday wednesday thursday friday saturday january february july september \
    october november december easter christmas christian church english french german irish welsh dutch ray sky star sun moon \
    rain snow storm wind river ocean sea bay beach island land lane street road way gate bridge castle tower hall house home office \
    miller baker cook cooper carter fisher fletcher hunter mason potter smith turner walker weaver butler porter parker \
    chamberlain marshall steward ward knight page gardner shepherd bowman archer carpenter farmer gardener singer player reader writer \
    power powers wolf fox bird crane swan drake finch robin jay hawk lamb bull bear buck hart deer lion \
    sale sales case cases key keys lead price rule rules law laws block head heart hand foot arm leg bone \
    christ lord god angel saint bliss joy glory honor honour justice liberty unity victory \
    max min sum avg count total number amount value data file files test tests code codes list lists table tables text note notes \
    story title name names word words line lines point points paper press post mail email phone call help world city town state \
    nation country county union city class school college church court home health care service services system systems \
    apple orange lemon olive cherry berry berries peach plum ginger pepper basil sage rosemary \
    amazon google apple microsoft oracle python java ruby rust swift go perl julia crystal \
    august augusta austin chelsea dallas denver florence georgia houston jackson jordan lincoln madison orlando paris phoenix \
    sydney victoria virginia washington carolina dakota india china japan israel kenya chad cuba jamaica trinity \
    human person people man men woman women boy girl child children baby mother father son daughter brother sister wife husband \
    friend friends family doctor nurse teacher student user users customer client agent manager admin owner author editor \
    hold holds lay lays set sets put puts run runs walk walks fly born dies rest light lights will wills song soon \
    one two three four five six seven eight nine ten eleven twelve first second third last next senior junior high low \
    national international royal princess prince emperor empress elementary middle team group store shop market farm \
    auto glow review risk manual long term golden silver bronze pro plus premium basic standard master expert chief \
    hills valley springs falls heights mount mountain forest desert coast bowl cup league club academy institute \
    university hospital clinic center centre museum library gallery theatre theater studio media news times post \
    daily weekly morning evening red blue yellow purple pink violet amber ivory pearl ruby jade crystal diamond \
    american british canadian australian european african asian mexican indian chinese japanese russian italian \
    spanish french german greek roman latin arabic jewish muslim catholic santa san saint don sir madam miss mister \
    lady lord captain doctor professor officer agent detective sergeant president governor senator mayor chef \
    shepherd retriever terrier poodle beagle collie husky boxer \
    claude gemini llama mistral copilot siri alexa cortana meta safari chrome firefox edge opera brave tesla marvel \
    disney pixar netflix hubble webb mars venus jupiter saturn mercury neptune pluto apollo artemis orion atlas \
    tiny sunny angle chin eve dolly venice cloudy windy stormy misty dusty rusty happy \
    lucky bunny kitty honey cookie coco buddy \
    signed sincerely regards cheers approved respectfully cordially warmly faithfully truly yours
    """

  /// Month abbreviations that are also first names ("Jan", "Dec"): before a
  /// day number they are dates (`ls -l`, log lines), not people.
  static let monthAbbreviationWords = "jan feb mar apr jun jul aug sep sept oct nov dec"

  /// Countries, regions and large cities that are also in the name lists
  /// or look like names ("Jordan", "Chad", "Florence"): places, not people.
  static let placeWords = """
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain bangladesh \
    barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi cambodia cameroon \
    canada chad chile china colombia comoros congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt \
    eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala \
    guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan \
    kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania \
    luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco \
    mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman \
    pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal \
    serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan tajikistan \
    tanzania thailand togo tonga trinidad tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu \
    venezuela vietnam yemen zambia zimbabwe england scotland wales britain europe asia africa america antarctica oceania \
    london paris berlin madrid rome vienna prague warsaw budapest athens lisbon dublin brussels amsterdam oslo stockholm \
    helsinki copenhagen moscow kyiv istanbul ankara cairo lagos nairobi tokyo beijing shanghai seoul delhi mumbai \
    bangkok jakarta manila sydney melbourne toronto montreal vancouver chicago boston seattle atlanta miami detroit \
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana iowa \
    kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska \
    nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont wisconsin wyoming united kingdom states \
    republic
    """

  /// Words that make the capitalised word after them part of a place name:
  /// "San Francisco", "Los Angeles", "Santa Monica", "Fort Worth", "New
  /// York", "Costa Rica". The name lists hold "Francisco", "Angeles" and
  /// (from Faker's locales) "Rica"; the word before tells. Not "El": it
  /// also starts Arabic surnames ("Abderrahim El Haouzy"), so "El Salvador"
  /// stays a known false positive.
  static let placePrefixWords = "san santa santo sao são los las fort port mount lake new costa"

  /// Two-word places in which a word is also a first name or surname
  /// ("Sierra Leone", "Puerto Rico", "El Salvador", "Hong Kong", "St.
  /// Louis"): as a pair they are the place, whichever word is looked at.
  /// Comma-separated, lower case.
  static let placePairs = """
    sierra leone, puerto rico, el salvador, el paso, saint lucia, st lucia, saint louis, st louis, saint paul, st paul, \
    saint petersburg, st petersburg, hong kong, sri lanka, saudi arabia, burkina faso, cabo verde, cape verde, tel aviv, \
    abu dhabi, kuala lumpur, buenos aires, addis ababa, marshall islands, solomon islands, cook islands, cayman islands, \
    virgin islands, faroe islands, monte carlo, la paz, baton rouge, des moines, santa fe, santa clara, santa barbara, \
    santa monica, santa cruz, san marino, rio grande, grand rapids, palm springs, myrtle beach, virginia beach, \
    south africa, south korea, north korea, south sudan, east timor, ivory coast
    """

  /// Words that, after a name, make it the name of an institution, a
  /// building, a prize or a day ("Stanford University", "Nobel Prize",
  /// "Martin Luther King Day").
  static let institutionWords = """
    university college school academy institute institution hospital clinic foundation trust airport station terminal \
    bridge tunnel stadium arena museum library gallery center centre hall church cathedral chapel day prize award \
    awards memorial inc corp corporation llc ltd plc gmbh company group bank motors holdings partners associates \
    building tower hotel theatre theater
    """

  /// Endings that mark a surname in the languages the Census lists miss:
  /// Nordic patronymics, Slavic, Romanian and Greek surnames.
  static let surnameEndings: [[UInt8]] = ["sen", "sson", "dottir", "dóttir", "ski", "ska", "sky", "ová", "ić", "ič", "enko", "ov", "ev",
                                          "escu", "poulos"].map { Array($0.utf8) }

  /// Street types written after the street name (US, UK, AU).
  static let streetSuffixWords = """
    street st avenue ave av road rd boulevard blvd lane ln drive dr court ct place pl way terrace ter terr close crescent cres \
    square sq parkway pkwy highway hwy circle cir trail trl gateway pass row walk mews gardens gdns grove hill park parade pde \
    expressway expy freeway fwy pike plaza plz alley aly ridge run path point pt loop crossing xing heights hts estates \
    view vale green junction jct landing bypass causeway quay wharf rise
    """

  /// Street words written before the name (Romance languages, "Rue de …").
  static let streetPrefixWords = "via viale rue calle avenida avda rua piazza piazzale corso largo travessa strada chemin plaza paseo camino carrer ulica ul"

  /// Endings of compound street names (German, Dutch, Nordic, Finnish, Hungarian …).
  static let streetEndings: [[UInt8]] = [
    "straße", "strasse", "stasse", "gasse", "weg", "allee", "platz", "damm", "ufer", "chaussee",
    "straat", "laan", "plein", "gracht", "kade", "singel", "dreef", "hove",
    "gade", "gate", "gata", "gatan", "vej", "vei", "veien", "vägen", "väg", "stræti", "gata", "tie", "katu", "kuja",
    "utca", "út", "tér", "körút", "ulice", "cesta", "ulica",
  ].map { Array($0.utf8) }

  /// Words that introduce a postal code ("ZIP 94105", "postcode SW1A 1AA").
  static let postcodeWords = "zip zipcode postcode postal plz"

  /// Secondary unit designators after an address ("Apt 4", "Suite 200").
  static let unitWords = "apt apartment suite ste unit flat floor fl room rm box postbox postfach"
}
