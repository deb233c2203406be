import ArgumentParser

struct TokenDelegateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delegate",
    abstract: "Narrow a token for a sub-agent, offline, with the holder key.",
    discussion: """
      The token (or chain) must name --key's public key in its cnf claim. The
      new link is signed with --key, carries par = SHA-256 of the parent link,
      and may only narrow: every --scope must lie within the parent's scope
      (default: the parent's scope), and it expires at the earlier of now +
      --ttl and the parent's exp. --cnf names the next holder, allowing one
      more delegation. Prints the new chain: parent~child.

      The same checks run again in every verifier, which also enforces
      --max-depth; this command refuses to build a chain that cannot verify.
      """)

  @Option(name: .long, help: ArgumentHelp("The token or chain to narrow; - reads one line from standard input.", valueName: "chain"))
  var token: String
  @Option(name: .long, help: ArgumentHelp("The holder's private key (PKCS#8 PEM) named by the token's cnf.", valueName: "file"))
  var key: String
  @Option(name: .long, help: ArgumentHelp("The sub-agent's id (sub).", valueName: "agent"))
  var sub: String?
  @Option(name: .long, help: ArgumentHelp("Narrowed scope; repeat. Default: the parent's scope.", valueName: "scope"))
  var scope: [String] = []
  @Option(name: .long, help: ArgumentHelp("Lifetime in seconds, capped by the parent's exp.", valueName: "seconds"))
  var ttl: Int64 = 60
  @Option(name: .long, help: ArgumentHelp("Public key (PEM/JWK) of the next holder, to allow further delegation.", valueName: "file"))
  var cnf: String?
  @Option(name: .long, help: ArgumentHelp("Token id of the new link; default: 128 random bits.", valueName: "id"))
  var jti: String?
  @OptionGroup var clock: TokenClockOptions

  func validate() throws {
    try TokenFiles.validateScopes(scope, option: "--scope")
    guard ttl > 0 else { throw ValidationError("--ttl must be positive") }
  }

  func run() throws {
    let chain = try TokenInputs.single(token)
    let holder = try TokenFiles.signingKey(key)
    var request = TokenDelegation.Request(ttl: ttl, now: clock.time, jti: try jti ?? TokenMinter.newJTI())
    request.sub = sub
    request.scope = scope
    if let cnf { request.cnf = try TokenFiles.publicKeys(cnf).first }
    do {
      let result = try TokenDelegation.delegate(chain: chain, holder: holder, request: request)
      try StandardOutput.shared.write(result + [0x0A])
    } catch let rejection as TokenRejection {
      throw ToolError("cannot delegate: \(rejection)", status: .found)
    }
  }
}

/// Token text from an option value, or from standard input for `-`.
enum TokenInputs {
  static func single(_ value: String) throws -> [UInt8] {
    guard value == "-" else { return Array(value.utf8) }
    var reader = LineReader(fd: 0, maxRecordBytes: 1 << 20)
    guard case .record(var bytes, _)? = try reader.next() else { throw ToolError("no token on standard input") }
    while let last = bytes.last, last == 0x0D || last == 0x20 { bytes.removeLast() }
    return bytes
  }

  /// The arguments, or every non-blank line of standard input.
  static func all(_ values: [String]) throws -> [[UInt8]] {
    if !values.isEmpty { return values.map { Array($0.utf8) } }
    var result: [[UInt8]] = []
    var reader = LineReader(fd: 0, maxRecordBytes: 1 << 20)
    while let line = try reader.next() {
      guard case .record(var bytes, _) = line else { continue }
      while let last = bytes.last, last == 0x0D || last == 0x20 { bytes.removeLast() }
      if !bytes.isEmpty { result.append(bytes) }
    }
    return result
  }
}
