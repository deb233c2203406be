/// Finds business-sensitive content: financial figures in a business
/// context (revenue, ARR, margins, valuations, forecasts), customer and user
/// counts, deal terms (term sheets, purchase prices, discounts, payment
/// terms), and text marked confidential.
///
/// Why context is required: a bare amount is everyday language ("John has
/// $5"), so an amount counts only with a magnitude that matters (at least
/// ten thousand, or a k/M/B suffix) and a business word or reporting period
/// nearby; markings count only as words, in banner or sentence form.
public struct DetectBusinessStep: Step {
  public struct Configuration: StepConfiguration {
    /// Bytes on each side of an amount searched for business context.
    public var contextWindow = 80
    /// Smallest amount reported without a k/M/B suffix.
    public var minimumAmount = 10_000
    /// Extra context words (lower case), e.g. a product line's name.
    public var contextWords: [String] = []
    public init() {}
    enum CodingKeys: String, CodingKey {
      case contextWindow = "context_window", minimumAmount = "minimum_amount", contextWords = "context_words"
    }
  }

  public static let descriptor = StepDescriptor(
    id: "detect_business",
    title: "Detect Business Data",
    summary: "Finds revenue and other financial figures, customer counts, deal terms and text marked confidential.",
    rationale: "Unreleased figures and deal terms are material non-public information; markings say the author did not mean the text to leave.",
    phase: .beforeCall, category: .dataProtection, position: 240, defaultAction: .log,
    reads: FieldRole.request.union([.output]),
    examples: DetectBusinessStep.exampleList)

  public static let patterns: [PatternSpec] = BusinessRules.patterns

  let configuration: Configuration
  let contextWords: [[UInt8]]
  let dealContextWords = BusinessRules.dealContextWords.map { Array($0.utf8) }
  let countContextWords = (BusinessRules.countContextWords + BusinessRules.contextWords.filter { $0 != "customers" }).map { Array($0.utf8) }

  public init(configuration: Configuration) {
    self.configuration = configuration
    contextWords = (BusinessRules.contextWords + configuration.contextWords).map { Array($0.lowercased().utf8) }
  }

  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] {
    var candidates: [Candidate] = []
    for match in matches {
      guard let rule = BusinessRules.Rule(rawValue: match.pattern) else { continue }
      let bytes = field.bytes
      guard BusinessRules.isWordBounded(bytes, match.start..<match.end) else { continue }
      switch rule {
      case .amount:
        guard let value = BusinessRules.amountValue(bytes, match.start..<match.end),
          value.hasSuffix || value.amount >= Double(configuration.minimumAmount),
          let word = contextWord(bytes, around: match.start..<match.end)
        else { continue }
        candidates.append(Candidate(start: match.start, end: match.end, type: "financial_figure", score: 0.75, severity: .medium, reasons: ["amount", "context:" + word]))
      case .count:
        // "7 customers per hour" is a word problem: counts matter from 100.
        guard let value = BusinessRules.amountValue(bytes, match.start..<match.end), value.hasSuffix || value.amount >= 100,
          let word = contextWord(bytes, around: match.start..<match.end, in: countContextWords, excluding: match.start..<match.end)
        else { continue }
        candidates.append(Candidate(start: match.start, end: match.end, type: "customer_count", score: 0.65, severity: .medium, reasons: ["count", "context:" + word]))
      case .negotiatedTerm:
        guard let word = contextWord(bytes, around: match.start..<match.end, in: dealContextWords) else { continue }
        candidates.append(Candidate(start: match.start, end: match.end, type: "deal_terms", score: 0.65, severity: .medium, reasons: ["negotiated_term", "context:" + word]))
      case .dealTerm:
        candidates.append(Candidate(start: match.start, end: match.end, type: "deal_terms", score: 0.7, severity: .medium, reasons: ["deal_term"]))
      case .marking:
        let banner = bytes[match.start..<match.end].allSatisfy { !ByteText.isLower($0) }
        candidates.append(Candidate(start: match.start, end: match.end, type: "confidential_marking", score: banner ? 0.9 : 0.7, severity: banner ? .high : .medium, reasons: [banner ? "banner" : "marking"]))
      }
    }
    return candidates
  }

  /// The first context word within the window around `range` (outside
  /// `excluding`, so a match is never its own context).
  func contextWord(_ bytes: [UInt8], around range: Range<Int>, in words: [[UInt8]]? = nil, excluding: Range<Int>? = nil) -> String? {
    let before = max(0, range.lowerBound - configuration.contextWindow)..<(excluding?.lowerBound ?? range.lowerBound)
    let after = (excluding?.upperBound ?? range.upperBound)..<min(bytes.count, range.upperBound + configuration.contextWindow)
    for word in words ?? contextWords where BusinessRules.containsWord(bytes, before, word) || BusinessRules.containsWord(bytes, after, word) {
      return String(decoding: word, as: UTF8.self)
    }
    return nil
  }
}
