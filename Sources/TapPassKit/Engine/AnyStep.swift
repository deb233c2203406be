import Foundation

/// A configured step instance with its type erased, as the engine runs it.
public struct AnyStep: Sendable {
  public let descriptor: StepDescriptor
  public let patterns: [PatternSpec]
  public let inspectsOnlyWithMatches: Bool
  public let readsNormalizedViews: Bool
  public let delegation: StepDelegation?
  public let keepsSessionState: Bool
  public private(set) var settings: StepSettings
  /// The step's configuration as JSON, for `--list-steps` and snapshots.
  public var configurationJSON: String { encodeConfiguration() }
  /// Encoded on request only: JSONEncoder for every step cost a one-record
  /// run about 2% of its CPU, for text only --list-steps prints.
  private let encodeConfiguration: @Sendable () -> String
  /// The engine keeps these in a flat array: calling through a copied
  /// `AnyStep` retained and released all of its strings and arrays.
  let inspectClosure: Inspector
  typealias Inspector = @Sendable (FieldText, [PatternMatch], inout InspectionContext) -> [Candidate]
  let warmUp: @Sendable () -> Void

  public init<S: Step>(_ type: S.Type, configuration: S.Configuration = .init(), settings: StepSettings? = nil) {
    let step = S(configuration: configuration)
    descriptor = S.descriptor
    patterns = S.patterns
    inspectsOnlyWithMatches = S.inspectsOnlyWithMatches
    readsNormalizedViews = S.readsNormalizedViews
    delegation = S.delegation
    keepsSessionState = S.keepsSessionState
    self.settings = settings ?? StepSettings(descriptor: S.descriptor)
    encodeConfiguration = { StepConfigurationCoding.encode(configuration) }
    inspectClosure = { field, matches, context in step.inspect(field, matches: matches, context: &context) }
    warmUp = { S.warmUp() }
  }

  public var id: String { descriptor.id }

  /// The same step reading other roles (for steps run by another step).
  public func reading(_ roles: Set<FieldRole>) -> AnyStep {
    var copy = self
    copy.settings.reads = roles
    return copy
  }

  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] {
    inspectClosure(field, matches, &context)
  }
}

/// The options every step has, whatever its own configuration.
public struct StepSettings: Sendable, Equatable {
  public var enabled = true
  /// The action for findings; nil uses the step's default.
  public var onDetection: Action?
  /// Candidates scoring below this are dropped.
  public var threshold: Double
  /// Roles the step reads.
  public var reads: Set<FieldRole>

  public init(descriptor: StepDescriptor) {
    threshold = descriptor.defaultThreshold
    reads = descriptor.reads
  }

  /// The keys these settings occupy in a step's config object.
  public static let keys: Set<String> = ["enabled", "on_detection", "threshold"]
}

enum StepConfigurationCoding {
  static func encode<C: Encodable>(_ configuration: C) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(configuration) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
