/// Applies the registered data-protection steps (category
/// `data_protection`: personal data, secrets, infrastructure, business
/// data, Unicode attacks) to the model's response, so what the model says
/// is held to the same rules as what it was sent. Findings carry the inner
/// step's type, name it in `category`, and are marked as output findings.
///
/// Why by category: the data-protection steps are written separately; this
/// step picks up whatever is registered in that category instead of naming
/// them. The engine runs them on its one scan of the field, with their
/// configuration when they are selected too (their defaults otherwise), and
/// skips those that already read responses themselves, so a value is
/// reported once.
public struct ScanOutputStep: DelegatingStep {
  public static let descriptor = StepDescriptor(
    id: "scan_output",
    title: "Scan Output",
    summary: "Applies the data-protection steps to the model's response and marks the findings as output findings.",
    rationale: "A response can leak what the request was never allowed to carry; output gets the same data-protection checks.",
    phase: .afterCall, category: .output, position: 700, defaultAction: .redact,
    reads: [.output, .text],
    examples: [
      StepExample("Sure: pay«invisible:\u{200B}\u{200B}»pal login", role: .output),
      StepExample("The deployment finished without errors.", role: .output),
    ])

  public static let delegation: StepDelegation? = StepDelegation(categories: [.dataProtection])

  public init(configuration: NoConfiguration) {}
}
