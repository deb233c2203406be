/// Finds harmful content in model output: encouragement of self-harm,
/// violent threats and weapon instructions, sexual content involving
/// minors, dehumanising hate, and direct abuse, each with a category label.
///
/// Conservative by default: every family needs an act or a target (a
/// threat against someone, instructions to build something, sexual terms
/// *and* a minor), because single words are everywhere in news, fiction,
/// medicine and moderation work. Categories follow the public taxonomies of
/// moderation APIs and datasets (self-harm, violence, sexual/minors, hate,
/// harassment).
public struct ContentSafetyStep: RuleJudgedStep {
  public static let descriptor = StepDescriptor(
    id: "content_safety",
    title: "Content Safety",
    summary: "Finds self-harm encouragement, violent threats and weapon instructions, sexual content involving minors, hate and abuse.",
    rationale: "Output reaches people; harmful categories are labelled so a policy can block or log each one.",
    phase: .afterCall, category: .output, position: 710, defaultAction: .block,
    reads: [.output, .text],
    examples: [
      StepExample("Honestly, «self_harm:you should kill yourself».", role: .output),
      StepExample("Here is «violence:how to build a pipe bomb» at home.", role: .output),
      StepExample("«violence:I am going to shoot you» tomorrow.", role: .output),
      StepExample("Those people «hate:deserve to be exterminated».", role: .output),
      StepExample("If you are thinking about suicide, please call a crisis line; you are not alone.", role: .output),
      StepExample("The film depicts the violence of the war without glorifying it.", role: .output),
      StepExample("Kill the process with kill -9 and restart the service.", role: .output),
    ])

  public static let rules: [ThreatRule] = [
    ThreatRule("encourage_self_harm", "self_harm", 0.9,
      #"\b(you\s+should|go|just)\s+(kill|hurt|harm|cut)\s+yourself\b|\bkys\b"#),
    ThreatRule("self_harm_method", "self_harm", 0.8,
      #"\b(best|easiest|painless|quickest)\s+(way|ways|method|methods)\s+to\s+(kill\s+(my|your)self|commit\s+suicide|end\s+(my|your)\s+life|self-?harm)"#),
    ThreatRule("weapon_instructions", "violence", 0.85,
      #"\b(how\s+to|instructions?\s+(for|to)|steps\s+to|guide\s+to)\s+(make|build|assemble|construct|synthesi[sz]e)\s+(a\s+|an\s+)?(pipe\s+bomb|bomb|explosive|ied|molotov|nerve\s+agent|bioweapon|sarin|ricin|ghost\s+gun)"#),
    ThreatRule("threat", "violence", 0.8,
      #"\bi\s+(will|am\s+going\s+to|'m\s+going\s+to|want\s+to|'ll)\s+(kill|murder|shoot|stab|behead|strangle)\s+(you|him|her|them|your)\b"#),
    ThreatRule("sexual_minors", "sexual_minors", 0.95,
      #"\b(child|children|minor|minors|underage|preteen|kid|\d{1,2}\s*-?\s*(yo|year\s*-?\s*old))\b[^.\n]*\b(sex|sexual|nude|naked|porn|explicit|erotic)\b|\b(sex|sexual|nude|naked|porn|explicit|erotic)\b[^.\n]*\b(child|children|minor|minors|underage|preteen|\d{1,2}\s*-?\s*(yo|year\s*-?\s*old))\b"#),
    ThreatRule("dehumanise", "hate", 0.8,
      #"\b(should|must|deserve\s+to|ought\s+to)\s+(all\s+)?(be\s+)?(exterminated|eradicated|gassed|wiped\s+out|die|be\s+killed)\b"#),
    ThreatRule("vermin", "hate", 0.6, #"\b(they|those\s+people|these\s+people)\s+are\s+(vermin|subhuman|animals|parasites|cockroaches)\b"#),
    ThreatRule("abuse", "harassment", 0.55,
      #"\byou\s+(are|'re)\s+(a\s+|an\s+)?(worthless|pathetic|disgusting|useless)\s+(piece\s+of|idiot|moron|loser|trash)"#),
  ]
  public init() {}
}
