/// Built-in classification markings: the words and banners people put on
/// documents to say how sensitive they are.
///
/// Each marker is a Hyperscan pattern compiled into the classifier's
/// database together with the policy's own recognisers, so a record's text
/// is scanned once, byte-level, for all of them. Why these patterns:
/// - banners are upper case by convention (`TOP SECRET//SI`, `RESTRICTED`),
///   while the same words in prose ("restricted access") are common, so the
///   banner-only words are case-sensitive;
/// - "confidential", "internal only" and "top secret" are sensitive in any
///   case and are matched caselessly;
/// - a header line (`Classification: Confidential`, `Sensitivity: Internal`)
///   carries its level in the word after the colon, which the classifier
///   reads from the matched bytes (Hyperscan has no capture groups).
public struct Marker: Sendable, Equatable {
  public var name: String
  public var pattern: PatternSpec
  /// The level the marker stands for; nil when it is read from the match
  /// (header markers).
  public var level: ClassificationLevel?
  public var summary: String

  public static let builtIn: [Marker] = [
    Marker(name: "top_secret", pattern: PatternSpec("top_secret", #"\btop[ _-]?secret\b"#, caseless: true),
      level: .topSecret, summary: "the words \"top secret\""),
    Marker(name: "secret_banner", pattern: PatternSpec("secret_banner", #"\bSECRET//[A-Z]"#),
      level: .restricted, summary: "a SECRET// banner with caveats"),
    Marker(name: "restricted_banner", pattern: PatternSpec("restricted_banner", #"\bRESTRICTED\b"#),
      level: .restricted, summary: "the upper-case banner RESTRICTED"),
    Marker(name: "strictly_confidential", pattern: PatternSpec("strictly_confidential", #"\b(strictly|highly)[ \t]+confidential\b"#, caseless: true),
      level: .restricted, summary: "\"strictly\" or \"highly confidential\""),
    Marker(name: "privileged", pattern: PatternSpec("privileged", #"\battorney[ -]client[ \t]+privilege"#, caseless: true),
      level: .restricted, summary: "attorney-client privilege"),
    Marker(name: "tlp_red", pattern: PatternSpec("tlp_red", #"\bTLP:RED\b"#), level: .restricted, summary: "Traffic Light Protocol RED"),
    Marker(name: "confidential", pattern: PatternSpec("confidential", #"\bconfidential\b"#, caseless: true),
      level: .confidential, summary: "the word \"confidential\""),
    Marker(name: "proprietary", pattern: PatternSpec("proprietary", #"\bPROPRIETARY\b"#),
      level: .confidential, summary: "the upper-case banner PROPRIETARY"),
    Marker(name: "do_not_distribute", pattern: PatternSpec("do_not_distribute", #"\bdo[ \t]+not[ \t]+(distribute|forward|share)\b"#, caseless: true),
      level: .confidential, summary: "\"do not distribute/forward/share\""),
    Marker(name: "tlp_amber", pattern: PatternSpec("tlp_amber", #"\bTLP:AMBER\b"#), level: .confidential, summary: "Traffic Light Protocol AMBER"),
    Marker(name: "internal_only", pattern: PatternSpec("internal_only", #"\b(internal[ _-]+(use[ _-]+)?only|for[ \t]+internal[ \t]+use)\b"#, caseless: true),
      level: .internal, summary: "\"internal only\", \"for internal use\""),
    Marker(name: "tlp_green", pattern: PatternSpec("tlp_green", #"\bTLP:GREEN\b"#), level: .internal, summary: "Traffic Light Protocol GREEN"),
    Marker(name: "classification_header",
      pattern: PatternSpec("classification_header",
        #"(^|\n)[ \t#*>]*(data[ \t]+)?(classification|sensitivity|security[ \t]+level|label)[ \t]*:[ \t]*(public|internal|confidential|restricted|secret|top[ _-]?secret)\b"#,
        caseless: true),
      level: nil, summary: "a document header such as \"Classification: Confidential\""),
  ]

  public static func builtIn(named name: String) -> Marker? { builtIn.first { $0.name == name } }

  /// The level a header match names: the last level word in the match.
  static func headerLevel(_ match: UnsafeBufferPointer<UInt8>) -> ClassificationLevel? {
    // Walk back over the trailing word (letters, space, _ or - for
    // "top secret") after the colon.
    var colon = match.count - 1
    while colon >= 0 && match[colon] != 0x3A { colon -= 1 }
    var start = colon + 1
    while start < match.count && (match[start] == 0x20 || match[start] == 0x09) { start += 1 }
    return ClassificationLevel(looseName: UnsafeBufferPointer(rebasing: match[start...]))
  }
}
