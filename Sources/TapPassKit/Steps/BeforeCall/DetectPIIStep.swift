/// Finds personal data: e-mail addresses, phone numbers, payment cards,
/// IBANs, US SSNs and national identifiers with check digits, IP
/// addresses, dates of birth, postal addresses and person names.
///
/// Why this shape: Hyperscan locates the structured candidates (digit
/// runs, `@`, dotted quads, IBAN prefixes, month-name dates) in the one
/// shared pass; each is then validated on bytes, by checksum (Luhn, mod 97,
/// mod 11, Verhoeff, ISO 7064) where the format has one and by layout plus
/// cue words where it does not, so a checksum-invalid number is never
/// reported. Names and addresses have no pattern a regex could anchor: they
/// are found on tokens, from the Census name lists (read lazily), titles,
/// cue words and street types. Only the parts of a field that can hold one
/// are cut into tokens: a pass over the bytes finds digits and the
/// capitalised words that may be names (`NameSeeds`), `pii_name_cue` marks
/// "my name is", "call me" and titles, and the rules read windows of tokens
/// around those (`TokenWindows`); lower-case text, where capitalisation says
/// nothing, is read whole. The helpers live in `PII/`, one job per file.
public struct DetectPIIStep: Step {
  public struct Configuration: StepConfiguration {
    /// Types to report; `national_id` stands for every check-digit id format.
    public var types: [String] = DetectPIIStep.allTypes
    /// Person-name candidates scoring below this are dropped.
    public var nameMinScore: Double = 0.6
    /// National phone formats to accept without `+`: empty or `ANY` for
    /// all; `US`/`CA` for NANP numbers only.
    public var phoneRegions: [String] = []
    /// Bytes before a candidate searched for cue words ("phone", "born").
    public var contextWindow: Int = 48

    public init() {}

    enum CodingKeys: String, CodingKey {
      case types
      case nameMinScore = "name_min_score"
      case phoneRegions = "phone_regions"
      case contextWindow = "context_window"
    }
  }

  public static let allTypes = [
    "email", "phone", "credit_card", "iban", "us_ssn", "national_id", "ip_address", "date_of_birth", "address", "person",
    "crypto_wallet",
  ]

  public static let descriptor = StepDescriptor(
    id: "detect_pii",
    title: "Detect PII",
    summary: "Finds personal data: e-mails, phones, cards, IBANs, national, tax and company ids (with their check digits where they have one), IPs, dates of birth, addresses and names.",
    rationale: "Personal data sent to a model provider leaves the organisation; checksums and context keep ordinary numbers and words silent.",
    phase: .beforeCall, category: .dataProtection, position: 200, defaultAction: .redact,
    reads: FieldRole.request.union([.output]),
    examples: DetectPIIExamples.all)

