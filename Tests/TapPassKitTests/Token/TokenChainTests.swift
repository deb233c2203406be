import Testing
@testable import TapPassKit

/// Delegation chains: every narrowing rule and every way a chain can break.
@Suite struct TokenChainTests {
  typealias F = TokenFixtures

  /// Signs an arbitrary child under `parent` (bypassing the delegate-side
  /// checks, as an attacker would).
  func forgeChild(
    _ chain: String, key: TokenSigningKey = F.holder, edit: (inout TokenClaims) -> Void
  ) throws -> String {
    let parentText = Array(chain.split(separator: "~").last!.utf8)
    var child = TokenClaims()
    child.sub = "sub-agent"
    child.scope = ["read_file:/workspace/src/*"]
    child.iat = F.now
    child.nbf = F.now
    child.exp = F.now + 60
    child.jti = "jti-forged"
    child.par = String(decoding: TokenVerifier.parentHash(parentText), as: UTF8.self)
    edit(&child)
    let link = try TokenJWS.sign(header: TokenJWS.header(for: key, kid: nil), payload: child.json(), key: key)
    return chain + "~" + String(decoding: link, as: UTF8.self)
  }

  func root() -> String { F.mint(F.claims(scope: ["read_file:/workspace/**"], ttl: 600, cnf: F.holder.publicKey)) }

  @Test func tokenChainVerifies() throws {
    let chain = try F.chain()
    let verified = try F.verifier { $0.requiredScopes = ["read_file:/workspace/src/main.swift"] }.verify(Array(chain.utf8))
    #expect(verified.depth == 1)
    #expect(verified.leaf.sub == "sub-agent")
    #expect(verified.root.iss == "tappass")
    #expect(verified.expires == F.now + 60)
    #expect(F.reason(chain) { $0.requiredScopes = ["read_file:/workspace/README.md"] } == .scopeNotGranted)
  }

  @Test func tokenChainTwoLevels() throws {
    let one = try F.chain(nextHolder: F.holder2.publicKey)
    var request = TokenDelegation.Request(ttl: 30, now: F.now, jti: "jti-grandchild")
    request.scope = ["read_file:/workspace/src/a.swift"]
    let two = String(decoding: try TokenDelegation.delegate(chain: Array(one.utf8), holder: F.holder2, request: request), as: UTF8.self)
    #expect(F.reason(two) == nil)
    #expect(F.reason(two) { $0.maxDepth = 1 } == .chainTooDeep)
  }

  @Test func tokenChainRejectsOverDeep() throws {
    let chain = try F.chain()
    #expect(F.reason(chain) { $0.maxDepth = 0 } == .chainTooDeep)
    let deep = chain + String(repeating: "~x.y.z", count: 20)
    #expect(F.reason(deep) == .chainTooDeep)
  }

