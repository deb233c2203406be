extension TPCrypto {
  /// The one error type of the crypto layer (swift-crypto's `CryptoKitError`
  /// shape). Messages name what was wrong, never key or signature bytes.
  public enum CryptoError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Key material that is malformed, of the wrong type or curve, or a
    /// point that is not on the curve.
    case invalidKey(String)
    /// A parameter of the wrong size or shape (not key material).
    case invalidParameter(String)
    /// libcrypto failed; `code` is the first entry of its error queue
    /// (`ERR_get_error`), `operation` the call that failed.
    case underlying(operation: String, code: UInt)

    public var description: String {
      switch self {
      case .invalidKey(let why): return "invalid key: \(why)"
      case .invalidParameter(let why): return "invalid parameter: \(why)"
      case .underlying(let operation, let code):
        return "libcrypto \(operation) failed (error 0x\(String(code, radix: 16)))"
      }
    }
  }
}
