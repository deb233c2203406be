import Dispatch
import Glibc

/// The JSON Lines loop every tool shares: read each input line, parse it,
/// hand the document to the tool, write exactly one output line per input
/// line in order, and turn unreadable lines into error records so the
/// stream goes on.
public struct RecordStream {
  public struct Options: Sendable {
    public var maxRecordBytes: Int = 16 << 20
    public var maxDepth: Int = 256
    public var tool: String
    public var showProgress: Bool = StandardError.isTerminal
    /// Workers for tools that run records in parallel.
    public var threads: Int = 1
    public init(tool: String) { self.tool = tool }

    /// One worker per online CPU, at most 8 (beyond that, writing the
    /// output in order on one thread is the limit).
    public static var defaultThreads: Int { max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
  }

  /// What a tool makes of one record.
  public enum Outcome {
    /// Write these bytes (the edited record) as the output line.
    case output([UInt8], found: Bool)
    /// Write nothing for this record (for tools whose output is not
    /// per-record, such as an appender that prints a summary).
    case skip
  }

  public let options: Options
  public private(set) var records = 0
  public private(set) var errors = 0
  public private(set) var found = 0

  public init(options: Options) { self.options = options }

  /// Processes every input (paths, or standard input when empty or "-").
  /// `handle` receives the parsed document and its line number.
  public mutating func run(
    inputs: [String], output: FileOutput = StandardOutput.shared,
    handle: (JSONDocument, Int) throws -> Outcome
  ) throws {
    try withoutActuallyEscaping(handle) { handle in
      try run(inputs: inputs, output: output, threads: 1, makeWorker: { { (try handle($0, $1), ()) } }, consume: { _ in })
    }
  }

  /// Processes every input with `threads` workers, each made once by
  /// `makeWorker` (so each owns its state, such as a scan engine). Lines
  /// are read in batches of what is already buffered, spread over the
  /// workers, and written in input order; each worker's payload reaches
  /// `consume` on the calling thread, in input order too.
  ///
  /// With several workers the calling thread reads and writes while they
  /// work: batch N is written while batch N + 1 is scanned, so the workers
  /// do not wait for the reading and writing in between. Before a read that
  /// would wait for input (an interactive stream), everything scanned so
  /// far is written and flushed, so no answer is held back.
  ///
  /// `partition` keeps related records on one worker: records with the
  /// same key are processed by the same worker in input order (tp-scan
  /// passes the session id, so per-session state accumulates as in one
  /// thread). Records without a key are spread evenly.
  public mutating func run<Payload>(
    inputs: [String], output: FileOutput = StandardOutput.shared, threads: Int,
    partition: (([UInt8]) -> UInt64?)? = nil,
    makeWorker: () throws -> (JSONDocument, Int) throws -> (Outcome, Payload),
    consume: (Payload) throws -> Void
  ) throws {
    let sources = inputs.isEmpty ? ["-"] : inputs
    var progress = ProgressReporter(label: options.tool, enabled: options.showProgress)
    // The first worker is made now, the others when a batch first gives
    // them records: each is a scan engine with its own Hyperscan scratch
    // space and buffers, work that a one-record run (a pre-commit hook)
    // would make for nothing.
    var workers: [((JSONDocument, Int) throws -> (Outcome, Payload))?] = [try makeWorker()]
    workers += [((JSONDocument, Int) throws -> (Outcome, Payload))?](repeating: nil, count: max(1, threads) - 1)
    // One serial queue per worker: a worker's batches run in order, and
    // only ever on its own queue.
    let queues = workers.count > 1 ? (0..<workers.count).map { DispatchQueue(label: "tappass.worker.\($0)") } : []
    if !queues.isEmpty { WorkerMemory.keepArenasWarm() }
    var pending: PendingBatch<Payload>?
    // Whatever ends the loop (a broken pipe, a read error), no worker may
    // still be running when this returns: the process may exit right after.
    defer { pending?.group.wait() }
    func write(_ results: [Processed<Payload>]) throws {
      for result in results {
        records += 1
        switch result.kind {
        case .error: errors += 1
        case .found: found += 1
        case .clean: break
        }
        if let payload = result.payload { try consume(payload) }
        if let bytes = result.bytes {
          try output.write(bytes)
          try output.write(CollectionOfOne(0x0A))
        }
      }
    }
    var totalBytes = 0
    var batch: [LineReader.Line] = []
    for source in sources {
      let fd = source == "-" ? 0 : try LineReader.open(path: source)
      defer { if fd != 0 { close(fd) } }
      var reader = LineReader(fd: fd, maxRecordBytes: options.maxRecordBytes)
      while true {
        if reader.mayBlock {
          if let previous = pending { try write(previous.results()) }
          pending = nil
          try output.flush()
        }
        batch.removeAll(keepingCapacity: true)
        var batchBytes = 0
        while batch.count < Self.batchRecords, batchBytes < Self.batchBytes, batch.isEmpty || reader.hasBufferedLine,
          let line = try reader.next()
        {
          if case .record(let bytes, _) = line { batchBytes += bytes.count }
          batch.append(line)
        }
        if batch.isEmpty { break }
        if queues.isEmpty {
          try write(batch.map { try process($0, workers[0]!) })
        } else {
          let started = try start(batch, &workers, makeWorker, queues, partition: partition, after: pending)
          defer { pending = started }
          if let previous = pending { try write(previous.results()) }
        }
        progress.update(records: records, bytes: totalBytes + reader.bytesRead)
      }
      totalBytes += reader.bytesRead
    }
    if let previous = pending { try write(previous.results()) }
    progress.finish()
    try output.flush()
  }

