import Glibc

/// A buffered writer over a file descriptor. Tools write whole records into
/// it; it issues large write(2) calls and reports EPIPE as `BrokenPipe`.
///
/// Not thread-safe: each tool writes from one thread.
public final class FileOutput: @unchecked Sendable {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private let limit: Int

  public init(fd: Int32, bufferSize: Int = 1 << 16) {
    self.fd = fd
    self.limit = bufferSize
    buffer.reserveCapacity(bufferSize)
  }

  public func write(_ bytes: some Collection<UInt8>) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= limit { try flush() }
  }

  public func write(_ string: String) throws {
    var copy = string
    try copy.withUTF8 { try write($0) }
  }

  /// Writes without reporting failure; for help text and final messages.
  public func writeQuietly(_ string: String) {
    try? write(string)
  }

  public func flush() throws {
    var offset = 0
    defer {
      if offset > 0 { buffer.removeFirst(min(offset, buffer.count)) }
    }
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { raw in
        Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE { buffer.removeAll(); offset = 0; throw BrokenPipe() }
        throw ToolError("cannot write output: \(String(cString: strerror(errno)))")
      }
      offset += written
    }
  }
}

/// Process-wide standard output. The tools are single-threaded pipelines, so
/// one shared buffered writer is the simplest correct design.
public enum StandardOutput {
  nonisolated(unsafe) public static var shared = FileOutput(fd: 1)
}

/// Diagnostics go to standard error unbuffered, one call per message.
public enum StandardError {
  public static func write(_ message: String) {
    var copy = message
    copy.withUTF8 { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
  }

  /// Whether standard error is a terminal: progress is shown only then.
  public static var isTerminal: Bool { isatty(2) == 1 }
}
