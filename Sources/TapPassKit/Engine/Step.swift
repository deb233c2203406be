/// A detection step. One type per file under `Steps/<Phase>/`, with its
/// descriptor, configuration, patterns and logic together (STYLE.md §1).
///
/// The engine scans each field once with the shared Hyperscan database and
/// hands every step only its own pattern matches; the step validates them
/// (checksums, entropy, context) and returns candidates. Steps are pure: the
/// same field and configuration always give the same candidates, except for
/// the explicit per-session state in `InspectionContext`.
public protocol Step: Sendable {
  associatedtype Configuration: StepConfiguration
  static var descriptor: StepDescriptor { get }
  /// Patterns compiled into the shared database (may be empty).
  static var patterns: [PatternSpec] { get }
  init(configuration: Configuration)
  /// Inspects one field. `matches` are this step's matches, sorted by start.
  /// Called for every field the step reads, even without matches, unless
  /// `inspectsOnlyWithMatches` is true.
  func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate]
  /// When true the engine skips fields with no match of this step's
  /// patterns and none of its keywords (the prefilter).
  static var inspectsOnlyWithMatches: Bool { get }
  /// When true the engine also scans the field's normalised views
  /// (Normalize/) and hands over their matches at original offsets, and
  /// `context.views` holds the views during `inspect`.
  static var readsNormalizedViews: Bool { get }
  /// For steps that apply other steps to their fields (scan_output,
  /// scan_tool_results): which ones. The engine runs them on the matches of
  /// its one scan and reports their candidates as this step's findings;
  /// `inspect` is then not called.
  static var delegation: StepDelegation? { get }
  /// Whether `inspect` writes per-session state
  /// (`InspectionContext.setSessionValue`). A parallel run keeps a
  /// session's records on one worker only when some step does (finding
  /// the session costs a pass over each line); an undeclared write trips
  /// an assertion in debug builds.
  static var keepsSessionState: Bool { get }
  /// Loads what the step shares across records (models, word lists)
  /// before the first record needs it. The engine calls it on a background
  /// thread while it loads the pattern database, so that a one-record run
  /// (a pre-commit hook) pays for the two at once, not one after the other.
  static func warmUp()
}

/// The steps a delegating step applies: every registered step of these
/// categories (so steps added later are picked up), plus named extras.
public struct StepDelegation: Sendable, Equatable {
  public var categories: Set<StepCategory>
  public var extraIDs: [String]

  public init(categories: Set<StepCategory>, extraIDs: [String] = []) {
    self.categories = categories
    self.extraIDs = extraIDs
  }

  public func includes(_ descriptor: StepDescriptor) -> Bool {
    categories.contains(descriptor.category) || extraIDs.contains(descriptor.id)
  }
}

extension Step {
  public static var patterns: [PatternSpec] { [] }
  public static var inspectsOnlyWithMatches: Bool { !patterns.isEmpty }
  public static var readsNormalizedViews: Bool { false }
  public static var delegation: StepDelegation? { nil }
  public static var keepsSessionState: Bool { false }
  public static func warmUp() {}
}

/// A step made only of a delegation: it has no patterns or logic of its own.
public protocol DelegatingStep: Step {}

extension DelegatingStep {
  public static var inspectsOnlyWithMatches: Bool { false }
  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] { [] }
}

/// A step's own options. Every property needs a default: the engine decodes
/// a user's config merged over `init()`'s values, and takes the set of known
/// keys from the encoded defaults (so the struct is the only list of keys).
public protocol StepConfiguration: Codable, Sendable, Equatable {
  init()
}

/// For steps without options of their own.
public struct NoConfiguration: StepConfiguration {
  public init() {}
}

/// One text field of a record, decoded.
public struct FieldText: Sendable {
  /// Where the field's path comes from: building `messages[1].content` for
  /// every field of every record is measurable work, so a record field keeps
  /// its document and node and spells the path only when a finding needs it.
  enum PathSource: Sendable {
    case literal(String)
    case node(JSONDocument, Int)
  }

  let pathSource: PathSource
  public var role: FieldRole
  /// The decoded UTF-8 value.
  public var bytes: [UInt8]
  /// The JSON node the value came from, for `--redact`; nil for file lines.
  public var node: Int?

  /// e.g. `messages[1].content`, or `text`.
  public var path: String {
    switch pathSource {
    case .literal(let path): return path
    case .node(let document, let node): return document.path(of: node)
    }
  }

  public init(path: String, role: FieldRole, bytes: [UInt8], node: Int? = nil) {
    pathSource = .literal(path)
    self.role = role
    self.bytes = bytes
    self.node = node
  }

  /// A string value of a parsed record.
  public init(document: JSONDocument, node: Int, role: FieldRole) {
    pathSource = .node(document, node)
    self.role = role
    bytes = document.stringBytes(node)
    self.node = node
  }
}

/// Record-level facts a step may use, and explicit per-session state for
/// session-aware steps (state lives in the engine, never in a global).
public struct InspectionContext: Sendable {
  public var sessionID: String?
  public var agentID: String?
  public var orgID: String?
  public var trustTier: String?
  /// Names of the record's tools by index in `tools`, so a step reading a
  /// tool description knows whose it is (rug-pull pins).
  public var toolNames: [Int: String] = [:]
  /// Set by a step when it could not fully inspect a field (a bound was
  /// hit); the engine turns it into a finding so enforce mode fails closed.
  public var incomplete: [String] = []
  var sessionState: [String: Double] = [:]
  /// The normalised views of the field being inspected, for steps that
  /// read them (empty when the text needs no normalisation).
  public internal(set) var views: [TextView] = []
  /// The linear models' scores of the field being inspected, shared by the
  /// steps that read it (the engine clears it per field).
  public internal(set) var modelScores = FieldModelScores()

  public init(sessionID: String? = nil, agentID: String? = nil, orgID: String? = nil, trustTier: String? = nil) {
    self.sessionID = sessionID
    self.agentID = agentID
    self.orgID = orgID
    self.trustTier = trustTier
  }

  /// A number a step keeps for the current session under `key`.
  public func sessionValue(_ key: String) -> Double { sessionState[key] ?? 0 }
  /// Storing the value a key already holds (bit for bit) is skipped: the
  /// state shares its storage with the engine's session table, so the
  /// first write of a record copies it, and most sessions hold a total that
  /// stays 0. The state after the call is the same either way.
  public mutating func setSessionValue(_ key: String, _ value: Double) {
    if let held = sessionState[key], held.bitPattern == value.bitPattern { return }
    sessionState[key] = value
  }
}
