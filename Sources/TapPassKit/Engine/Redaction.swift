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
  public func fingerprint(type: String, value: ArraySlice<UInt8>, using keyed: TPCrypto.HMACSHA256.Keyed?) -> String {
    guard let keyed else { return fingerprint(type: type, value: value) }
    var type = type
    let mac = type.withUTF8 { typeBytes in
      value.withUnsafeBufferPointer { valueBytes in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { separator in
          separator[0] = 0
          return keyed.authenticationCode(typeBytes, UnsafeBufferPointer(separator), valueBytes)
        }
      }
    }
    guard mac.count == TPCrypto.SHA256.byteCount else { return fingerprint(type: type, value: value) }
    return "fp1:" + Hex.encode(mac.prefix(12))
  }

  /// A keyed MAC context for `fingerprint(type:value:using:)`, one per thread.
  public func keyed() -> TPCrypto.HMACSHA256.Keyed? { TPCrypto.HMACSHA256.Keyed(key: key) }

  public func fingerprint(type: String, value: some Collection<UInt8>) -> String {
    var message = Array(type.utf8)
    message.append(0)
    message.append(contentsOf: value)
    let mac = TPCrypto.HMACSHA256.authenticationCode(for: message, key: key)
    return "fp1:" + Hex.encode(mac.prefix(12))
  }

  /// A preview that shows the shape and never the value: at most the first
  /// quarter (up to 4 bytes, whole characters) followed by an ellipsis and
  /// the length. Short values show one character.
  public func preview(_ value: [UInt8]) -> String {
    // Most values (keys, ids, numbers) are ASCII: a byte is a character,
    // and counting graphemes (the slow part) is not needed.
    if value.allSatisfy({ $0 < 0x80 }) {
      let shown = value.prefix(Self.shownCharacters(value.count)).map { $0 >= 0x20 && $0 < 0x7F ? $0 : 0x3F }
      return String(decoding: shown, as: UTF8.self) + "…[\(value.count)]"
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

  /// How many leading characters a preview of `length` shows.
  static func shownCharacters(_ length: Int) -> Int { length >= 16 ? 4 : (length >= 8 ? 2 : (length >= 4 ? 1 : 0)) }

  /// The stable replacement token written by `--redact`.
  public func token(type: String, value: some Collection<UInt8>) -> String {
    let print = fingerprint(type: type, value: value)
    return "[\(type.uppercased()):\(print.dropFirst(4).prefix(8))]"
  }
}
