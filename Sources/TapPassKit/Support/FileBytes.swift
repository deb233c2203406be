import Glibc

/// Whole-file reads and small filesystem helpers over POSIX calls.
public enum FileBytes {
  public static func read(path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    return try? readAll(fd: fd)
  }

  /// Reads a whole file, refusing (without reading further) one larger than
  /// `limit` bytes, so a hostile input cannot exhaust memory.
  public static func read(path: String, limit: Int) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw ToolError("cannot read \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    guard let bytes = try readAll(fd: fd, limit: limit) else { throw ToolError("\(path) is larger than \(limit) bytes") }
    return bytes
  }

  public static func readOrThrow(path: String) throws -> [UInt8] {
    guard let bytes = read(path: path) else {
      throw ToolError("cannot read \(path): \(String(cString: strerror(errno)))")
    }
    return bytes
  }

  public static func makeDirectories(_ path: String) {
    var current = ""
    for component in path.split(separator: "/", omittingEmptySubsequences: false) {
      current += (current.isEmpty && component.isEmpty) ? "/" : (current.hasSuffix("/") || current.isEmpty ? "" : "/") + component
      if !current.isEmpty { mkdir(current, 0o755) }
    }
  }

  /// Writes a file atomically (temporary name, then rename) with `mode`.
  public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
    let temporary = "\(path).\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw ToolError("cannot write \(path): \(String(cString: strerror(errno)))") }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        close(fd)
        unlink(temporary)
        throw ToolError("cannot write \(path): \(String(cString: strerror(errno)))")
      }
      offset += written
    }
    close(fd)
    guard rename(temporary, path) == 0 else { throw ToolError("cannot write \(path): \(String(cString: strerror(errno)))") }
  }
}

extension FileBytes {
  /// Calls `body` with a read-only mapping of the whole file, or returns nil
  /// when it cannot be opened, is empty or is not a regular file.
  ///
  /// Why: reading a multi-megabyte file into a fresh array first zero-fills
  /// the array, page by page, then copies into it; the compiled pattern
  /// database is 2.5 MB, and those page faults were a quarter of a
  /// one-record run's CPU. A mapping shares the page cache's pages instead.
  /// The mapping is gone when `body` returns: nothing may keep the pointer.
  public static func withMapped<T>(path: String, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 else { return nil }
    let size = Int(info.st_size)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
    defer { munmap(address, size) }
    return try body(UnsafeRawBufferPointer(start: address, count: size))
  }
}

extension FileBytes {
  /// Everything readable from a descriptor (standard input for --diff).
  public static func readAll(fd: Int32) throws -> [UInt8] {
    try readAll(fd: fd, limit: .max)!
  }

  /// Everything readable from a descriptor, or nil once more than `limit`
  /// bytes arrived.
  public static func readAll(fd: Int32, limit: Int) throws -> [UInt8]? {
    // A regular file says how big it is: read it straight into one buffer
    // of that size (growing by 64 KB appends reallocated and copied the
    // 2.6 MB pattern cache over and over: a third of tp-scan's start-up).
    var info = stat()
    let expected = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
    if expected > limit { return nil }
    // One spare byte, so that reaching the end needs no second buffer.
    var output = [UInt8](repeating: 0, count: expected + 1)
    var filled = 0
    while true {
      if filled == output.count { output.append(contentsOf: repeatElement(0, count: max(1 << 16, output.count))) }
      let count = output.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
      if count < 0 {
        if errno == EINTR { continue }
        throw ToolError("cannot read input: \(String(cString: strerror(errno)))")
      }
      if count == 0 {
        output.removeSubrange(filled...)
        return output
      }
      filled += count
      if filled > limit { return nil }
    }
  }
}
