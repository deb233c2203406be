/// The explainable half of the threat steps: named pattern families, each
/// with a category and a score, compiled into the shared Hyperscan
/// database. A step turns its matches into one judgement per field with
/// `ThreatRule.judge`, so every threat step weighs evidence the same way.
public struct ThreatRule: Sendable {
  public var spec: PatternSpec
  public var category: String
  public var score: Double
  /// A match inside a question about something else ("How do I enable
  /// developer mode on my phone?") is no evidence: see `AskedAbout`.
  public var exceptInQuestions: Bool

  /// A caseless rule; `\s` and friends work as in PCRE.
  public init(_ name: String, _ category: String, _ score: Double, _ expression: String, caseless: Bool = true,
              exceptInQuestions: Bool = false) {
    spec = PatternSpec(name, expression, caseless: caseless, dotAll: false, deferredStart: true)
    self.category = category
    self.score = score
    self.exceptInQuestions = exceptInQuestions
  }

  /// `matches` without those of `exceptInQuestions` rules that sit in such
  /// a question.
  static func droppingQuestions(_ rules: [ThreatRule], _ matches: [PatternMatch], in bytes: [UInt8]) -> [PatternMatch] {
    guard matches.contains(where: { rules[$0.pattern].exceptInQuestions }) else { return matches }
    return matches.filter { !(rules[$0.pattern].exceptInQuestions && AskedAbout.applies(bytes, start: $0.start, end: $0.end)) }
  }

  /// The evidence of the rules that fired in one field.
  public struct Judgement: Sendable {
    /// Noisy-or of the distinct rules' scores: independent weak signals add up.
    public var score: Double
    /// The strongest rule's match and category.
    public var start: Int
    public var end: Int
    public var category: String
    /// Rule names, strongest first.
    public var reasons: [String]
  }

  public static func judge(_ rules: [ThreatRule], _ matches: [PatternMatch]) -> Judgement? {
    guard !matches.isEmpty else { return nil }
    var best = matches[0]
    var fired = Set<Int>()
    var miss = 1.0
    for match in matches {
      let rule = rules[match.pattern]
      if rule.score > rules[best.pattern].score { best = match }
      if fired.insert(match.pattern).inserted { miss *= 1 - rule.score }
    }
    // Ties in score go by rule order: a Set's order changes from one process
    // to the next, and the same record must always give the same bytes.
    let names = fired.sorted { rules[$0].score != rules[$1].score ? rules[$0].score > rules[$1].score : $0 < $1 }
      .map { "rule:" + rules[$0].spec.name }
    let strongest = rules[best.pattern]
    return Judgement(score: 1 - miss, start: best.start, end: best.end, category: strongest.category, reasons: names)
  }

  /// The least score a rule-and-model step reports a candidate with.
  public static let reportFloor = 0.05

  /// Maps a model probability to a score whose 0.5 is the model's chosen
  /// operating point, so the engine's default threshold (0.5) applies the
  /// threshold picked from the held-out curve.
  public static func calibrate(_ probability: Double, operatingPoint: Double) -> Double {
    let point = min(max(operatingPoint, 0.01), 0.99)
    if probability < point { return 0.5 * probability / point }
    return 0.5 + 0.5 * (probability - point) / (1 - point)
  }
}

/// Scores a whole field with a linear text model, reading the folded view
/// when the text was obfuscated, in windows so that a short instruction in
/// a long document is not diluted by it.
///
/// All models are scored together by `ModelBank` and kept per field in
/// `context.modelScores`, so the second step asking about a field pays
/// nothing.
public struct ModelJudge: Sendable {
  let bank: ModelBank
  let index: Int?
  public var model: LinearTextModel? { index.map { bank.models[$0] } }
  /// Window size in bytes: long texts are scored per window, taking the max.
  public static let window = 4096
  public static let maxScored = 1 << 20

  public init(_ name: String, bank: ModelBank = .shared) {
    self.bank = bank
    index = bank.index(of: name)
  }

  public func score(_ field: FieldText, context: InspectionContext) -> LinearTextModel.Score? {
    guard let index else { return nil }
    return context.modelScores.scores { Self.allScores(bank, field.bytes, context.views) }[index]
  }