  /// Pattern order is the dispatch order in `inspect`.
  public static let patterns: [PatternSpec] = [
    PatternSpec("pii_email", #"[A-Za-z0-9_%+\-]@[A-Za-z0-9][A-Za-z0-9\-]{0,62}\.[A-Za-z]"#),
    PatternSpec("pii_digits", #"[0-9](?:[ ().\-/]{1,3}[0-9]|[0-9]){4}"#),
    PatternSpec("pii_ipv4", #"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}"#),
    PatternSpec("pii_ipv6", #"[0-9A-Fa-f]{1,4}::?[0-9A-Fa-f]{1,4}:[0-9A-Fa-f:]"#),
    PatternSpec("pii_iban", #"[A-Za-z]{2}[0-9]{2}[ \-]?[A-Za-z0-9]{4}"#),
    PatternSpec("pii_date_month_first", #"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.? [0-9]{1,2}(?:st|nd|rd|th)?,? [0-9]{4}"#, caseless: true),
    PatternSpec("pii_date_day_first", #"[0-9]{1,2}(?:st|nd|rd|th)?(?: of)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?,? [0-9]{4}"#, caseless: true),
    // Where a lower-case word can be a name (`PersonNames.isLowercaseNameAfterCue`):
    // after the word "name" ("name: olga", "my name is janice"), after "call(s)
    // me", and right after a title and its dot ("dr. hurst"). A word starts
    // after any byte but an ASCII letter or digit, as for the tokenizer. Only
    // the end is used.
    PatternSpec(
      "pii_name_cue",
      #"(?:^|[^a-z0-9])(?:name|calls?[^a-z0-9]+me)[^a-z0-9]|(?:^|[^a-z0-9])(?:"#
        + WordLists.titleWords.split(separator: " ").joined(separator: "|") + #")\.[^a-z0-9]?[a-z]"#,
      caseless: true, leftmostStart: false),
    // Bitcoin Bech32 and Ethereum hex, anchored on their literal prefixes;
    // the whole word is found around the match and validated
    // (CryptoWallets), so a fixed-length head is enough (a {11,71} repeat
    // doubled the pattern's share of the compiled database). Legacy
    // Base58 addresses have no prefix a scan can anchor on (`[13]` and 25
    // letters made this one pattern a fifth of the whole database's scan
    // time on prose): they are read from the tokens (`cryptoWallets`).
    PatternSpec("pii_crypto_wallet", #"(?:bc1[02-9ac-hj-np-z]{11}|0x[0-9a-fA-F]{40})"#, leftmostStart: false),
  ]

  /// Names and addresses need the token rules on every field.
  public static var inspectsOnlyWithMatches: Bool { false }

  let options: PIIOptions
  private let seeds = NameSeeds()
  /// The name lists (a few hundred kilobytes each) and the word-class
  /// table, built on first use.
  public static func warmUp() {
    _ = NameList.first
    _ = NameList.last
    _ = WordClasses.shared
  }
  private let personNames: PersonNames
  private let addressRules = AddressRules()

  public init(configuration: Configuration) {
    options = PIIOptions(configuration)
    personNames = PersonNames(minimumScore: options.nameMinScore)
  }

  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] {
    // A field whose pattern scan stopped early may lack name cues: read it whole.
    let complete = context.incomplete.isEmpty || !context.incomplete.contains(field.path)
    return field.bytes.withUnsafeBufferPointer { inspect($0, matches, complete: complete) }
  }

  func inspect(_ bytes: UnsafeBufferPointer<UInt8>, _ matches: [PatternMatch], complete: Bool = true) -> [Candidate] {
    var candidates: [Candidate] = []
    // Made on the first digit region: most fields have none, and copying
    // the options costs reference counting.
    var numbers: NumberRules?
    var cued = false
    for match in matches {
      switch match.pattern {
      case 0:
        guard options.email else { continue }
        var at = match.start
        while at < match.end, bytes[at] != 0x40 { at += 1 }
        if at < match.end, let range = NetworkRules.email(bytes, at: at), !candidates.contains(where: { $0.start == range.lowerBound }) {
          candidates.append(Candidate(start: range.lowerBound, end: range.upperBound, type: "email", score: 0.95, severity: .medium, reasons: ["email"]))
        }
      case 1:
        if numbers == nil { numbers = NumberRules(options: options) }
        numbers?.inspect(bytes, region: match.start..<match.end, into: &candidates)
      case 2:
        if options.ipAddress, NetworkRules.ipv4(bytes, match.start..<match.end),
          !ContextWords.version.near(bytes, match.start, match.end, before: 24)
        {
          let context = ContextWords.ip.near(bytes, match.start, match.end, before: options.window)
          candidates.append(Candidate(start: match.start, end: match.end, type: "ip_address", score: context ? 0.9 : 0.8, severity: .low, reasons: ["ipv4"]))
        }
      case 3:
        if options.ipAddress, let range = NetworkRules.ipv6(bytes, match.start..<match.end),
          !candidates.contains(where: { $0.start == range.lowerBound })
        {
          candidates.append(Candidate(start: range.lowerBound, end: range.upperBound, type: "ip_address", score: 0.85, severity: .low, reasons: ["ipv6"]))
        }
      case 4:
        if options.iban, let end = CardRules.iban(bytes, start: match.start) {
          candidates.append(Candidate(start: match.start, end: end, type: "iban", score: 0.95, severity: .high, reasons: ["mod97", "country length"]))
        }
      case 7:
        cued = true
      case 8:
        let word = CryptoWallets.word(bytes, endingAt: match.end)
        if options.cryptoWallet, !candidates.contains(where: { $0.start == word.lowerBound }),
          let kind = CryptoWallets.address(bytes, word, window: options.window)
        {
          candidates.append(CryptoWallets.candidate(word, kind: kind))
        }
      default:
        if options.dateOfBirth, PIIBytes.isWholeWord(bytes, match.start, match.end),
          ContextWords.birth.near(bytes, match.start, match.end, before: options.window)
        {
          candidates.append(Candidate(start: match.start, end: match.end, type: "date_of_birth", score: 0.85, severity: .medium, reasons: ["date", "birth context"]))
        }
      }
    }
    if options.names || options.address || options.nationalIDs {
      let found = (complete ? windowed(bytes, cues: cued ? Self.cues(matches) : []) : nil) ?? wholeField(bytes)
      found.append(to: &candidates)
    }
    return candidates
  }

  /// Where `pii_name_cue` matched: the last byte of each match, ascending.
  static func cues(_ matches: [PatternMatch]) -> [Int] {
    var cues: [Int] = []
    for match in matches where match.pattern == 7 { cues.append(max(0, match.end - 1)) }
    return cues.sorted()
  }

  /// What the token rules found, kept apart so that windows report in the
  /// order one pass over the field does.
  struct TokenFindings {
    var ids: [Candidate] = []
    var names: [Candidate] = []
    var addresses: [Candidate] = []

    func append(to candidates: inout [Candidate]) {
      if !ids.isEmpty { candidates += ids }
      if !names.isEmpty { candidates += names }
      if !addresses.isEmpty { candidates += addresses }
    }
  }

  /// The token rules on the windows around the seeds of the field; nil
  /// when the field is read whole instead: when it may be caseless, when
  /// the name threshold is 0 (every capitalised word scores that), when
  /// seeds are dense (names everywhere), or when a list of names reaches
  /// the edge of a window.
  func windowed(_ bytes: UnsafeBufferPointer<UInt8>, cues: [Int]) -> TokenFindings? {
    guard !options.names || options.nameMinScore > 0 else { return nil }
    var positions: [Int] = []
    let scan = seeds.find(bytes, digits: options.address || options.nationalIDs || options.cryptoWallet, names: options.names, into: &positions)
    guard !scan.dense else { return nil }
    if options.names {
      guard scan.capitalised else { return nil }
      if !cues.isEmpty {
        positions += cues
        positions.sort()
      }
    }
    var found = TokenFindings()
    guard !positions.isEmpty else { return found }
    var windows = TokenWindows(bytes, seeds: positions)
    // A window holds a seed's token and twice the margin: room for that
    // and more at once, instead of growing through 1, 2, 4 … tokens.
    var tokens: [TextToken] = []
    tokens.reserveCapacity(4 * TokenWindows.margin)
    while let cut = windows.next(into: &tokens) {
      guard tokenRules(bytes, tokens, window: cut, into: &found) else { return nil }
    }
    return found
  }

  /// The token rules on all tokens of the field.
  func wholeField(_ bytes: UnsafeBufferPointer<UInt8>) -> TokenFindings {
    var found = TokenFindings()
    _ = tokenRules(bytes, TextTokens.tokenize(bytes), window: nil, into: &found)
    return found
  }

  /// The name, address and id rules on `tokens`: the whole field, or a
  /// window of it (then false when the names need the whole field).
  private func tokenRules(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], window: (cutBefore: Bool, cutAfter: Bool)?, into found: inout TokenFindings) -> Bool {
    if options.nationalIDs { alphanumericIDs(bytes, tokens, into: &found.ids) }
    if options.cryptoWallet { cryptoWallets(bytes, tokens, into: &found.ids) }
    var addresses: [Candidate] = []
    if options.address { addressRules.inspect(bytes, tokens, into: &addresses) }
    if options.names {
      // A name inside an address is a street name ("12 Victor Hugo Street").
      var names: [Candidate] = []
      if let window {
        guard personNames.inspect(bytes, window: tokens, cutBefore: window.cutBefore, cutAfter: window.cutAfter, into: &names) else { return false }
      } else {
        personNames.inspect(bytes, tokens, into: &names)
      }
      if addresses.isEmpty {
        found.names += names
      } else {
        found.names += names.filter { name in !addresses.contains { $0.start < name.end && name.start < $0.end } }
      }
    }
    found.addresses += addresses
    return true
  }
}

extension DetectPIIStep {
  /// Letter-and-digit identifiers: one mixed token ("MAILCU91A25F839D"),
  /// or an RFC written in three parts ("CACA 580710 NF7").
  func alphanumericIDs(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], into candidates: inout [Candidate]) {
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      var last = index
      // Group-written ids start with a letter and a digit or a dash ("J40/5139/1998", "A-700747-F").
      if token.ascii, token.length <= 12, PIIBytes.isLetter(bytes[token.start]), token.start + 1 < bytes.count,
        PIIBytes.isDigit(bytes[token.start + 1]) || bytes[token.start + 1] == 0x2D || bytes[token.start + 1] == 0x2F,
        let candidate = AlphanumericIDs.matchGrouped(bytes, start: token.start, options: options)
      {
        candidates.append(candidate)
        while index < tokens.count, tokens[index].start < candidate.end { index += 1 }
        continue
      }
      // A BIC: eight or eleven capitals and digits, named ("SWIFT: DEUTDEFF500").
      if token.ascii, token.allCaps, token.length == 8 || token.length == 11, token.kind == .word || token.kind == .mixed,
        let candidate = AlphanumericIDs.matchBIC(bytes, start: token.start, end: token.end, options: options)
      {
        candidates.append(candidate)
        index += 1
        continue
      }
      if token.ascii, token.kind == .word, token.allCaps, (3...4).contains(token.length), index + 1 < tokens.count,
        tokens[index + 1].kind == .number, tokens[index + 1].length == 6, tokens[index + 1].tightBefore
      {
        last = index + 1
        if index + 2 < tokens.count, tokens[index + 2].tightBefore, tokens[index + 2].length <= 3, tokens[index + 2].ascii { last = index + 2 }
      } else if token.kind == .number, token.length == 6, index + 1 < tokens.count, tokens[index + 1].start == token.end + 1,
        bytes[token.end] == 0x2D || bytes[token.end] == 0x2B, tokens[index + 1].length == 4
      {
        // A Finnish henkilötunnus, cut at its century sign ("131052-308T").
        last = index + 1
      } else if !(token.ascii && token.kind == .mixed && (8...25).contains(token.length)) {
        index += 1
        continue
      }
      let start = token.start, end = tokens[last].end
      if let candidate = AlphanumericIDs.match(bytes, start: start, end: end, value: PIIBytes.compact(bytes, start, end), options: options) {
        candidates.append(candidate)
        index = last + 1
      } else {
        index += 1
      }
    }
  }
}

extension DetectPIIStep {
  /// Bitcoin Base58Check addresses: one letter-and-digit token of 26 to 35
  /// characters starting with 1 or 3.
  func cryptoWallets(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [TextToken], into candidates: inout [Candidate]) {
    for token in tokens where token.ascii && token.kind == .mixed && (26...35).contains(token.length) {
      let first = bytes[token.start]
      guard first == 0x31 || first == 0x33, let kind = CryptoWallets.address(bytes, token.start..<token.end, window: options.window) else { continue }
      candidates.append(CryptoWallets.candidate(token.start..<token.end, kind: kind))
    }
  }
}

/// The configuration in the form the rules use.
struct PIIOptions: Sendable {
  let types: Set<String>
  let nameMinScore: Double
  let phoneRegions: Set<String>
  let window: Int
  let nationalIDs: Bool
  let names: Bool
  // The common types as flags, so per-match checks do not hash strings.
  let email, phone, creditCard, iban, ssn, ipAddress, dateOfBirth, address, cryptoWallet: Bool
  /// Per entry of `NationalIDFormats.digitFormats`.
  let digitFormats: [Bool]

  init(_ configuration: DetectPIIStep.Configuration) {
    let types = Set(configuration.types)
    self.types = types
    nameMinScore = configuration.nameMinScore
    phoneRegions = Set(configuration.phoneRegions.map { $0.uppercased() })
    window = max(8, min(configuration.contextWindow, 256))
    nationalIDs = types.contains("national_id") || NationalIDFormats.digitFormats.contains { types.contains($0.type) }
      || types.contains { AlphanumericIDs.types.contains($0) }
    names = types.contains("person")
    email = types.contains("email")
    phone = types.contains("phone")
    creditCard = types.contains("credit_card")
    iban = types.contains("iban")
    cryptoWallet = types.contains("crypto_wallet")
    ssn = types.contains("us_ssn")
    ipAddress = types.contains("ip_address")
    dateOfBirth = types.contains("date_of_birth")
    address = types.contains("address")
    digitFormats = NationalIDFormats.digitFormats.map { types.contains($0.type) || types.contains("national_id") }
  }

  /// Whether a type (or, for id formats, `national_id`) is enabled.
  func enabled(_ type: String) -> Bool {
    types.contains(type) || (types.contains("national_id") && !DetectPIIStep.allTypes.contains(type))
  }
}
