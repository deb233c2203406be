/// The facts health, drift and metrics keep about one appended record,
/// extracted once at append time (so reads never re-parse the trail).
public struct Observation: Sendable, Equatable {
  public enum DataClass: String, Sendable, CaseIterable { case pii, secret, infra, business }

  public var blocked = false
  public var error = false
  /// Findings as (step, type).
  public var findings: [Finding] = []
  public var tool: String?
  public var model: String?
  public var session: String?
  public var tokens: Double?

  public struct Finding: Sendable, Equatable, Hashable {
    public var step: String
    public var type: String
  }

  public init() {}

  public init(view: RecordView) {
    blocked = view.isBlocked
    error = view.isError
    findings = view.findings.map { Finding(step: $0.step, type: $0.type) }
    tool = view.tool
    model = view.model
    session = view.session
    tokens = view.tokens
  }

  /// Data classes touched, from each finding's step (the step ids of the
  /// detectors, e.g. `detect_pii`, `detect_secrets`, `detect_infra`).
  public var dataClasses: Set<DataClass> {
    var classes = Set<DataClass>()
    for finding in findings {
      let step = finding.step.lowercased()
      if step.contains("secret") { classes.insert(.secret) }
      else if step.contains("pii") || step.contains("scan_output") || step.contains("taint") { classes.insert(.pii) }
      else if step.contains("infra") { classes.insert(.infra) }
      else if step.contains("business") || step.contains("classify") { classes.insert(.business) }
    }
    return classes
  }

  /// Findings from attack detectors (injection, escalation, poisoning,
  /// exfiltration, insider threat, code execution, unicode, tool abuse).
  public var securityFindings: Int {
    let markers = ["injection", "escalation", "poison", "exfil", "insider", "code_exec", "unicode", "tool", "shell", "forbidden", "loop"]
    return findings.filter { finding in markers.contains { finding.step.lowercased().contains($0) } }.count
  }
}
