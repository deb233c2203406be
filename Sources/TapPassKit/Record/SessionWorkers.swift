/// The parallel record loop for tools whose per-record state lives in one
/// value per worker (a classifier, a router: their scan engines keep
/// buffers, Hyperscan scratch space and per-session state).
extension RecordStream {
  /// Runs `handle` on `options.threads` workers: the first uses
  /// `prototype`, each other `copy(prototype)`. With `sessions`, a
  /// session's records stay on one worker, in order (`SessionAffinity`),
  /// so per-session state accumulates as in one thread; without (no step
  /// keeps any), records are spread evenly and no line is searched for a
  /// session. Whatever is not an output line goes back as a payload to
  /// `consume`, on this thread in input order.
  public mutating func run<Worker, Payload>(
    inputs: [String], output: FileOutput = StandardOutput.shared,
    prototype: Worker, copy: (Worker) throws -> Worker, sessions: Bool,
    handle: @escaping (Worker, JSONDocument, Int) throws -> (Outcome, Payload),
    consume: (Payload) throws -> Void
  ) throws {
    var made = 0
    let partition = SessionAffinity.partition(keepingSessions: sessions)
    try run(inputs: inputs, output: output, threads: options.threads, partition: partition, makeWorker: {
      made += 1
      let worker = made == 1 ? prototype : try copy(prototype)
      return { try handle(worker, $0, $1) }
    }, consume: consume)
  }
}