  /// Records per batch and input bytes per batch: enough to keep workers
  /// busy, small enough to bound memory (two batches are in flight, well
  /// under the 64 MB budget).
  static let batchRecords = 1024
  static let batchBytes = 4 << 20

  /// What became of one line: the bytes to write (none for a skipped
  /// record), its kind for the counts, and the worker's payload.
  struct Processed<Payload> {
    enum Kind { case clean, found, error }
    var bytes: [UInt8]?
    var kind: Kind
    var payload: Payload?
  }

  /// A batch handed to the workers: `results()` waits for them and returns
  /// the processed lines in input order.
  final class PendingBatch<Payload> {
    let group = DispatchGroup()
    let slots: UnsafeMutableBufferPointer<Processed<Payload>?>
    let failures: UnsafeMutableBufferPointer<Error?>

    init(lines: Int, workers: Int) {
      slots = .allocate(capacity: lines)
      slots.initialize(repeating: nil)
      failures = .allocate(capacity: workers)
      failures.initialize(repeating: nil)
    }

    /// Runs when the workers' last reference goes, so after they finished.
    deinit {
      slots.deinitialize().deallocate()
      failures.deinitialize().deallocate()
    }

    func results() throws -> [Processed<Payload>] {
      group.wait()
      if let failure = failures.compactMap({ $0 }).first { throw failure }
      return slots.map { $0! }
    }
  }

  /// Spreads a batch over the workers by partition key (or evenly),
  /// making those not made yet that get records, and starts them on their
  /// queues. A worker is made from the first one's state (its engine), so
  /// only once the batch in flight (`previous`) is done with it.
  private func start<Payload>(
    _ batch: [LineReader.Line], _ workers: inout [((JSONDocument, Int) throws -> (Outcome, Payload))?],
    _ makeWorker: () throws -> (JSONDocument, Int) throws -> (Outcome, Payload), _ queues: [DispatchQueue],
    partition: (([UInt8]) -> UInt64?)?, after previous: PendingBatch<Payload>?
  ) throws -> PendingBatch<Payload> {
    var assignment = [[Int]](repeating: [], count: workers.count)
    for (index, line) in batch.enumerated() {
      var worker = index % workers.count
      if case .record(let bytes, _) = line, let key = partition?(bytes) { worker = Int(key % UInt64(workers.count)) }
      assignment[worker].append(index)
    }
    for (worker, indices) in assignment.enumerated() where !indices.isEmpty && workers[worker] == nil {
      previous?.group.wait()
      workers[worker] = try makeWorker()
    }
    let pending = PendingBatch<Payload>(lines: batch.count, workers: workers.count)
    let shared = UncheckedBox((self, batch, workers, pending))
    for (worker, indices) in assignment.enumerated() where !indices.isEmpty {
      queues[worker].async(group: pending.group) {
        let (stream, batch, workers, pending) = shared.value
        do {
          for index in indices { pending.slots[index] = try stream.process(batch[index], workers[worker]!) }
        } catch {
          pending.failures[worker] = error
        }
      }
    }
    return pending
  }

  /// One line: an error record, or the worker's outcome.
  private func process<Payload>(_ line: LineReader.Line, _ handle: (JSONDocument, Int) throws -> (Outcome, Payload)) throws -> Processed<Payload> {
    switch line {
    case .tooLarge(let number, let size):
      return errorLine(number, code: "record_too_large",
        message: "record of \(size) bytes exceeds --max-record-bytes \(options.maxRecordBytes)")
    case .record(let bytes, let number):
      let document: JSONDocument
      do {
        document = try JSONDocument(bytes: bytes, maxDepth: options.maxDepth)
      } catch {
        return errorLine(number, code: error.code.rawValue, message: "\(error.message) (byte \(error.offset))")
      }
      guard document.root.kind == .object else {
        return errorLine(number, code: "not_an_object", message: "record is valid JSON but not an object")
      }
      let (outcome, payload) = try handle(document, number)
      switch outcome {
      case .output(let bytes, let isFound):
        return Processed(bytes: bytes, kind: isFound ? .found : .clean, payload: payload)
      case .skip:
        return Processed(bytes: nil, kind: .clean, payload: payload)
      }
    }
  }

  private func errorLine<Payload>(_ line: Int, code: String, message: String) -> Processed<Payload> {
    Processed(bytes: RecordEditor.errorRecord(line: line, code: code, message: message, tool: options.tool), kind: .error, payload: nil)
  }

  /// The exit status the contract asks for: 2 if any line was unreadable,
  /// else 1 if anything was found, else 0.
  public var status: ExitStatus {
    if errors > 0 { return .error }
    return found > 0 ? .found : .clean
  }
}

/// Hands values that are only ever read, or written at disjoint indices,
/// to the workers of one batch (a worker's own state is only touched on its
/// own queue).
struct UncheckedBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
