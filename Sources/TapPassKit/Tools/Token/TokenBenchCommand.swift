import ArgumentParser
import Glibc

/// `tp-token bench` (hidden): where the time of one verification goes, in
/// process, per phase, so scripts/bench-token can show the split between
/// libcrypto and our parsing. It times; it asserts nothing.
struct TokenBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time the phases of verifying one token (for scripts/bench-token).",
    shouldDisplay: false)

  @Option(name: .long, help: ArgumentHelp("Trusted public key file.", valueName: "file"))
  var key: String
  @Option(name: .long, help: ArgumentHelp("File whose first line is the token or chain to time.", valueName: "file"))
  var token: String
  @Option(name: .long, help: ArgumentHelp("Private key: also time signing and minting.", valueName: "file"))
  var signingKey: String?
  @Option(name: .long, help: ArgumentHelp("Iterations per phase.", valueName: "n"))
  var count: Int = 5000
  @OptionGroup var clock: TokenClockOptions

  func run() throws {
    let keys = try TokenFiles.publicKeys(key)
    let text = Array(try TokenFiles.read(token).prefix { $0 != 0x0A })
    let verifier = TokenVerifier(keys: keys, policy: .init(now: clock.time))
    let first = text.split(separator: TokenVerifier.chainSeparator).first ?? []
    let jws = try TokenJWS.parse(first)
    let input = Array(jws.signingInput)
    let cold = TokenVerifier(keys: keys, policy: .init(now: clock.time), holderKeyCache: false)
    var phases: [(String, () -> Void)] = []
    if let signingKey {
      let signer = try TokenFiles.signingKey(signingKey)
      let minter = TokenMinter(key: signer)
      let (claims, _) = try TokenClaims.parse(jws.payload)
      phases += [
        ("sign_only", { _ = try? signer.signature(for: input) }),
        ("mint", { _ = try? minter.mint(claims) }),
      ]
    }
    phases += [
      ("signature_only", { _ = keys[0].isValidSignature(jws.signature, for: input) }),
      ("jws_parse", { _ = try? TokenJWS.parse(first) }),
      ("claims_parse", { _ = try? TokenClaims.parse(jws.payload) }),
      ("verify", { _ = try? verifier.verify(text) }),
      ("verify_cold_holder_keys", { _ = try? cold.verify(text) }),
    ]
    var out = TokenJSONOutput()
    for (name, body) in phases {
      let start = Self.cpuSeconds()
      for _ in 0..<count { body() }
      let micros = (Self.cpuSeconds() - start) / Double(count) * 1e6
      out.reset()
      out.begin()
      out.string("phase", name)
      out.double("us_per_op", micros)
      out.end()
      out.bytes.append(0x0A)
      try StandardOutput.shared.write(out.bytes)
    }
  }

  static func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}
