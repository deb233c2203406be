/// The vocabulary shared by every step: phases, actions, severities and the
/// fields a step reads. Names are the original product's, in snake_case, as
/// they appear in records, configs, presets and baselines.

/// When a step runs relative to the model call.
public enum Phase: String, Sendable, Codable, CaseIterable {
  case beforeCall = "before_call"
  case call
  case afterCall = "after_call"
}

/// What happens to a record when a step finds something.
public enum Action: String, Sendable, Codable, CaseIterable, Comparable {
  /// Record the finding only.
  case `continue`
  /// Record and log it.
  case log
  /// Replace the value before the request goes on.
  case redact
  /// Stop the request.
  case block

  private var rank: Int {
    switch self {
    case .continue: 0
    case .log: 1
    case .redact: 2
    case .block: 3
    }
  }
  public static func < (lhs: Action, rhs: Action) -> Bool { lhs.rank < rhs.rank }
}

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
  case low, medium, high, critical

  private var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    case .critical: 3
    }
  }
  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The role of a text field inside a request, so that each step reads only
/// what it is about (a tool description for tool poisoning, the response for
/// output DLP).
public enum FieldRole: String, Sendable, Codable, CaseIterable {
  /// A bare `{"text": …}` record, or a string in a record of unknown shape.
  case text
  case system
  case user
  case assistant
  /// Arguments of a tool call the model asked for.
  case toolArguments = "tool_arguments"
  /// What a tool returned (`role: tool`, `tool_result`).
  case toolResult = "tool_result"
  /// A tool's description or parameter descriptions.
  case toolDescription = "tool_description"
  /// The model's answer (`response`).
  case output
  /// A file or diff line scanned for pre-commit.
  case file

  /// The roles a request carries before the model call.
  public static let request: Set<FieldRole> = [.text, .system, .user, .assistant, .toolArguments, .toolResult, .toolDescription, .file]
}

/// The original product's step groups; presets and scan_output select by it.
public enum StepCategory: String, Sendable, Codable, CaseIterable {
  case inputValidation = "input_validation"
  case dataProtection = "data_protection"
  case threatDefense = "threat_defense"
  case toolGovernance = "tool_governance"
  case output
  case cost
}

/// A static description of a step: the one place its identity, purpose,
/// defaults and examples are written.
public struct StepDescriptor: Sendable {
  /// Stable snake_case id, the original product's step name.
  public var id: String
  /// Title Case name.
  public var title: String
  /// One sentence: what the step finds.
  public var summary: String
  /// Why it is built the way it is.
  public var rationale: String
  public var phase: Phase
  public var category: StepCategory
  /// The original product's position; steps run in this order.
  public var position: Int
  public var defaultAction: Action
  /// Roles this step reads by default.
  public var reads: Set<FieldRole>
  /// Candidates scoring below this are dropped unless a config sets its own
  /// `threshold`. 0.5 for every step but those whose low-scored findings
  /// are meant to be seen (logged, never blocked: low severity caps the
  /// action at log).
  public var defaultThreshold: Double = 0.5
  /// Earlier ids that still select this step.
  public var deprecatedAliases: [String] = []
  /// Literal keywords that must occur (case-insensitively) for the step to
  /// have anything to say; empty when the step always inspects.
  public var keywords: [String] = []
  public var examples: [StepExample] = []
}

/// One triggering or non-triggering example. Spans are marked inline with
/// `«` and `»` (positives), optionally typed as `«type:value»`.
public struct StepExample: Sendable {
  public var text: String
  /// The role the example is read as.
  public var role: FieldRole
  /// Per-example config override (JSON object text), to exercise options.
  public var config: String?
  public var file: String
  public var line: Int

  public init(_ text: String, role: FieldRole = .text, config: String? = nil, file: String = #filePath, line: Int = #line) {
    self.text = text
    self.role = role
    self.config = config
    self.file = file
    self.line = line
  }

  /// An expected finding: byte range in the unmarked text and an optional type.
  public struct Span: Sendable, Equatable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public var type: String?
    public var description: String { "\(type.map { $0 + "@" } ?? "")\(start)..<\(end)" }
  }

  /// The text without markers, and the marked spans in UTF-8 byte offsets.
  public var unmarked: (text: String, spans: [Span]) {
    var output: [UInt8] = []
    var spans: [Span] = []
    var openStart: Int?
    var openType: String?
    var typing = false
    var typeBytes: [UInt8] = []
    for scalar in text.unicodeScalars {
      if scalar == "«" { openStart = output.count; typing = true; typeBytes = []; openType = nil; continue }
      if scalar == "»", let start = openStart {
        if typing { output.append(contentsOf: typeBytes) }
        spans.append(Span(start: start, end: output.count, type: openType))
        openStart = nil
        typing = false
        continue
      }
      let bytes = Array(String(scalar).utf8)
      if typing {
        if scalar == ":" , !typeBytes.isEmpty, typeBytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) }) {
          openType = String(decoding: typeBytes, as: UTF8.self)
          typing = false
          continue
        }
        typeBytes.append(contentsOf: bytes)
        if !(scalar.isASCII && (scalar.properties.isLowercase || scalar == "_" || ("0"..."9").contains(scalar))) {
          output.append(contentsOf: typeBytes)
          typeBytes = []
          typing = false
        }
        continue
      }
      output.append(contentsOf: bytes)
    }
    return (String(decoding: output, as: UTF8.self), spans)
  }

  public var isPositive: Bool { text.contains("«") }
}
