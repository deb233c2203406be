/// Finds credentials: cloud keys, VCS and SaaS tokens, private keys, JWTs,
/// connection strings and URLs with passwords, auth headers, passwords in
/// configuration, and high-entropy values under secret-ish keys.
///
/// Why it is built this way: every rule is anchored in the shared Hyperscan
/// database on something distinctive (a vendor prefix, a key word followed
/// by an assignment operator, a structural marker), so a field without any
/// of them costs one database pass and nothing else. Matches are then
/// proven in Swift on bytes: the token is extended over its alphabet and
/// checked for boundaries, length and the format's checksum or layout; a
/// keyed value is extracted from its quotes and judged by what its key
/// says, its entropy and character mix, and a placeholder list (`EXAMPLE`,
/// `xxxx`, `${VAR}`, `{{ … }}`, `your_api_key`, sequential runs). Once a
/// field holds a credential, the identifier half of its pair next to it
/// (`client_id` beside `client_secret`) is reported too. The rule
/// table is `Secrets/SecretRules.swift`; each validator lives in its own
/// file there with the reasoning behind it.
public struct DetectSecretsStep: Step {
  public struct Configuration: StepConfiguration {
    /// Minimum Shannon entropy (bits per character) of a value under a
    /// secret-ish key (`token`, `secret`, `api_key`).
    public var minEntropy = 3.0
    /// Minimum length of a value under a secret-ish key.
    public var minLength = 12
    /// Minimum length of a value under a password key.
    public var minPasswordLength = 6
    /// More words that mark a value as a stand-in (case-insensitive).
    public var extraPlaceholders: [String] = []
    /// Finding types not to report (e.g. `jwt`).
    public var disabledTypes: [String] = []
    /// Also report very random values under keys that do not name a secret
    /// (`sourcegraph: <40 hex>`), at a lower score.
    public var unkeyedAssignments = true
    /// Vendor-specific rules: token formats with a vendor prefix, webhook
    /// hosts, `.npmrc` and Azure SAS lines, and key words that name a
    /// vendor. Off, only the generic detectors run (keyed values, URL
    /// credentials, private keys, JWTs, auth headers); `scripts/eval
    /// --generic-only` turns them off to estimate recall on vendors no
    /// rule knows.
    public var vendorRules = true

    public init() {}

    enum CodingKeys: String, CodingKey {
      case minEntropy = "min_entropy"
      case minLength = "min_length"
      case minPasswordLength = "min_password_length"
      case extraPlaceholders = "extra_placeholders"
      case disabledTypes = "disabled_types"
      case unkeyedAssignments = "unkeyed_assignments"
      case vendorRules = "vendor_rules"
    }
  }

  public static let descriptor = StepDescriptor(
    id: "detect_secrets",
    title: "Detect Secrets",
    summary: "Finds API keys, tokens, private keys, JWTs, connection strings and passwords in requests and responses.",
    rationale: "A credential pasted into a prompt or returned by a tool leaves the organisation with the request; vendor formats are validated by checksum or layout, other values by their key, entropy and a placeholder list.",
    phase: .beforeCall, category: .dataProtection, position: 220, defaultAction: .block,
    reads: FieldRole.request.union([.output]),
    examples: DetectSecretsExamples.all)

  public static let patterns: [PatternSpec] = SecretRules.patterns

  let inspector: SecretInspector

  public init(configuration: Configuration) {
    inspector = SecretInspector(configuration: configuration)
  }

  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] {
    inspector.inspect(field.bytes, matches)
  }
}
