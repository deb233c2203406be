import Testing
@testable import TapPassKit

/// The circuit-breaker state machine, driven by a scripted clock.
@Suite struct RouteCircuitBreakerTests {
  static func breaker() -> CircuitBreaker {
    var configuration = CircuitBreaker.Configuration()
    configuration.failureThreshold = 3
    configuration.initialBackoff = 10
    configuration.multiplier = 2
    configuration.maxBackoff = 35
    return CircuitBreaker(configuration: configuration)
  }

  @Test func opensAfterConsecutiveFailures() {
    var breaker = Self.breaker()
    breaker.recordFailure(at: 0)
    breaker.recordFailure(at: 1)
    #expect(breaker.state == .closed(failures: 2))
    #expect(breaker.health == .degraded)
    breaker.recordSuccess(at: 2)
    #expect(breaker.state == .closed(failures: 0))
    for time in 3...5 { breaker.recordFailure(at: Double(time)) }
    #expect(breaker.state == .open(until: 15, backoff: 10))
    #expect(breaker.health == .open)
    let allowed5372 = breaker.allowsCall(at: 14.9)
    #expect(!allowed5372)
  }

  @Test func halfOpenLetsOneProbeThroughAndClosesOnSuccess() {
    var breaker = Self.breaker()
    for _ in 0..<3 { breaker.recordFailure(at: 0) }
    let allowed5469 = breaker.allowsCall(at: 10)
    #expect(allowed5469)
    #expect(breaker.state == .halfOpen(successes: 0, inFlight: true, backoff: 10))
    #expect(breaker.health == .halfOpen)
    let allowed516 = breaker.allowsCall(at: 10.5)
    #expect(!allowed516, "only one probe at a time")
    breaker.recordSuccess(at: 11)
    #expect(breaker.state == .closed(failures: 0))
    #expect(breaker.health == .healthy)
  }

  @Test func failedProbeReopensWithLongerBackoffUpToTheCap() {
    var breaker = Self.breaker()
    for _ in 0..<3 { breaker.recordFailure(at: 0) }
    let allowed5469 = breaker.allowsCall(at: 10)
    #expect(allowed5469)
    breaker.recordFailure(at: 10)
    #expect(breaker.state == .open(until: 30, backoff: 20))
    let allowed8814 = breaker.allowsCall(at: 30)
    #expect(allowed8814)
    breaker.recordFailure(at: 30)
    #expect(breaker.state == .open(until: 65, backoff: 35), "capped at maxBackoff")
    let allowed5277 = breaker.allowsCall(at: 65)
    #expect(allowed5277)
    breaker.recordSuccess(at: 66)
    // After closing, the next trip starts from the initial back-off again.
    for _ in 0..<3 { breaker.recordFailure(at: 70) }
    #expect(breaker.state == .open(until: 80, backoff: 10))
  }

  @Test func severalProbesCanBeRequired() {
    var configuration = CircuitBreaker.Configuration()
    configuration.failureThreshold = 1
    configuration.probesToClose = 2
    var breaker = CircuitBreaker(configuration: configuration)
    breaker.recordFailure(at: 0)
    let allowed8814 = breaker.allowsCall(at: 30)
    #expect(allowed8814)
    breaker.recordSuccess(at: 31)
    #expect(breaker.state == .halfOpen(successes: 1, inFlight: false, backoff: 30))
    let allowed543 = breaker.allowsCall(at: 32)
    #expect(allowed543)
    breaker.recordSuccess(at: 33)
    #expect(breaker.state == .closed(failures: 0))
  }
}
