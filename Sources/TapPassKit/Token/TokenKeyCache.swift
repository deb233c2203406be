/// Holder keys (`cnf`) already imported, by their public point bytes.
///
/// Why: importing a P-256 point into libcrypto costs ~18 µs (OpenSSL 3
/// builds a fresh EC_GROUP per key), a third of a verification, and a
/// chain imports one key per link. Sub-agent keys outlive their tokens, so
/// a verifier sees the same few holders again and again. The cache maps
/// the exact point bytes to the imported key (so it can never return a
/// different key), is bounded, and is shared by the threads of one verifier.
public final class TokenKeyCache: @unchecked Sendable {
  private var keys: [[UInt8]: TokenPublicKey] = [:]
  private let capacity: Int
  private let lock = PosixLock()

  public init(capacity: Int = 1024) { self.capacity = capacity }

  /// The cached key for `point`, or the result of `load`, remembered.
  func key<Failure: Error>(
    for point: [UInt8], load: () throws(Failure) -> TokenPublicKey
  ) throws(Failure) -> TokenPublicKey {
    let cached = lock.withLock { keys[point] }
    if let cached { return cached }
    let loaded = try load()
    lock.withLock {
      // Bounded by starting over: simple, and a hostile stream of fresh
      // keys costs no more than having no cache.
      if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
      keys[point] = loaded
    }
    return loaded
  }
}
