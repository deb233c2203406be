/// Cue words that turn an ambiguous shape into personal data: "phone:"
/// before seven digits, "born" before a date, "SSN" before nine digits.
/// Matching is ASCII case-insensitive on whole words inside a small window
/// around the candidate, so it costs a few hundred byte compares and only
/// runs for candidates.
struct ContextWords: Sendable {
  let words: [[UInt8]]
  /// Bit b (of word b >> 6) set when a word starts with byte b: most word
  /// starts in a window are rejected on their first byte, without walking
  /// the list.
  private let firstBytes: [UInt64]

  init(_ words: [String]) {
    // Matching folds ASCII case only, so a word in another script is also
    // listed upper-case and capitalised ("ЕГН", "Учетный"), each with its
    // ASCII letters lower-cased as the matcher compares them.
    var forms: [[UInt8]] = []
    for word in words {
      let lower = word.lowercased()
      for form in [lower, lower.uppercased(), lower.prefix(1).uppercased() + lower.dropFirst()] {
        let bytes = form.utf8.map(PIIBytes.lower)
        if form == lower || (bytes.contains { $0 >= 0x80 } && !forms.contains(bytes)) { forms.append(bytes) }
      }
    }
    self.words = forms
    var firstBytes = [UInt64](repeating: 0, count: 4)
    for word in self.words { firstBytes[Int(word[0]) >> 6] |= 1 << UInt64(word[0] & 63) }
    self.firstBytes = firstBytes
  }

  /// Whether one of the words occurs as a whole word (a word may end in
  /// punctuation, e.g. `tel.`) in `bytes[from..<to]`.
  func occurs(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
    let from = max(0, from)
    let to = min(bytes.count, to)
    guard from < to else { return false }
    var position = from
    while position < to {
      if position == 0 || !PIIBytes.isWord(bytes[position - 1]) {
        let first = PIIBytes.lower(bytes[position])
        guard firstBytes[Int(first) >> 6] & (1 << UInt64(first & 63)) != 0 else {
          position += 1
          continue
        }
        for word in words where word[0] == first && position + word.count <= to {
          if PIIBytes.matches(bytes, at: position, word) {
            // Words of five or more letters also match as a prefix ("colombia" in "Colombian").
            let after = position + word.count
            if after >= bytes.count || !PIIBytes.isAlnum(bytes[after]) || !PIIBytes.isAlnum(word[word.count - 1]) || word.count >= 5 { return true }
          }
        }
      }
      position += 1
    }
    return false
  }

  /// Whether a word occurs within `before` bytes before `start` or `after`
  /// bytes after `end`.
  func near(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, before: Int, after: Int = 0) -> Bool {
    occurs(in: bytes, from: start - before, to: start) || (after > 0 && occurs(in: bytes, from: end, to: end + after))
  }

  static let phone = ContextWords([
    "phone", "telephone", "tel", "tel.", "mobile", "mob", "cell", "cellphone", "fax", "call", "called", "calling",
    "dial", "text me", "sms", "whatsapp", "contact", "reach me", "ring", "office", "desk", "landline", "hotline",
    "answering", "messages to", "registered", "ph", "ph.", "phone number", "tlf", "telefon", "téléphone", "telefono",
    "teléfono", "handy", "portable", "numero", "número",
  ])
  static let ssn = ContextWords(["ssn", "social security", "social-security", "ss#", "ss #", "ssa", "taxpayer", "tin", "itin"])
  static let birth = ContextWords([
    "born", "birth", "birthday", "birthdate", "dob", "d.o.b", "d.o.b.", "date of birth", "b.", "née", "geboren",
    "né", "née le", "nacido", "nata", "nato", "age", "aged",
  ])
  /// Generic words that introduce an identity, tax or account number.
  static let identifier = ContextWords([
    "id", "id:", "identity", "identification", "identifier", "national", "personal", "citizen", "tax", "taxpayer",
    "vat", "fiscal", "fiscale", "number", "no", "no.", "nr", "nr.", "nº", "n°", "num", "code", "registration",
    "register", "registro", "social", "insurance", "passport", "licence", "license", "account", "card",
    "número", "numero", "nummer", "numer", "kod", "código", "codice", "identifiant", "identificación",
  ])
  /// Words that introduce an identifier that is not a phone or a card
  /// ("tax number 047-179-026", "company number 008 249 975").
  static let notPhone = ContextWords([
    "tax", "vat", "identification", "identifier", "identity", "registration", "register", "company", "business",
    "account", "iban", "bank", "invoice", "order", "ssn", "passport", "licence", "license", "reference", "ref",
    "isbn", "serial", "tin", "nit", "ruc", "cui", "fiscal", "fiscale", "customer", "imei", "meid", "citizen",
    "national", "personal", "social security", "taxpayer", "enterprise", "entity", "tributaria", "tributario",
    "revenue", "department", "ird", "equipment",
  ])
  static let card = ContextWords(["card", "credit", "debit", "visa", "mastercard", "amex", "cc", "pan", "payment", "kart", "karte", "carte", "tarjeta"])
  /// Words before dotted numbers that are versions, not hosts.
  static let version = ContextWords(["version", "versions", "ver", "ver.", "v", "release", "build", "upgrade", "update", "updated", "downgrade", "firmware", "sdk", "api", "os", "ios", "android", "python", "node", "java", "kernel"])
  static let wallet = ContextWords(["wallet", "eth", "ethereum", "ether", "crypto", "metamask", "usdt", "erc20", "erc-20", "send", "receive", "address", "deposit", "withdraw"])
  static let ip = ContextWords(["ip", "ip:", "address", "host", "server", "client", "from", "connect", "ssh", "ping"])
}
