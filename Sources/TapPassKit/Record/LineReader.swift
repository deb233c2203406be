import Glibc

/// Reads newline-delimited records from a file descriptor in large chunks.
///
/// Lines of any length up to `maxRecordBytes` are returned whole; a longer
/// line is skipped to its newline without being buffered (so memory stays
/// bounded on a 100 MB line) and reported as `.tooLarge`. A last line without
/// a trailing newline is still a record.
public struct LineReader {
  public enum Line {
    case record(bytes: [UInt8], number: Int)
    case tooLarge(number: Int, size: Int)
  }

  private let fd: Int32
  private let maxRecordBytes: Int
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var atEOF = false
  private var lineNumber = 0
  public private(set) var bytesRead = 0

  public init(fd: Int32, maxRecordBytes: Int = 16 << 20, chunkSize: Int = 1 << 20) {
    self.fd = fd
    self.maxRecordBytes = maxRecordBytes
    // Not zero-filled: only the bytes `read` wrote are ever looked at, and
    // a megabyte of zeros cost a one-record run 256 page faults.
    let size = max(chunkSize, 4096)
    buffer = [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
    Self.widenPipe(fd, to: size)
  }

  /// A pipe holds 64 KB by default, so in `tp-scan | tp-classify | tp-route`
  /// every read returned at most 64 KB (about forty records), and each such
  /// batch paid for waking the workers and waiting for them. Reading a pipe,
  /// ask Linux to let it hold a chunk (F_SETPIPE_SZ, 1031; unprivileged up
  /// to /proc/sys/fs/pipe-max-size, 1 MB by default): a fast producer then
  /// hands over a chunk per read. Refusal changes nothing but the batch size.
  private static func widenPipe(_ fd: Int32, to size: Int) {
    var status = stat()
    guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFIFO else { return }
    _ = fcntl(fd, 1031, Int32(min(size, 1 << 20)))
  }

  /// Opens a file for reading; the caller closes it with `close(fd)`.
  public static func open(path: String) throws -> Int32 {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { throw ToolError("cannot open \(path): \(String(cString: strerror(errno)))") }
    return fd
  }

  private mutating func fill() throws {
    if start > 0 {
      let pending = end - start
      if pending > 0 {
        buffer.withUnsafeMutableBytes { raw in
          _ = memmove(raw.baseAddress!, raw.baseAddress! + start, pending)
        }
      }
      start = 0
      end = pending
    }
    if end == buffer.count {
      buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
    }
    while true {
      let count = buffer.withUnsafeMutableBytes { raw in
        read(fd, raw.baseAddress! + end, raw.count - end)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw ToolError("cannot read input: \(String(cString: strerror(errno)))")
      }
      if count == 0 { atEOF = true }
      end += count
      bytesRead += count
      return
    }
  }

  private func findNewline(from: Int) -> Int? {
    guard from < end else { return nil }
    return buffer.withUnsafeBytes { raw -> Int? in
      guard let hit = memchr(raw.baseAddress! + from, 0x0A, end - from) else { return nil }
      return raw.baseAddress!.distance(to: UnsafeRawPointer(hit))
    }
  }

  /// Whether `next()` can return a line without reading: a whole line is
  /// buffered, or the input ended with bytes pending.
  public var hasBufferedLine: Bool {
    if end > start && atEOF { return true }
    return findNewline(from: start) != nil
  }

  /// Whether `next()` would have to wait for input: no whole line is
  /// buffered and the descriptor has nothing to read yet (a terminal or a
  /// pipe whose writer is thinking; a regular file never waits).
  public var mayBlock: Bool {
    if hasBufferedLine || atEOF { return false }
    var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) == 0
  }

  public mutating func next() throws -> Line? {
    var scanned = start
    while true {
      if let newline = findNewline(from: scanned) {
        lineNumber += 1
        let bytes = Array(buffer[start..<newline])
        start = newline + 1
        return .record(bytes: bytes, number: lineNumber)
      }
      scanned = end
      if end - start > maxRecordBytes { return try skipOversizedLine() }
      if atEOF {
        guard end > start else { return nil }
        lineNumber += 1
        let bytes = Array(buffer[start..<end])
        start = end
        return .record(bytes: bytes, number: lineNumber)
      }
      let offset = scanned - start
      try fill()
      scanned = start + offset
    }
  }

  /// Discards the rest of a line that exceeds the limit, counting its size.
  private mutating func skipOversizedLine() throws -> Line {
    lineNumber += 1
    var size = 0
    while true {
      if let newline = findNewline(from: start) {
        size += newline - start
        start = newline + 1
        return .tooLarge(number: lineNumber, size: size)
      }
      size += end - start
      start = end
      if atEOF { return .tooLarge(number: lineNumber, size: size) }
      try fill()
    }
  }
}
