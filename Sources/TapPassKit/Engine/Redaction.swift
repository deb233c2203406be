/// Fingerprints and previews: how a finding names a value without showing it.
public struct Redactor: Sendable {
  /// The fingerprint key. Fingerprints are HMAC-SHA256(key, type ‖ 0 ‖
  /// value), so equal values match across runs (for baselines) while the
  /// value cannot be recovered or brute-forced without the key. Set
  /// `TAPPASS_FINGERPRINT_KEY` to make them private to an organisation.
  public let key: [UInt8]

  public static let defaultKey = Array("tappass-fingerprint-v1".utf8)

  public init(key: [UInt8] = Redactor.defaultKey) { self.key = key }

  /// The same fingerprint through a reusable keyed context (`keyed()`),
  /// for the scan loop; falls back to the one-shot MAC if OpenSSL fails.
  /// The MAC stays on the stack and its hex goes straight into the string.
  public func fingerprint(type: String, value: ArraySlice<UInt8>, using keyed: TPCrypto.HMACSHA256.Keyed?) -> String {
    guard let keyed else { return fingerprint(type: type, value: value) }
    var type = type
    let text: String? = type.withUTF8 { typeBytes in
      value.withUnsafeBufferPointer { valueBytes in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TPCrypto.SHA256.byteCount + 1) { buffer in
          buffer[0] = 0
          let code = UnsafeMutableBufferPointer(rebasing: buffer[1...])
          guard keyed.authenticationCode(typeBytes, UnsafeBufferPointer(rebasing: buffer[..<1]), valueBytes, into: code) else { return nil }
          return Self.fingerprintText(UnsafeBufferPointer(code))
        }
      }
    }
    return text ?? fingerprint(type: type, value: value)
  }

  /// A keyed MAC context for `fingerprint(type:value:using:)`, one per thread.
  public func keyed() -> TPCrypto.HMACSHA256.Keyed? { TPCrypto.HMACSHA256.Keyed(key: key) }

  public func fingerprint(type: String, value: some Collection<UInt8>) -> String {
    var message = Array(type.utf8)
    message.append(0)
    message.append(contentsOf: value)
    let mac = TPCrypto.HMACSHA256.authenticationCode(for: message, key: key)
    return mac.withUnsafeBufferPointer { Self.fingerprintText($0) }
  }

  static let fingerprintPrefix = Array("fp1:".utf8)
  /// MAC bytes a fingerprint shows (as hex).
  static let fingerprintBytes = 12

  /// `fp1:` and the hex of the MAC's first `fingerprintBytes` bytes.
  static func fingerprintText(_ mac: UnsafeBufferPointer<UInt8>) -> String {
    let shown = min(mac.count, fingerprintBytes)
    return String(unsafeUninitializedCapacity: fingerprintPrefix.count + 2 * shown) { out in
      var position = 0
      for byte in fingerprintPrefix {
        out[position] = byte
        position += 1
      }
      for byte in mac[..<shown] {
        out[position] = Hex.digit(byte >> 4)
        out[position + 1] = Hex.digit(byte & 0x0F)
        position += 2
      }
      return position
    }
  }

  /// A preview that shows the shape and never the value: at most the first
  /// quarter (up to 4 bytes, whole characters) followed by an ellipsis and
  /// the length. Short values show one character.
  public func preview(_ value: [UInt8]) -> String { preview(value[...]) }

  public func preview(_ value: ArraySlice<UInt8>) -> String {
    // Most values (keys, ids, numbers) are ASCII: a byte is a character,
    // and counting graphemes (the slow part) is not needed. The text is
    // written in place (short previews fit a small string: no allocation).
    if value.allSatisfy({ $0 < 0x80 }) {
      let shown = value.prefix(Self.shownCharacters(value.count))
      let length = String(value.count).utf8
      return String(unsafeUninitializedCapacity: shown.count + Self.ellipsis.count + length.count + 2) { out in
        var position = 0
        func put(_ byte: UInt8) {
          out[position] = byte
          position += 1
        }
        for byte in shown { put(byte >= 0x20 && byte < 0x7F ? byte : 0x3F) }
        for byte in Self.ellipsis { put(byte) }
        put(UInt8(ascii: "["))
        for byte in length { put(byte) }
        put(UInt8(ascii: "]"))
        return position
      }
    }
    let text = String(decoding: value, as: UTF8.self)
    let length = text.count
    var shown = ""
    for character in text.prefix(Self.shownCharacters(length)) {
      // Only printable ASCII: a control or bidi character in a preview would
      // be a terminal injection of its own.
      if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { shown.append(character) } else { shown.append("?") }
    }
    return "\(shown)…[\(length)]"
  }

  private static let ellipsis = Array("…".utf8)

  /// How many leading characters a preview of `length` shows.
  static func shownCharacters(_ length: Int) -> Int { length >= 16 ? 4 : (length >= 8 ? 2 : (length >= 4 ? 1 : 0)) }

  /// The stable replacement token written by `--redact`.
  public func token(type: String, value: some Collection<UInt8>) -> String {
    let print = fingerprint(type: type, value: value)
    return "[\(type.uppercased()):\(print.dropFirst(4).prefix(8))]"
  }
}
