import ArgumentParser

struct TokenInspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Decode tokens WITHOUT verifying them (marked unverified).",
    discussion: """
      For humans debugging a token or chain: prints one JSON object per token
      with "verified":false and a warning, each link's header (alg, typ, kid;
      other parameters by name only), claims, and the signature as a length
      and an 8-character preview. cnf keys are shown as their thumbprint.
      Nothing here is checked: use `verify` for decisions.

      Exit status: 0 when every token decoded, 1 when one did not.
      """)

  @Argument(help: "Tokens or chains; read from standard input (one per line) when none.")
  var tokens: [String] = []

  func run() throws {
    var failed = false
    for token in try TokenInputs.all(tokens) {
      let (json, ok) = TokenInspection.describe(token)
      failed = failed || !ok
      try StandardOutput.shared.write(json + [0x0A])
    }
    if failed { throw ExitStatus.found.exitCode }
  }
}
