import Glibc

/// Progress on long work, drawn on standard error only when it is a
/// terminal, at most a few times a second, and erased when done.
public struct ProgressReporter {
  private let enabled: Bool
  private var lastDraw: Double = 0
  private var drew = false
  private let label: String

  public init(label: String, enabled: Bool = StandardError.isTerminal) {
    self.label = label
    self.enabled = enabled
  }

  public mutating func update(records: Int, bytes: Int) {
    guard enabled else { return }
    let now = Self.monotonicSeconds()
    guard now - lastDraw >= 0.25 else { return }
    lastDraw = now
    drew = true
    let megabytes = Double(bytes) / 1_048_576
    StandardError.write("\r\u{1B}[K\(label): \(records) records, \(Int(megabytes)) MiB")
  }

  public mutating func finish() {
    guard enabled, drew else { return }
    StandardError.write("\r\u{1B}[K")
    drew = false
  }

  /// CPU time of the calling thread: what `--benchmark` charges a step,
  /// so that other processes on a shared machine (and other workers) do not
  /// inflate it the way they inflate wall time.
  public static func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  public static func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}
