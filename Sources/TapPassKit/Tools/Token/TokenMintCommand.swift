import ArgumentParser
import Foundation

/// Per-operation lifetimes (`--ttl-config`): the token lives as long as the
/// shortest lifetime among the tools its scope names.
struct TokenTTLConfig: Codable {
  /// Lifetime for tools not listed, in seconds.
  var `default`: Int64 = 60
  /// Tool name → lifetime in seconds.
  var operations: [String: Int64] = [:]

  func ttl(for scope: [String]) -> Int64 {
    let tools = scope.map { $0.split(separator: ":", maxSplits: 1).first.map(String.init) ?? $0 }
    return tools.map { operations[$0] ?? self.default }.min() ?? self.default
  }

  static func load(_ path: String) throws -> TokenTTLConfig {
    do {
      return try JSONDecoder().decode(TokenTTLConfig.self, from: Data(TokenFiles.read(path, limit: 1 << 20)))
    } catch let error as ToolError {
      throw error
    } catch {
      throw ToolError("\(path): not a TTL config ({\"default\":60,\"operations\":{\"tool\":30}})")
    }
  }
}

struct TokenMintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mint",
    abstract: "Mint a signed capability token (compact JWS).",
    discussion: """
      The algorithm comes from --key (ES256 or EdDSA); the header carries the
      key's kid. Claims: iss, sub, aud, org, scope, iat, nbf, exp, jti and the
      governance claims tier, health and ceiling; --cnf names the public key
      of a holder allowed to delegate (RFC 7800). The lifetime is --ttl, or
      the shortest per-tool lifetime of --ttl-config, or 60 seconds.

      With --batch, reads JSON Lines on standard input, one token per line:
      each object may set sub, scope (array), aud, jti and ttl; the options
      give the rest. Writes one token per line.
      """)

  @Option(name: .long, help: ArgumentHelp("Private key file (PKCS#8 PEM).", valueName: "file"))
  var key: String
  @Option(name: .long, help: ArgumentHelp("kid header; default: the key's RFC 7638 thumbprint.", valueName: "kid"))
  var kid: String?
  @Option(name: .long, help: ArgumentHelp("Issuer (iss).", valueName: "issuer"))
  var iss: String?
  @Option(name: .long, help: ArgumentHelp("Agent id (sub).", valueName: "agent"))
  var sub: String?
  @Option(name: .long, help: ArgumentHelp("Audience (aud); repeat for several.", valueName: "audience"))
  var aud: [String] = []
  @Option(name: .long, help: ArgumentHelp("Organisation (org).", valueName: "org"))
  var org: String?
  @Option(name: .long, help: ArgumentHelp("Granted scope tool:resource-glob; repeat (e.g. read_file:/workspace/**).", valueName: "scope"))
  var scope: [String] = []
  @Option(name: .long, help: ArgumentHelp("Lifetime in seconds (overrides --ttl-config).", valueName: "seconds"))
  var ttl: Int64?
  @Option(name: .long, help: ArgumentHelp("JSON file of per-tool lifetimes.", valueName: "file"))
  var ttlConfig: String?
  @Option(name: .long, help: ArgumentHelp("Trust tier (tier).", valueName: "tier"))
  var tier: String?
  @Option(name: .long, help: ArgumentHelp("Health score in [0, 1] (health).", valueName: "score"))
  var health: Double?
  @Option(name: .long, help: ArgumentHelp("Classification ceiling: public, internal, confidential, restricted.", valueName: "level"))
  var ceiling: String?
  @Option(name: .long, help: ArgumentHelp("Public key (PEM/JWK) of the holder allowed to delegate (cnf).", valueName: "file"))
  var cnf: String?
  @Option(name: .long, help: ArgumentHelp("Token id (jti); default: 128 random bits.", valueName: "id"))
  var jti: String?
  @Flag(name: .long, help: "Mint one token per JSON Lines record on standard input.")
  var batch = false
  @OptionGroup var clock: TokenClockOptions

  func validate() throws {
    try TokenFiles.validateScopes(scope, option: "--scope")
    if let health, !(0...1).contains(health) { throw ValidationError("--health must be in [0, 1]") }
    if let ceiling, !TokenClaims.classifications.contains(ceiling) {
      throw ValidationError("--ceiling must be one of \(TokenClaims.classifications.joined(separator: ", "))")
    }
    if let ttl, ttl <= 0 { throw ValidationError("--ttl must be positive") }
    if batch, jti != nil { throw ValidationError("--jti names one token; in --batch give jti per record") }
  }

  func run() throws {
    let signingKey = try TokenFiles.signingKey(key)
    let minter = TokenMinter(key: signingKey, kid: kid)
    let ttlConfig = try self.ttlConfig.map(TokenTTLConfig.load)
    var base = TokenClaims()
    base.iss = iss
    base.sub = sub
    base.aud = aud
    base.org = org
    base.scope = scope
    base.tier = tier
    base.health = health
    base.ceiling = ceiling
    if let cnf {
      guard let holder = try TokenFiles.publicKeys(cnf).first else { throw ToolError("\(cnf): no key") }
      base.cnf = holder
    }
    let output = StandardOutput.shared
    func mintOne(_ claims: TokenClaims, ttl explicit: Int64?) throws {
      var claims = claims
      let now = clock.time
      claims.iat = now
      claims.nbf = now
      claims.exp = now + (explicit ?? ttl ?? ttlConfig?.ttl(for: claims.scope) ?? 60)
      if claims.jti == nil { claims.jti = try TokenMinter.newJTI() }
      try output.write(try minter.mint(claims))
      try output.write(CollectionOfOne(0x0A))
    }
    guard batch else {
      base.jti = jti
      try mintOne(base, ttl: nil)
      return
    }
    var reader = LineReader(fd: 0, maxRecordBytes: 1 << 16)
    while let line = try reader.next() {
      guard case .record(let bytes, let number) = line else { throw ToolError("input record too large") }
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
      let (claims, ttl) = try Self.overrides(base, bytes, line: number)
      try mintOne(claims, ttl: ttl)
    }
  }

  /// Applies one batch record's `sub`, `scope`, `aud`, `jti`, `ttl`.
  static func overrides(_ base: TokenClaims, _ bytes: [UInt8], line: Int) throws -> (TokenClaims, Int64?) {
    var claims = base
    do {
      let document = try TokenJSON.parseObject(bytes, depth: 4, what: "record")
      var ttl: Int64?
      for member in document.children(of: 0) {
        let name = TokenJSON.name(document, member)
        switch name {
        case "sub": claims.sub = try TokenJSON.string(document, member, name)
        case "jti": claims.jti = try TokenJSON.string(document, member, name)
        case "scope": claims.scope = try TokenClaims.stringList(document, member, name)
        case "aud": claims.aud = try TokenClaims.stringList(document, member, name)
        case "ttl": ttl = try TokenClaims.numericDate(document, member, name)
        default: throw ToolError("line \(line): unknown member \(name) (sub, scope, aud, jti, ttl)")
        }
      }
      for entry in claims.scope { if let problem = TokenScope.problem(entry) { throw ToolError("line \(line): \(problem)") } }
      return (claims, ttl)
    } catch let rejection as TokenRejection {
      throw ToolError("line \(line): \(rejection.message)")
    }
  }
}
