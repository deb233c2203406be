/// The human-readable form of a route (`tp-route --explain`).
public enum RouteExplanation {
  public static func text(_ decision: RouteDecision) -> String {
    var out: String
    if let chosen = decision.chosen {
      out = "  route → \(chosen.id) (\(chosen.provider) \(chosen.model), \(chosen.region), residency \(chosen.residency), ceiling \(chosen.maxClassification.name))\n"
    } else {
      out = "  BLOCKED: \(decision.blockReason ?? "no allowed model")\n"
    }
    out += "    rule \(decision.rule) [\(decision.ruleOrigin)]" + (decision.preference.map { ", prefer \($0.rawValue)" } ?? "") + "\n"
    let complexity = decision.complexity
    out += "    complexity \(JSONBytes.fixedText(complexity.score, digits: 2)) \(complexity.band): \(complexity.tokens) tokens, \(complexity.codeMarkers) code markers, \(complexity.tools) tools, depth \(complexity.depth)\n"
    if decision.chosen != nil {
      out += "    estimated cost $\(JSONBytes.fixedText(decision.estimatedCost, digits: 6)) (\(decision.inputTokens) input + \(decision.outputTokens) output tokens)\n"
    }
    if let fallback = decision.fallback {
      out += "    FALLBACK: first choice \(fallback.from) skipped, \(fallback.reason)\n"
    }
    if !decision.rejected.isEmpty {
      out += "    not chosen:\n"
      for item in decision.rejected { out += "      \(item.id): \(item.reason.text)\n" }
    }
    return out
  }
}
