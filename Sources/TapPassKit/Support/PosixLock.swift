import Glibc

/// A pthread mutex for the few caches shared between threads (libcrypto
/// contexts per key, holder keys, the last token header). Synchronization's
/// `Mutex` cannot hand a non-Sendable generic result out of its closure,
/// which these caches need.
final class PosixLock: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>

  init() {
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }
}
