import ArgumentParser
import Foundation
import Testing
@testable import TapPassKit

/// Files, storage, encoding and command-line contracts of tp-token (the
/// end-to-end runs of the binary are in Tests/interop).
@Suite struct TokenToolTests {
  typealias F = TokenFixtures

  func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "tp-token-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func tokenPrivateKeyFileIs0600AndNeverOverwritten() throws {
    let directory = try temporaryDirectory()
    let path = directory + "/k.key.pem"
    let pem = try F.es256.pkcs8PEM
    try pem.withUnsafeBytes { try TokenFiles.create(path, mode: 0o600, bytes: $0) }
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect(throws: ToolError.self) { try TokenFiles.create(path, mode: 0o600, text: "x") }
    // A symlink planted at the path is not followed.
    try FileManager.default.createSymbolicLink(atPath: directory + "/link.pem", withDestinationPath: directory + "/target")
    #expect(throws: ToolError.self) { try TokenFiles.create(directory + "/link.pem", mode: 0o600, text: "x") }
    #expect(!FileManager.default.fileExists(atPath: directory + "/target"))
    let loaded = try TokenFiles.signingKey(path)
    #expect(loaded.publicKey.kid == F.es256.publicKey.kid)
  }

  @Test(arguments: [
    ["verify", "token"],
    ["verify", "--key", "k", "--leeway", "-1", "t"],
    ["mint", "--key", "k", "--ceiling", "secret"],
    ["mint", "--key", "k", "--health", "2"],
    ["mint", "--key", "k", "--scope", "read file"],
    ["keygen", "--alg", "HS256", "--out", "x"],
    ["delegate", "--token", "t", "--key", "k", "--ttl", "0"],
    ["revoke", "--db", "x"],
  ])
  func tokenUsageErrorsExit64(arguments: [String]) {
    do {
      _ = try TokenCommand.parseAsRoot(arguments)
      Issue.record("\(arguments) should be a usage error")
    } catch {
      #expect(TokenCommand.exitCode(for: error).rawValue == 64, "\(arguments)")
    }
  }

  @Test func tokenEverySubcommandHasHelp() {
    for command in TokenCommand.configuration.subcommands {
      #expect(!command.configuration.abstract.isEmpty)
      let help = TokenCommand.helpMessage(for: command)
      #expect(help.contains("USAGE"))
    }
  }

  @Test func tokenTTLConfigTakesShortestOperation() {
    let config = TokenTTLConfig(default: 60, operations: ["read_file": 300, "http_get": 30])
    #expect(config.ttl(for: ["read_file:/a"]) == 300)
    #expect(config.ttl(for: ["read_file:/a", "http_get:x"]) == 30)
    #expect(config.ttl(for: ["shell:ls"]) == 60)
  }

  @Test func tokenRevocationStoreAndSignedList() throws {
    let path = try temporaryDirectory() + "/revocations.sqlite"
    let store = try TokenRevocationStore(path: path)
    try store.revoke(jti: "b", at: F.now, reason: "test")
    try store.revoke(jti: "a'; DROP TABLE revoked; --", at: F.now, reason: nil)
    try store.revoke(jti: "b", at: F.now + 1, reason: "again")
    #expect(try TokenRevocationStore(path: path).revokedJTIs() == ["a'; DROP TABLE revoked; --", "b"])
    let list = try TokenRevocationList.export(jtis: try store.revokedJTIs(), issuer: "tappass", now: F.now, key: F.es256)
    #expect(try TokenRevocationList.load(list, keys: [F.es256.publicKey]) == ["a'; DROP TABLE revoked; --", "b"])
    // Signed by another key, or tampered: refused.
    #expect(throws: TokenRejection.self) { try TokenRevocationList.load(list, keys: [F.eddsa.publicKey]) }
    var tampered = list
    tampered[tampered.count / 2] ^= 1
    #expect(throws: TokenRejection.self) { try TokenRevocationList.load(tampered, keys: [F.es256.publicKey]) }
    // Readers never create a store: a mistyped path is an error.
    #expect(throws: TokenRevocationStore.StoreError.self) {
      try TokenRevocationStore(path: path + ".typo", readOnly: true)
    }
    #expect(!FileManager.default.fileExists(atPath: path + ".typo"))
    #expect(try TokenRevocationStore(path: path, readOnly: true).revokedJTIs().count == 2)
    // A token is not a revocation list.
    #expect(throws: TokenRejection.self) { try TokenRevocationList.load(Array(F.mint().utf8), keys: [F.es256.publicKey]) }
  }

  @Test func tokenInspectNeverPrintsSignatureOrKey() throws {
    let chain = try F.chain()
    let (json, ok) = TokenInspection.describe(Array(chain.utf8))
    let text = String(decoding: json, as: UTF8.self)
    #expect(ok)
    #expect(text.contains("UNVERIFIED"))
    for link in chain.split(separator: "~") {
      #expect(!text.contains(String(link.split(separator: ".")[2])))
    }
    let x = try TokenPublicKey.requiredMembers(F.holder.publicKey.material)[2].1
    #expect(!text.contains(x))
    #expect(text.contains(F.holder.publicKey.kid))
  }

  @Test func tokenBase64URLIsStrict() {
    for length in 0..<10 {
      let bytes = (0..<length).map { UInt8(($0 * 37 + 11) & 0xFF) }
      #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
    }
    #expect(Base64URL.decode("Zm9v") == Array("foo".utf8))
    #expect(Base64URL.decode("Zm8") == Array("fo".utf8))
    #expect(Base64URL.decode("Zm8=") == nil)
    #expect(Base64URL.decode("Zm9") == nil)     // trailing bits set
    #expect(Base64URL.decode("Z") == nil)       // 1 mod 4
    #expect(Base64URL.decode("Zm+v") == nil)    // standard alphabet
    #expect(Base64URL.decode("Zm 9v") == nil)
  }

  @Test func tokenMintedClaimsRoundTrip() throws {
    var claims = F.claims(cnf: F.holder.publicKey)
    claims.aud = ["a", "b"]
    let (parsed, _) = try TokenClaims.parse(claims.json())
    #expect(parsed == claims)
  }
}
