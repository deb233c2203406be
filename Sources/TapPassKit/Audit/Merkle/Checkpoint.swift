/// A signed tree head: an org log's size, its RFC 9162 root hash and the
/// time it was taken, signed with Ed25519.
///
/// The signature covers `Checkpoint.domain` followed by the RFC 8785 form of
/// `{"org":…,"root":"<hex>","size":n,"time":ms}`; the domain string keeps a
/// checkpoint signature from being valid for any other message signed with
/// the same key.
public struct Checkpoint: Sendable, Equatable {
  public static let domain = Array("tappass-audit-checkpoint/v1\n".utf8)

  public var org: String
  public var size: Int
  public var root: Digest32
  public var time: Int64
  public var keyID: String
  public var publicKeyPEM: String
  public var signature: [UInt8]

  public static func signedMessage(org: String, size: Int, root: Digest32, time: Int64) -> [UInt8] {
    var message = domain
    message.append(contentsOf: Array(#"{"org":"#.utf8))
    Canonicalizer.appendString(Array(org.utf8), to: &message)
    message.append(contentsOf: Array(#","root":""#.utf8))
    message.append(contentsOf: Array(root.hex.utf8))
    message.append(contentsOf: Array(#"","size":"#.utf8))
    EntryEnvelope.appendDecimal(Int64(size), to: &message)
    message.append(contentsOf: Array(#","time":"#.utf8))
    EntryEnvelope.appendDecimal(time, to: &message)
    message.append(0x7D)
    return message
  }

  public var signedMessage: [UInt8] { Self.signedMessage(org: org, size: size, root: root, time: time) }

  public static func sign(org: String, size: Int, root: Digest32, time: Int64, key: Ed25519PrivateKey) throws -> Checkpoint {
    let publicKey = try key.publicKey
    return Checkpoint(
      org: org, size: size, root: root, time: time, keyID: publicKey.keyID,
      publicKeyPEM: try publicKey.pem(),
      signature: try key.signature(for: signedMessage(org: org, size: size, root: root, time: time)))
  }

  /// Checks the signature against `pinnedKey`, or against the embedded
  /// public key when none is pinned (which proves integrity, not origin).
  public func hasValidSignature(pinnedKey: Ed25519PublicKey? = nil) -> Bool {
    let key: Ed25519PublicKey
    if let pinnedKey {
      key = pinnedKey
    } else {
      guard let embedded = try? Ed25519PublicKey(pem: Array(publicKeyPEM.utf8)), embedded.keyID == keyID else { return false }
      key = embedded
    }
    return key.isValidSignature(signature, for: signedMessage)
  }

  // MARK: JSON

  public var json: [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("type"); writer.string("checkpoint")
    writer.key("version"); writer.int(1)
    writer.key("org"); writer.string(org)
    writer.key("size"); writer.int(size)
    writer.key("root"); writer.string(root.hex)
    writer.key("time"); writer.int(Int(time))
    writer.key("key_id"); writer.string(keyID)
    writer.key("public_key"); writer.string(publicKeyPEM)
    writer.key("signature"); writer.string(Hex.encode(signature))
    writer.endObject()
    return writer.bytes
  }

  public init(org: String, size: Int, root: Digest32, time: Int64, keyID: String, publicKeyPEM: String, signature: [UInt8]) {
    self.org = org
    self.size = size
    self.root = root
    self.time = time
    self.keyID = keyID
    self.publicKeyPEM = publicKeyPEM
    self.signature = signature
  }

  public init(json document: JSONDocument, node: Int = 0) throws {
    let fields = JSONFields(document: document, node: node, what: "checkpoint")
    guard try fields.string("type") == "checkpoint" else { throw ToolError("not a checkpoint (type must be \"checkpoint\")") }
    org = try fields.string("org")
    size = try fields.int("size")
    root = try fields.digest("root")
    time = Int64(try fields.int("time"))
    keyID = try fields.string("key_id")
    publicKeyPEM = try fields.string("public_key")
    signature = try fields.hex("signature")
  }
}

/// Typed access to the members of a JSON object with clear errors, for the
/// small documents tp-audit reads back (checkpoints, proofs, bundles).
public struct JSONFields {
  public let document: JSONDocument
  public let node: Int
  public let what: String

  public init(document: JSONDocument, node: Int, what: String) {
    self.document = document
    self.node = node
    self.what = what
  }

  public func member(_ key: String) throws -> Int {
    guard let index = document.member(key, of: node) else { throw ToolError("\(what): missing \"\(key)\"") }
    return index
  }

  public func string(_ key: String) throws -> String {
    guard let value = document.string(try member(key)) else { throw ToolError("\(what): \"\(key)\" must be a string") }
    return value
  }

  public func int(_ key: String) throws -> Int {
    guard let value = document.number(try member(key)), value == value.rounded(), abs(value) < 9.0e15 else {
      throw ToolError("\(what): \"\(key)\" must be an integer")
    }
    return Int(value)
  }

  public func hex(_ key: String) throws -> [UInt8] {
    guard let bytes = Hex.decode(try string(key)) else { throw ToolError("\(what): \"\(key)\" must be hex") }
    return bytes
  }

  public func digest(_ key: String) throws -> Digest32 {
    guard let digest = Digest32(try hex(key)) else { throw ToolError("\(what): \"\(key)\" must be a 32-byte hex hash") }
    return digest
  }

  public func digests(_ key: String) throws -> [Digest32] {
    let array = try member(key)
    guard document.nodes[array].kind == .array else { throw ToolError("\(what): \"\(key)\" must be an array") }
    return try document.children(of: array).map { child in
      guard let text = document.string(child), let bytes = Hex.decode(text), let digest = Digest32(bytes) else {
        throw ToolError("\(what): \"\(key)\" must hold 32-byte hex hashes")
      }
      return digest
    }
  }

  public func object(_ key: String) throws -> JSONFields {
    let index = try member(key)
    guard document.nodes[index].kind == .object else { throw ToolError("\(what): \"\(key)\" must be an object") }
    return JSONFields(document: document, node: index, what: "\(what).\(key)")
  }
}
