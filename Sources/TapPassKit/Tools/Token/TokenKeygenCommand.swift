import ArgumentParser

struct TokenKeygenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keygen",
    abstract: "Generate a signing key pair (ES256 or EdDSA).",
    discussion: """
      Writes three files next to PREFIX:
        PREFIX.key.pem    the private key, PKCS#8 PEM, mode 0600
        PREFIX.pub.pem    the public key, SPKI PEM
        PREFIX.jwks.json  the public key as a JWK Set, kid = RFC 7638 thumbprint
      No file is ever overwritten: if any exists, nothing is written and the
      status is 2. Prints one JSON line with the kid and the paths; the key
      itself is never printed.
      """)

  @Option(name: .long, help: ArgumentHelp("Signature algorithm: ES256 (P-256) or EdDSA (Ed25519).", valueName: "alg"))
  var alg: String = "ES256"

  @Option(name: .long, help: ArgumentHelp("Path prefix of the files to write.", valueName: "prefix"))
  var out: String

  func validate() throws {
    guard TokenAlgorithm(rawValue: alg) != nil else { throw ValidationError("--alg must be ES256 or EdDSA") }
  }

  func run() throws {
    let paths = (key: out + ".key.pem", pub: out + ".pub.pem", jwks: out + ".jwks.json")
    for path in [paths.key, paths.pub, paths.jwks] where TokenFiles.exists(path) {
      throw ToolError("\(path) exists; refusing to overwrite it")
    }
    let key = try TokenSigningKey.generate(TokenAlgorithm(rawValue: alg)!)
    let pem = try key.pkcs8PEM
    try pem.withUnsafeBytes { try TokenFiles.create(paths.key, mode: 0o600, bytes: $0) }
    try TokenFiles.create(paths.pub, mode: 0o644, text: try key.publicKey.pem)
    let jwks = try TokenPublicKey.jwks([key.publicKey])
    try TokenFiles.create(paths.jwks, mode: 0o644, text: String(decoding: jwks, as: UTF8.self) + "\n")
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("kid"); writer.string(key.publicKey.kid)
    writer.key("alg"); writer.string(key.algorithm.rawValue)
    writer.key("private_key"); writer.string(paths.key)
    writer.key("public_key"); writer.string(paths.pub)
    writer.key("jwks"); writer.string(paths.jwks)
    writer.endObject()
    try StandardOutput.shared.write(writer.bytes + [0x0A])
  }
}
