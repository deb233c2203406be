/// Finds infrastructure identifiers that map an organisation's network and
/// cloud estate: IP addresses (private and public), IPv6 and MAC addresses,
/// host names (internal suffixes, Kubernetes service DNS, bare FQDNs),
/// database endpoints, AWS ARNs and resource ids, S3 bucket URLs, Azure
/// resource ids and GCP resource paths.
///
/// Why patterns plus validators: the patterns only locate cheap anchors
/// (`arn:`, `/subscriptions/`, a dotted quad, a colon group, a dotted name);
/// the validators decide with real rules — octets ≤ 255, IPv6 group grammar,
/// the Public Suffix List's top-level domains — which is what separates
/// `10.2.0.14` from version `1.2.0.14`-style strings and `db1.corp` from
/// `setup.cfg` or `nova.compute.manager`. Host names inside URLs to public
/// sites are not reported (a documentation link maps nothing); internal
/// names and addresses are reported wherever they appear.
public struct DetectInfraStep: Step {
  public struct Configuration: StepConfiguration {
    /// Report public IPv4 addresses (private ones are always reported).
    public var publicIPs = true
    /// Report bare public host names (FQDNs with a known top-level domain).
    public var fqdns = true
    /// Extra internal domain suffixes, e.g. `acme.net`.
    public var internalSuffixes: [String] = []
    public init() {}
    enum CodingKeys: String, CodingKey {
      case publicIPs = "public_ips", fqdns, internalSuffixes = "internal_suffixes"
    }
  }

  public static let descriptor = StepDescriptor(
    id: "detect_infra",
    title: "Detect Infrastructure Identifiers",
    summary: "Finds IP addresses, internal host names, cloud resource ids, ARNs and bucket URLs.",
    rationale: "Addresses and resource ids sent to a model or a tool map the estate for an attacker and tie a request to an organisation.",
    phase: .beforeCall, category: .dataProtection, position: 230, defaultAction: .redact,
    reads: FieldRole.request.union([.output]),
    examples: DetectInfraStep.exampleList)

  let configuration: Configuration
  let internalSuffixes: [[UInt8]]

  public init(configuration: Configuration) {
    self.configuration = configuration
    internalSuffixes = (InfraRules.internalSuffixes + configuration.internalSuffixes.map { $0.lowercased() }).map { Array($0.utf8) }
  }

  public static let patterns: [PatternSpec] = InfraRules.patterns

  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] {
    var candidates: [Candidate] = []
    var seen = Set<Int>()
    for match in matches {
      guard let rule = InfraRules.Rule(rawValue: match.pattern) else { continue }
      guard let candidate = InfraValidators.validate(rule, field.bytes, match, internalSuffixes: internalSuffixes, configuration: configuration) else { continue }
      if seen.insert(candidate.start &* 31 &+ candidate.end).inserted { candidates.append(candidate) }
    }
    return candidates
  }
}
