/// The circuit-breaker state machine for provider calls: closed (calls
/// flow, failures counted), open (calls refused until a back-off elapses),
/// half-open (a few probe calls decide between closing and re-opening with
/// a longer back-off).
///
/// A value type with time passed in, never read from a clock: the pipeline
/// feeds it real call outcomes, tests feed it a script, and routing reads
/// its `health`. Not thread-safe by itself; keep one per provider behind
/// whatever isolation the caller uses.
public struct CircuitBreaker: Sendable, Equatable {
  public struct Configuration: Sendable, Equatable {
    /// Consecutive failures that open a closed circuit.
    public var failureThreshold = 5
    /// The first open period, in seconds.
    public var initialBackoff = 30.0
    /// Each re-open multiplies the back-off by this, up to `maxBackoff`.
    public var multiplier = 2.0
    public var maxBackoff = 600.0
    /// Successful probes in half-open that close the circuit.
    public var probesToClose = 1
    public init() {}
  }

  public enum State: Sendable, Equatable {
    case closed(failures: Int)
    case open(until: Double, backoff: Double)
    case halfOpen(successes: Int, inFlight: Bool, backoff: Double)
  }

  public let configuration: Configuration
  public private(set) var state: State = .closed(failures: 0)

  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Whether a call may be made at `now`. An open circuit whose back-off
  /// has elapsed becomes half-open and lets one probe through at a time.
  public mutating func allowsCall(at now: Double) -> Bool {
    switch state {
    case .closed:
      return true
    case .open(let until, let backoff):
      guard now >= until else { return false }
      state = .halfOpen(successes: 0, inFlight: true, backoff: backoff)
      return true
    case .halfOpen(let successes, let inFlight, let backoff):
      if inFlight { return false }
      state = .halfOpen(successes: successes, inFlight: true, backoff: backoff)
      return true
    }
  }

  public mutating func recordSuccess(at now: Double) {
    switch state {
    case .closed:
      state = .closed(failures: 0)
    case .open:
      break
    case .halfOpen(let successes, _, let backoff):
      state = successes + 1 >= configuration.probesToClose
        ? .closed(failures: 0)
        : .halfOpen(successes: successes + 1, inFlight: false, backoff: backoff)
    }
  }

  public mutating func recordFailure(at now: Double) {
    switch state {
    case .closed(let failures):
      if failures + 1 >= configuration.failureThreshold {
        state = .open(until: now + configuration.initialBackoff, backoff: configuration.initialBackoff)
      } else {
        state = .closed(failures: failures + 1)
      }
    case .open:
      break
    case .halfOpen(_, _, let backoff):
      let next = min(backoff * configuration.multiplier, configuration.maxBackoff)
      state = .open(until: now + next, backoff: next)
    }
  }

  /// What routing makes of the state: open refuses the provider; half-open
  /// and a closed circuit with recent failures are degraded (used only when
  /// no healthy model qualifies).
  public var health: ProviderHealth.State {
    switch state {
    case .closed(let failures): failures == 0 ? .healthy : .degraded
    case .open: .open
    case .halfOpen: .halfOpen
    }
  }
}
