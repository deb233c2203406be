import ArgumentParser

/// Entry point of `tp-token`: capability tokens (ES256/EdDSA JWS) with
/// offline delegation chains and revocation. The format is specified in
/// docs/token-format.md; the logic lives in Sources/TapPassKit/Token.
public enum TokenTool {
  public static func main(_ arguments: [String]) -> Int32 {
    ToolRunner.run(TokenCommand.self, arguments: arguments)
  }
}

struct TokenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tp-token",
    abstract: "Capability tokens for AI agents: mint, verify, delegate, revoke.",
    discussion: """
      Tokens are compact JWS (ES256 or EdDSA) that say which agent may call
      which tools with which operations, for how long. They verify offline
      in microseconds; a holder can narrow a token for a sub-agent without
      the issuer (delegate), and issuers revoke by jti.

      Exit status: 0 valid (or done), 1 at least one token rejected, 2 error,
      64 usage error. See docs/token-format.md.
      """,
    version: TapPassVersion.string,
    subcommands: [
      TokenKeygenCommand.self, TokenMintCommand.self, TokenVerifyCommand.self,
      TokenDelegateCommand.self, TokenRevokeCommand.self, TokenRevocationsCommand.self,
      TokenInspectCommand.self, TokenBenchCommand.self,
    ])
}
