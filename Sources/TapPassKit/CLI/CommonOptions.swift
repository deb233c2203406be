import ArgumentParser

/// The version every tool prints for `--version`.
public enum TapPassVersion {
  public static let string = "0.1.0"
}

/// Options every JSON Lines tool accepts, defined once.
public struct StreamOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(
    "Longest accepted input line in bytes; longer lines become error records.",
    valueName: "bytes"))
  public var maxRecordBytes: Int = 16 << 20

  @Option(name: .long, help: ArgumentHelp(
    "Deepest accepted JSON nesting; deeper records become error records.",
    valueName: "levels"))
  public var maxDepth: Int = 256

  @Flag(name: .long, help: "Never draw progress on standard error.")
  public var noProgress = false

  public init() {}

  public func validate() throws {
    guard maxRecordBytes > 0 else { throw ValidationError("--max-record-bytes must be positive") }
    guard (1...100_000).contains(maxDepth) else { throw ValidationError("--max-depth must be between 1 and 100000") }
  }

  public func streamOptions(tool: String) -> RecordStream.Options {
    var options = RecordStream.Options(tool: tool)
    options.maxRecordBytes = maxRecordBytes
    options.maxDepth = maxDepth
    options.showProgress = !noProgress && StandardError.isTerminal
    return options
  }
}

/// `--threads`, for the tools whose records are independent (or kept
/// together by session) and so can be processed by several workers.
public struct ParallelOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(
    "Worker threads (0: one per CPU, at most 8). Output order is the input order either way.",
    valueName: "count"))
  public var threads: Int = 0

  public init() {}

  public func validate() throws {
    guard (0...256).contains(threads) else { throw ValidationError("--threads must be between 0 and 256") }
  }

  /// The stream options with the worker count filled in.
  public func applied(to options: RecordStream.Options) -> RecordStream.Options {
    var options = options
    options.threads = threads > 0 ? threads : RecordStream.Options.defaultThreads
    return options
  }
}

/// Swift-argument-parser's `ExitCode` for one of our statuses.
extension ExitStatus {
  public var exitCode: ExitCode { ExitCode(rawValue) }
}
