import COpenSSL

extension TPCrypto.CryptoError {
  /// Takes the oldest code from OpenSSL's thread-local error queue and
  /// clears the rest, so one failure never leaks into the next call's report.
  static func openSSL(_ operation: String) -> Self {
    let code = ERR_get_error()
    ERR_clear_error()
    return .underlying(operation: operation, code: code)
  }
}