  @Test func tokenChainRejectsWidening() throws {
    let widened = try forgeChild(root()) { $0.scope = ["read_file:/**"] }
    #expect(F.reason(widened) == .chainWidened)
    let otherTool = try forgeChild(root()) { $0.scope = ["write_file:/workspace/a"] }
    #expect(F.reason(otherTool) == .chainWidened)
    // The delegate side refuses to build it in the first place.
    var request = TokenDelegation.Request(ttl: 30, now: F.now, jti: "x")
    request.scope = ["read_file:/**"]
    #expect(throws: TokenRejection.self) {
      try TokenDelegation.delegate(chain: Array(root().utf8), holder: F.holder, request: request)
    }
  }

  @Test func tokenChainRejectsRootOnlyClaimInChild() throws {
    let chain = try forgeChild(root()) { $0.aud = ["everyone"] }
    #expect(F.reason(chain) == .chainWidened)
    let ceiling = try forgeChild(root()) { $0.ceiling = "restricted" }
    #expect(F.reason(ceiling) == .chainWidened)
  }

  @Test func tokenChainRejectsOutlivingParent() throws {
    let chain = try forgeChild(root()) { $0.exp = F.now + 601 }
    #expect(F.reason(chain) == .chainOutlivesParent)
    let noExp = try forgeChild(root()) { $0.exp = nil }
    #expect(F.reason(noExp) == .chainOutlivesParent)
    // delegate caps the lifetime instead of outliving.
    let capped = try F.chain(rootTTL: 100, childTTL: 10_000)
    #expect(try F.verifier().verify(Array(capped.utf8)).expires == F.now + 100)
  }

  @Test func tokenChainRejectsRevokedAncestor() throws {
    let chain = try F.chain()
    #expect(F.reason(chain) { $0.revoked = ["jti-root"] } == .revoked)
    #expect(F.reason(chain) { $0.revoked = ["jti-child"] } == .revoked)
    #expect(F.reason(chain) { $0.revoked = ["unrelated"] } == nil)
  }

  @Test func tokenChainRejectsBrokenLink() throws {
    // par names another parent.
    let wrongParent = try forgeChild(root()) { $0.par = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }
    #expect(F.reason(wrongParent) == .chainBrokenLink)
    let noPar = try forgeChild(root()) { $0.par = nil }
    #expect(F.reason(noPar) == .chainBrokenLink)
    // A child spliced under a different root with the same holder.
    let child = try F.chain().split(separator: "~")[1]
    var other = F.claims(scope: ["read_file:/workspace/**"], ttl: 600, cnf: F.holder.publicKey)
    other.jti = "another-root"
    #expect(F.reason(F.mint(other) + "~" + child) == .chainBrokenLink)
    // The parent names no holder key.
    let noCnf = try forgeChild(F.mint(F.claims(scope: ["read_file:/workspace/**"], ttl: 600))) { _ in }
    #expect(F.reason(noCnf) { _ in } == .chainBrokenLink)
    // A root that claims a parent.
    var rooted = F.claims()
    rooted.par = "x"
    #expect(F.reason(F.mint(rooted)) == .chainBrokenLink)
    // Empty link.
    #expect(F.reason(root() + "~") == .malformed)
  }

  @Test func tokenChainRejectsChildSignedByOtherKey() throws {
    let chain = try forgeChild(root(), key: F.foreign) { _ in }
    #expect(F.reason(chain) == .algMismatch || F.reason(chain) == .badSignature)
    let sameAlg = try forgeChild(root(), key: TokenSigningKey.generate(.eddsa)) { _ in }
    #expect(F.reason(sameAlg) == .badSignature)
  }

  @Test func tokenChainRejectsExpiredLink() throws {
    let chain = try F.chain(childTTL: 10)
    #expect(F.reason(chain) { $0.now = F.now + 100 } == .expired)
  }

  @Test func tokenDelegateRefusesWrongHolder() throws {
    let request = TokenDelegation.Request(ttl: 30, now: F.now, jti: "x")
    #expect(throws: TokenRejection.self) {
      try TokenDelegation.delegate(chain: Array(root().utf8), holder: F.holder2, request: request)
    }
  }
}

@Suite struct TokenScopeTests {
  @Test(arguments: [
    ("read_file:/workspace/**", "read_file:/workspace/a.txt", true),
    ("read_file:/workspace/**", "read_file:/workspace/src/deep/a.txt", true),
    ("read_file:/workspace/*", "read_file:/workspace/src/a.txt", false),
    ("read_file:/workspace/*", "read_file:/workspace/a.txt", true),
    ("read_file:/workspace/*.txt", "read_file:/workspace/a.txt", true),
    ("read_file:/workspace/*.txt", "read_file:/workspace/a.md", false),
    ("read_file:/workspace/?.txt", "read_file:/workspace/a.txt", true),
    ("read_file:/workspace/?.txt", "read_file:/workspace/ab.txt", false),
    ("read_file", "read_file:/anything/at/all", true),
    ("read_file:/workspace/**", "write_file:/workspace/a.txt", false),
    ("*:/workspace/**", "write_file:/workspace/a.txt", true),
    ("http_get:api.example.com", "http_get:api.example.com", true),
    ("http_get:api.example.com", "http_get:api.example.com.evil", false),
    ("http_get:*.example.com", "http_get:api.example.com", true),
    // Inclusion between globs (delegation).
    ("read_file:/workspace/**", "read_file:/workspace/src/**", true),
    ("read_file:/workspace/**", "read_file:/workspace/*", true),
    ("read_file:/workspace/*", "read_file:/workspace/**", false),
    ("read_file:/workspace/*", "read_file:/workspace/?", true),
    ("read_file:/workspace/?", "read_file:/workspace/*", false),
    ("read_file:/workspace/src/**", "read_file:/workspace/**", false),
    ("read_file:/workspace/**", "read_file:/**", false),
    ("read_file:/workspace/**", "read_file", false),
    ("read_file:/w/*/x", "read_file:/w/*/x", true),
    ("read_file:/w/*/x", "read_file:/w/**/x", false),
  ])
  func tokenScopeCovers(parent: String, child: String, expected: Bool) {
    #expect(TokenScope.covers(parent, child) == expected, "\(parent) ⊇ \(child)")
  }

  @Test func tokenScopeRejectsMalformed() {
    #expect(TokenScope.problem("") != nil)
    #expect(TokenScope.problem("read file") != nil)
    #expect(TokenScope.problem(String(repeating: "a", count: 300)) != nil)
    #expect(!TokenScope.covers("**", ""))
  }
}
