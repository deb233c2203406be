/// The human-readable form of a classification (`tp-classify --explain`):
/// the level, then every reason with where in the record it was seen and
/// which policy field set its level. Decisive reasons are starred.
public enum ClassificationExplanation {
  public static func text(_ classification: Classification, line: Int) -> String {
    var out = "line \(line): \(classification.level.name)"
    var context: [String] = []
    if let org = classification.org { context.append("org \(org)") }
    context.append("policy \(classification.policyDigest.prefix(19))…")
    out += "  (\(context.joined(separator: "; ")))\n"
    for reason in classification.reasons {
      out += "  \(reason.level == classification.level ? "*" : "-") \(describe(reason))\n"
    }
    return out
  }

  static func describe(_ reason: Classification.Reason) -> String {
    var text: String
    switch reason.kind {
    case .default: text = "default level"
    case .finding: text = "finding \(reason.name)" + (reason.step.map { " (\($0))" } ?? "")
    case .marker: text = "marker \(reason.name)"
    case .recogniser: text = "recogniser \(reason.name)"
    case .category: text = "declared category \(reason.name)"
    case .rule: text = "rule \(reason.name)"
    }
    if let path = reason.path, !path.isEmpty {
      text += " in \(path)"
      if let start = reason.start, let end = reason.end { text += " @\(start)..\(end)" }
    }
    if reason.count > 1 { text += " ×\(reason.count)" }
    return "\(text) → \(reason.level.name)  [\(reason.origin)]"
  }
}
