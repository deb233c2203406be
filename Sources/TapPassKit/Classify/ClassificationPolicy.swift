/// The classification policy: how findings, markings, declared data
/// categories and request context map to levels (docs/policy-format.md).
///
/// The model is plain values, resolved at load time: every org's profile
/// already has its `extends` chain and the built-in defaults folded in, so
/// classifying a record is table look-ups and rule checks, never inheritance
/// walks.
public struct ClassificationPolicy: Sendable {
  /// Where a level came from, for reasons and explanations: a policy field
  /// (with its line) or `built-in`.
  public struct Origin: Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var line: Int?
    public static let builtIn = Origin(field: "built-in", line: nil)
    public var description: String { line.map { "\(field) (line \($0))" } ?? field }
  }

  /// A level, or nil for IGNORE, with where it was set.
  public struct Entry: Sendable, Equatable {
    public var level: ClassificationLevel?
    public var origin: Origin
  }

  /// The tables that apply to one org (or to records with no known org).
  public struct Profile: Sendable {
    public var defaultLevel = Entry(level: .public, origin: .builtIn)
    public var findingTypes: [String: Entry] = [:]
    public var findingSteps: [String: Entry] = [:]
    public var markers: [String: Entry] = [:]
    public var categories: [String: Entry] = [:]
    /// Names of the recognisers active for this profile.
    public var recognisers: Set<String> = []
  }

  /// A custom org-specific recogniser: a regular expression compiled into
  /// the same Hyperscan database as the built-in markers.
  public struct Recogniser: Sendable, Equatable {
    public var name: String
    public var pattern: String
    public var caseless: Bool
    public var level: ClassificationLevel
    public var origin: Origin
  }

  /// A rule: when every condition holds, the record is at least `level`.
  public struct Rule: Sendable {
    public var name: String
    public var when: RuleCondition
    public var level: ClassificationLevel
    public var origin: Origin
  }

  /// The hex SHA-256 of the policy file, prefixed `sha256:`: the policy
  /// version written into every classification.
  public var digest: String
  public var source: String
  public var name: String?
  public var global = Profile()
  public var orgs: [String: Profile] = [:]
  public var rules: [Rule] = []
  public var recognisers: [Recogniser] = []

  public func profile(for org: String?) -> Profile {
    org.flatMap { orgs[$0] } ?? global
  }
}

/// The conditions of a rule, all of which must hold. A list means "any of".
public struct RuleCondition: Sendable, Equatable, Hashable {
  public var orgs: [String]?
  /// Glob patterns (`*` matches any run of characters).
  public var agents: [String]?
  public var trustTiers: [String]?
  public var categories: [String]?
  public var findingTypes: [String]?
  public var steps: [String]?
  /// Built-in marker or recogniser names.
  public var markers: [String]?
  /// The level reached before this rule (from findings, markers,
  /// categories and earlier rules) is at least this.
  public var minLevel: ClassificationLevel?

  public init() {}

  /// The same conditions with list order ignored, for conflict detection.
  var canonical: RuleCondition {
    var copy = self
    copy.orgs = orgs?.sorted()
    copy.agents = agents?.sorted()
    copy.trustTiers = trustTiers?.sorted()
    copy.categories = categories?.sorted()
    copy.findingTypes = findingTypes?.sorted()
    copy.steps = steps?.sorted()
    copy.markers = markers?.sorted()
    return copy
  }

  public var isEmpty: Bool { self == RuleCondition() }
}
