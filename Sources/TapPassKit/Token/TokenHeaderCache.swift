/// The last header a verifier accepted, by its exact base64url text.
///
/// Why: every token signed by one issuer key carries the same header, and
/// decoding and parsing it is about a tenth of the non-crypto work of a
/// verification. Only byte-identical text hits, so the cached result is
/// exactly what parsing would give; rejected headers are never cached.
public final class TokenHeaderCache: @unchecked Sendable {
  private var text: [UInt8] = []
  private var parsed: TokenJWS.Header?
  private let lock = PosixLock()

  public init() {}

  func header(for headerText: ArraySlice<UInt8>, limits: TokenJWS.Limits) throws(TokenRejection) -> TokenJWS.Header {
    let hit = lock.withLock { parsed != nil && text.elementsEqual(headerText) ? parsed : nil }
    if let hit { return hit }
    let header = try TokenJWS.parseHeader(headerText, limits: limits)
    lock.withLock {
      text = Array(headerText)
      parsed = header
    }
    return header
  }
}
