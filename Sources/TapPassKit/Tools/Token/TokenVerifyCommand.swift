import ArgumentParser

struct TokenVerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Verify tokens or delegation chains; print one JSON verdict each.",
    discussion: """
      Tokens come from the arguments, or one per line on standard input (a
      delegation chain is one line: links joined by ~). Each gets one JSON
      line: {"type":"verdict","v":1,"valid":true,...} or, when rejected,
      "valid":false with a stable "reason" code and a "message". Verdicts
      never echo the token; a rejected one is named by "token", a short
      SHA-256 fingerprint, a valid one by its jti.

      The algorithm always comes from the trusted key (--key/--jwks), never
      from the token header. exp, nbf and iat are checked against --now (or
      the clock) with --leeway; --aud and --iss must match when given;
      every --require scope must be granted by the leaf's scope (globs:
      * within one path segment, ** across segments, ? one character).

      Exit status: 0 all valid, 1 at least one rejected, 2 error (bad key
      file, unreadable input), 64 usage error.
      """)

  @Argument(help: "Tokens or chains; read from standard input (one per line) when none.")
  var tokens: [String] = []
  @Option(name: .long, help: ArgumentHelp("Trusted public key: PEM, JWK or JWK Set file; repeat for several.", valueName: "file"))
  var key: [String] = []
  @Option(name: .long, help: ArgumentHelp("Trusted JWK Set file; repeat for several.", valueName: "file"))
  var jwks: [String] = []
  @Option(name: .long, help: ArgumentHelp("Required audience (aud).", valueName: "audience"))
  var aud: String?
  @Option(name: .long, help: ArgumentHelp("Required issuer (iss) of the root token.", valueName: "issuer"))
  var iss: String?
  @Option(name: .long, help: ArgumentHelp("Scope the token must grant, e.g. read_file:/workspace/a.txt; repeat.", valueName: "scope"))
  var require: [String] = []
  @Option(name: .long, help: ArgumentHelp("Tolerated clock skew for exp, nbf and iat.", valueName: "seconds"))
  var leeway: Int64 = 30
  @Option(name: .long, help: ArgumentHelp("Most delegation links after the root.", valueName: "links"))
  var maxDepth: Int = 4
  @Option(name: .long, help: ArgumentHelp("Signed revocation list (from `revocations export`), verified with the trusted keys.", valueName: "file"))
  var revocations: [String] = []
  @Option(name: .long, help: ArgumentHelp("Revocation database (SQLite) to read revoked jtis from.", valueName: "file"))
  var revocationDB: String?
  @OptionGroup var clock: TokenClockOptions

  func validate() throws {
    guard !key.isEmpty || !jwks.isEmpty else { throw ValidationError("give at least one --key or --jwks") }
    guard leeway >= 0, leeway <= 3600 else { throw ValidationError("--leeway must be between 0 and 3600") }
    guard (0...16).contains(maxDepth) else { throw ValidationError("--max-depth must be between 0 and 16") }
    try TokenFiles.validateScopes(require, option: "--require")
  }

  func run() throws {
    var keys: [TokenPublicKey] = []
    var kids = Set<String>()
    for path in key + jwks {
      for loaded in try TokenFiles.publicKeys(path) {
        guard kids.insert(loaded.kid).inserted else { throw ToolError("\(path): duplicate kid \(loaded.kid)") }
        keys.append(loaded)
      }
    }
    var policy = TokenVerifier.Policy(now: clock.time)
    policy.leeway = leeway
    policy.audience = aud
    policy.issuer = iss
    policy.requiredScopes = require
    policy.maxDepth = maxDepth
    for path in revocations {
      do { policy.revoked.formUnion(try TokenRevocationList.load(try TokenFiles.read(path), keys: keys)) } catch let rejection as TokenRejection {
        throw ToolError("\(path): revocation list refused: \(rejection)")
      }
    }
    if let revocationDB {
      policy.revoked.formUnion(try TokenRevokeCommand.withStore(revocationDB, readOnly: true) { store throws(TokenRevocationStore.StoreError) in
        try store.revokedJTIs()
      })
    }
    var session = TokenVerifySession(verifier: TokenVerifier(keys: keys, policy: policy))
    if tokens.isEmpty {
      try session.verifyLines(fd: 0)
    } else {
      for (index, token) in tokens.enumerated() { try session.verify(Array(token.utf8)[...], line: index + 1) }
    }
    try StandardOutput.shared.flush()
    if session.rejected > 0 { throw ExitStatus.found.exitCode }
  }
}

/// The verify loop and its verdict lines, apart from option parsing so the
/// benchmark mode and tests drive the same code.
struct TokenVerifySession {
  let verifier: TokenVerifier
  var output = StandardOutput.shared
  var rejected = 0
  var accepted = 0
  /// Reused for every verdict line.
  private var verdict = TokenJSONOutput()

  init(verifier: TokenVerifier) { self.verifier = verifier }

  mutating func verifyLines(fd: Int32) throws {
    var reader = LineReader(fd: fd, maxRecordBytes: 1 << 20)
    while let line = try reader.next() {
      switch line {
      case .tooLarge(let number, let size):
        try write(.failure(TokenRejection(.tooLarge, "line of \(size) bytes")), token: [], line: number)
      case .record(let bytes, let number):
        var text = bytes[...]
        while let last = text.last, last == 0x0D || last == 0x20 || last == 0x09 { text = text.dropLast() }
        while let first = text.first, first == 0x20 || first == 0x09 { text = text.dropFirst() }
        if text.isEmpty { continue }
        try verify(text, line: number)
      }
    }
  }

  mutating func verify(_ token: ArraySlice<UInt8>, line: Int) throws {
    let outcome: Result<TokenVerifier.Verified, TokenRejection>
    do { outcome = .success(try verifier.verify(slice: token)) } catch { outcome = .failure(error) }
    try write(outcome, token: token, line: line)
  }

  private mutating func write(_ outcome: Result<TokenVerifier.Verified, TokenRejection>, token: ArraySlice<UInt8>, line: Int) throws {
    verdict.reset()
    verdict.begin()
    verdict.string("type", "verdict")
    verdict.int("v", 1)
    verdict.int("line", Int64(line))
    switch outcome {
    case .success(let verified):
      accepted += 1
      let leaf = verified.leaf
      verdict.bool("valid", true)
      verdict.string("sub", leaf.sub)
      verdict.string("jti", leaf.jti)
      verdict.string("iss", verified.root.iss)
      verdict.string("kid", verified.kid)
      verdict.int("depth", Int64(verified.depth))
      verdict.int("exp", verified.expires)
      verdict.strings("scope", leaf.scope)
    case .failure(let rejection):
      rejected += 1
      verdict.bool("valid", false)
      verdict.string("reason", rejection.reason.rawValue)
      verdict.string("message", rejection.message)
      verdict.int("link", Int64(rejection.link))
      // Valid verdicts are identified by jti; a rejected token may have
      // none, so it gets a fingerprint (hashing every valid token would
      // cost a few percent of a verification).
      verdict.string("token", TokenInspection.fingerprint(token))
    }
    verdict.end()
    verdict.bytes.append(0x0A)
    try output.write(verdict.bytes)
  }
}
