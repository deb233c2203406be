import Glibc

/// The malloc setting for record loops that run worker threads.
///
/// Why: each worker allocates its records (node tables, sections, output
/// lines) in its own glibc arena, and the reading thread frees them a
/// batch later. Under the default 128 KB trim threshold those arenas grew
/// by megabytes for every batch and gave the pages back after it, so
/// tp-route with two workers took 7,000-11,000 page faults and about
/// 1,000 mprotect calls on 24 MB of records (2,600 faults with one), and
/// a sixth to a quarter of its CPU time was system time. Keeping up to
/// 4 MB free at the top of each arena ends that churn (3,600 faults) and
/// leaves the peak resident size as it was (36 MB).
enum WorkerMemory {
  /// Sets the trim threshold, once per process.
  static func keepArenasWarm() { _ = applied }

  private static let applied: Void = {
    // glibc's mallopt, which the Glibc module does not declare, found by
    // name. -1 is M_TRIM_THRESHOLD (malloc.h).
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: Mallopt.self)(-1, 4 << 20)
  }()
}
