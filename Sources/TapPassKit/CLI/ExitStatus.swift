/// The exit-status contract shared by every tp- tool (docs/exit-codes.md).
///
/// A CI consumer must be able to tell "found something" from "broke", so the
/// codes never overlap: 1 is only ever a verdict, 2 only ever a failure.
public enum ExitStatus: Int32, Sendable {
  /// Every record processed and nothing found or blocked.
  case clean = 0
  /// At least one finding, blocking verdict or rejected token.
  case found = 1
  /// An error: unreadable input line, bad configuration, I/O failure.
  case error = 2
  /// Bad invocation (EX_USAGE), as swift-argument-parser reports it.
  case usage = 64
}

/// An error a tool reports with exit status 2. Its message must never carry
/// a secret or PII value: callers pass field names, paths and codes only.
public struct ToolError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var status: ExitStatus
  public init(_ message: String, status: ExitStatus = .error) {
    self.message = message
    self.status = status
  }
  public var description: String { message }
}

/// Thrown by output writers when the reader went away (EPIPE): the tool stops
/// quietly with status 0, as `head` users expect.
public struct BrokenPipe: Error, Sendable {}