  /// Per model, the best score over the raw text's windows, the folded
  /// view's windows and each decoded blob.
  static func allScores(_ bank: ModelBank, _ bytes: [UInt8], _ views: [TextView]) -> [LinearTextModel.Score] {
    var best = windows(bank, bytes)
    if let folded = views.first(where: { $0.kind == .folded && $0.depth == 0 }) { keepBetter(&best, windows(bank, folded.bytes)) }
    for view in views where view.kind == .decoded { keepBetter(&best, bank.scores(view.bytes[...])) }
    return best
  }

  /// Keeps, per model, the more positive of two scores.
  static func keepBetter(_ best: inout [LinearTextModel.Score], _ scores: [LinearTextModel.Score]) {
    for index in best.indices where scores[index].positive > best[index].positive { best[index] = scores[index] }
  }

  /// The text scored whole when short, else per half-overlapping window
  /// (the first `maxScored` bytes; the normaliser reports longer fields).
  static func windows(_ bank: ModelBank, _ bytes: [UInt8]) -> [LinearTextModel.Score] {
    let scores = bank.windowScores(bytes, window: window, limit: maxScored)
    var best = scores[0]
    for window in scores.dropFirst() { keepBetter(&best, window) }
    return best
  }

  /// The features behind a score's label, for a finding's reasons.
  public func explain(_ bytes: ArraySlice<UInt8>, label: String) -> [String] {
    index.map { bank.explain(model: $0, bytes, towards: label, count: 4) } ?? []
  }
}

extension ThreatRule.Judgement {
  /// The candidate for this judgement, typed by its category.
  public func candidate(score: Double? = nil, extraReasons: [String] = []) -> Candidate {
    let value = min(score ?? self.score, 1)
    return Candidate(start: start, end: end, type: category, score: value, severity: value >= 0.8 ? .high : .medium,
                     category: category, reasons: reasons + extraReasons)
  }
}

/// A step judged by its rule families alone: one candidate per field, the
/// strongest rule's span, the noisy-or of the rules that fired. The steps
/// only declare their rules; reading the normalised views is implied.
public protocol RuleJudgedStep: Step where Configuration == NoConfiguration {
  static var rules: [ThreatRule] { get }
  init()
}

extension RuleJudgedStep {
  public static var patterns: [PatternSpec] { rules.map(\.spec) }
  public static var readsNormalizedViews: Bool { true }
  public init(configuration: NoConfiguration) { self.init() }

  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] {
    guard let judgement = ThreatRule.judge(Self.rules, ThreatRule.droppingQuestions(Self.rules, matches, in: field.bytes)) else { return [] }
    return [judgement.candidate()]
  }
}

extension ModelJudge {
  /// Rules and model together: the noisy-or of the rule score and the
  /// calibrated model score, the strongest rule's span (the whole field when
  /// only the model fired), and reasons naming rules, model and features.
  ///
  /// `dropsBelow`: the score under which the caller drops the candidate
  /// whatever else it finds (nil when it may still raise the score). Under
  /// it the model's reason, a string built for every field, is left out:
  /// nearly every field scores under it and is never reported.
  public func combine(_ rules: [ThreatRule], _ matches: [PatternMatch], _ field: FieldText, context: InspectionContext,
                      useModel: Bool, operatingPoint: Double, dropsBelow: Double? = nil,
                      modelCategory: (String) -> String) -> (candidate: Candidate, modelScore: Double) {
    let rule = ThreatRule.judge(rules, matches)
    let model = useModel ? score(field, context: context) : nil
    let modelScore = model.map { ThreatRule.calibrate($0.positive, operatingPoint: operatingPoint) } ?? 0
    let score = 1 - (1 - (rule?.score ?? 0)) * (1 - modelScore)
    var reasons = rule?.reasons ?? []
    if let model, score >= dropsBelow ?? 0 {
      reasons.append("model:\(model.label):" + String(Int((model.positive * 1000).rounded())))
      if modelScore >= 0.5 { reasons += explain(field.bytes.prefix(Self.maxScored), label: model.label) }
    }
    let fromModel = model.map { modelCategory($0.label) } ?? "unknown"
    // A rule that fires on its own names the category: it is the explanation.
    let category = rule.map { $0.score >= 0.5 || $0.score >= modelScore ? $0.category : fromModel } ?? fromModel
    let candidate = Candidate(start: rule?.start ?? 0, end: rule?.end ?? field.bytes.count, type: category, score: min(score, 1),
                              severity: score >= 0.8 ? .high : .medium, category: category, reasons: reasons)
    return (candidate, modelScore)
  }
}
