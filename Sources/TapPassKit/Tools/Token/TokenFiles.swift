import ArgumentParser
import Glibc

/// File access for tp-token: secrets are read straight into `SecureBytes`
/// and private keys are written with mode 0600 through O_CREAT|O_EXCL, so
/// an existing file (or a symlink planted in its place) is never
/// overwritten or followed.
enum TokenFiles {
  /// Reads a whole file (at most `limit` bytes) into wiped-on-free memory.
  /// It is read straight into a `SecureBytes` of `limit` bytes, then the
  /// used prefix is copied into one of the exact size: no growing array
  /// leaves copies of the key in freed heap memory.
  static func readSecret(_ path: String, limit: Int = 1 << 16) throws -> TPCrypto.SecureBytes {
    let fd = try LineReader.open(path: path)
    defer { close(fd) }
    var used = 0
    var failure: Int32 = 0
    let scratch = TPCrypto.SecureBytes(count: limit + 1) { buffer in
      while used < buffer.count {
        let count = Glibc.read(fd, buffer.baseAddress! + used, buffer.count - used)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if count == 0 { return }
        used += count
      }
    }
    if failure != 0 { throw ToolError("cannot read \(path): \(String(cString: strerror(failure)))") }
    if used > limit { throw ToolError("\(path) is larger than \(limit) bytes") }
    return scratch.withUnsafeBytes { source in
      TPCrypto.SecureBytes(count: used) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<used])) }
    }
  }

  static func read(_ path: String, limit: Int = 64 << 20) throws -> [UInt8] {
    let fd = try LineReader.open(path: path)
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw ToolError("cannot read \(path): \(String(cString: strerror(errno)))")
      }
      if count == 0 { return result }
      result.append(contentsOf: chunk[0..<count])
      if result.count > limit { throw ToolError("\(path) is larger than \(limit) bytes") }
    }
  }

  /// Creates `path` exclusively with `mode` and writes `bytes`.
  static func create(_ path: String, mode: mode_t, bytes: UnsafeRawBufferPointer) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
    if fd < 0 {
      if errno == EEXIST { throw ToolError("\(path) exists; refusing to overwrite it") }
      throw ToolError("cannot create \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    // The umask may have cleared bits but never adds any; fchmod makes the
    // mode exact.
    _ = fchmod(fd, mode)
    var offset = 0
    while offset < bytes.count {
      let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw ToolError("cannot write \(path): \(String(cString: strerror(errno)))")
      }
      offset += written
    }
  }

  static func create(_ path: String, mode: mode_t, text: String) throws {
    try Array(text.utf8).withUnsafeBytes { try create(path, mode: mode, bytes: $0) }
  }

  static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// A private signing key from a PKCS#8 PEM file.
  static func signingKey(_ path: String) throws -> TokenSigningKey {
    let pem = try readSecret(path)
    do { return try TokenSigningKey(pem: pem) } catch {
      throw ToolError("\(path): \(error)")
    }
  }

  /// Public keys from a file: an SPKI PEM, a JWK or a JWK Set.
  static func publicKeys(_ path: String) throws -> [TokenPublicKey] {
    let bytes = try read(path, limit: 1 << 20)
    let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
    do {
      if first == UInt8(ascii: "{") { return try TokenJWK.keySet(json: bytes) }
      return [try TokenPublicKey(pem: bytes)]
    } catch {
      throw ToolError("\(path): \(error)")
    }
  }

  /// Usage error (64) for the first malformed scope of an option.
  static func validateScopes(_ scopes: [String], option: String) throws {
    for entry in scopes {
      if let problem = TokenScope.problem(entry) { throw ValidationError("\(option): \(problem)") }
    }
  }

  static func now(_ override: Int64?) -> Int64 {
    override ?? Int64(time(nil))
  }
}

/// `--now`, shared by every subcommand that reads the clock.
struct TokenClockOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(
    "Use this time (seconds since the epoch) instead of the clock: for tests and for replaying audited decisions.",
    valueName: "epoch-seconds"))
  var now: Int64?

  var time: Int64 { TokenFiles.now(now) }
}

