/// Patterns and word lists for `detect_business`.
enum BusinessRules {
  enum Rule: Int { case amount, count, dealTerm, marking, negotiatedTerm }

  static let patterns: [PatternSpec] = [
    // $4.2M, € 1,200,000, 3.5 billion USD, USD 12k. This and `count` open
    // on a digit run: tracking their start in the main database made the
    // whole Hyperscan scan a quarter slower, so it is found in a second pass.
    PatternSpec("amount", #"((\$|€|£|¥)\s?[0-9][0-9,]*(\.[0-9]+)?(\s?(k|K|m|M|mm|MM|bn|BN|b|B|million|billion|thousand))?|[0-9][0-9,]*(\.[0-9]+)?\s?(k|m|mm|bn|million|billion)?\s?(USD|EUR|GBP|CHF|JPY|dollars|euros))"#, deferredStart: true),
    // 12,400 paying customers; 3.2 million active users
    PatternSpec("count", #"[0-9][0-9,.]*\s?(k|K|M|million|thousand)?\s(paying\s|active\s|enterprise\s|monthly\s|daily\s|new\s)?(customers|clients|subscribers|users|accounts|seats|MAUs|DAUs)"#, deferredStart: true),
    PatternSpec("deal_terms", #"(term sheet|letter of intent|purchase price|pre-money|post-money|exclusivity period|earn-out|earnout|break-up fee|annual contract value|total contract value|ACV of|TCV of|most favou?red nation)"#, caseless: true),
    PatternSpec("confidential_marking", #"(strictly confidential|company confidential|confidential and proprietary|internal use only|for internal use only|internal only|do not distribute|do not forward|not for distribution|attorney-client privileged|privileged and confidential|trade secret|under embargo|embargoed until|material non-public|CONFIDENTIAL|PROPRIETARY)"#),
    // Retail word problems have discounts too: these need a contract word.
    PatternSpec("negotiated_terms", #"(discount of [0-9]{1,2}%|[0-9]{1,2}% discount|net (30|45|60|90)( days| payment terms)?|payment terms|price per seat|per-seat price|volume discount|non-compete|uplift cap|price increase cap)"#, caseless: true),
  ]

  /// Words that make a discount or payment term a negotiated deal term.
  static let dealContextWords = [
    "contract", "renewal", "enterprise", "license", "licence", "subscription", "deal", "agreement",
    "vendor", "procurement", "msa", "sow", "customer agreement", "reseller", "partner", "quote", "proposal",
  ]

  /// Words that make a count of customers a company's own figure.
  static let countContextWords = [
    "we have", "we now have", "our", "company", "grew", "growth", "reached", "surpassed", "customer base",
    "user base", "signed", "onboarded", "churned", "retention", "across", "platform",
  ]

  /// Words that make an amount or count business data.
  static let contextWords = [
    "revenue", "arr", "mrr", "ebitda", "gross margin", "net income", "operating income", "profit margin",
    "valuation", "bookings", "pipeline", "forecast", "guidance", "run rate", "run-rate", "burn rate",
    "quarter", "q1", "q2", "q3", "q4", "fy2", "fiscal", "yoy", "year-over-year", "earnings", "sales",
    "deal", "contract", "acquisition", "funding", "series a", "series b", "series c", "investors",
    "churn", "customers", "payroll", "salary", "compensation", "budget", "cash", "runway", "bonus",
  ]

  static func isWordBounded(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    let before = range.lowerBound > 0 ? bytes[range.lowerBound - 1] : 0x20
    let after = range.upperBound < bytes.count ? bytes[range.upperBound] : 0x20
    return !ByteText.isAlphanumeric(before) && !ByteText.isAlphanumeric(after)
  }

  /// Whether `word` occurs in the window as a whole word (ASCII case
  /// folded).
  static func containsWord(_ bytes: [UInt8], _ window: Range<Int>, _ word: [UInt8]) -> Bool {
    guard window.count >= word.count else { return false }
    var offset = window.lowerBound
    while offset + word.count <= window.upperBound {
      var equal = true
      for index in 0..<word.count where ByteText.lower(bytes[offset + index]) != word[index] {
        equal = false
        break
      }
      if equal, isWordBounded(bytes, offset..<offset + word.count) { return true }
      offset += 1
    }
    return false
  }

  /// The numeric value of an amount and whether it had a magnitude suffix.
  static func amountValue(_ bytes: [UInt8], _ range: Range<Int>) -> (amount: Double, hasSuffix: Bool)? {
    var digits: [UInt8] = []
    var seenDigit = false
    var suffix = false
    for byte in bytes[range] {
      if ByteText.isDigit(byte) || (byte == UInt8(ascii: ".") && seenDigit) {
        digits.append(byte)
        seenDigit = true
      } else if byte == UInt8(ascii: ","), seenDigit {
        continue
      } else if seenDigit, ByteText.isLetter(byte) {
        let lower = ByteText.lower(byte)
        if lower == UInt8(ascii: "k") || lower == UInt8(ascii: "m") || lower == UInt8(ascii: "b") || lower == UInt8(ascii: "t") { suffix = true }
        break
      }
    }
    guard let amount = Double(String(decoding: digits, as: UTF8.self)) else { return nil }
    return (amount, suffix)
  }
}
