import Glibc

/// Delivers alert records to a webhook: one HTTP/1.1 POST of the JSON
/// record per alert, retried with exponential backoff.
///
/// Only `http://` is supported: TapPass links libcrypto, never libssl
/// (docs/dependencies.md), so an HTTPS endpoint is reached through a local
/// relay (e.g. a sidecar proxy). The body is the alert record itself, which
/// carries no record content, only org, agent, scores and signal names.
public struct Webhook: Sendable {
  public let host: String
  public let port: UInt16
  public let path: String
  public var attempts = 4
  /// Delay before the first retry; doubled for each further retry.
  public var initialBackoffMilliseconds = 250
  public var timeoutSeconds = 5

  public init(url: String) throws {
    guard url.hasPrefix("http://") else {
      throw ToolError("webhook URL must start with http:// (use a local relay for https)")
    }
    let rest = url.dropFirst("http://".count)
    let authority = rest.prefix { $0 != "/" }
    path = rest.count > authority.count ? String(rest.dropFirst(authority.count)) : "/"
    if let colon = authority.lastIndex(of: ":") {
      host = String(authority[..<colon])
      guard let number = UInt16(authority[authority.index(after: colon)...]) else { throw ToolError("webhook URL has a bad port") }
      port = number
    } else {
      host = String(authority)
      port = 80
    }
    guard !host.isEmpty, path.allSatisfy({ $0 > " " && $0 != "\u{7F}" }) else { throw ToolError("webhook URL is malformed") }
  }

  /// Posts `body`; returns the number of attempts used, or throws after
  /// the last failed attempt (status not 2xx, or a network error).
  @discardableResult
  public func post(_ body: [UInt8]) throws -> Int {
    var backoff = initialBackoffMilliseconds
    var lastError = "no attempt made"
    for attempt in 1...max(1, attempts) {
      do {
        let status = try send(body)
        if (200..<300).contains(status) { return attempt }
        lastError = "HTTP status \(status)"
      } catch let error as ToolError {
        lastError = error.message
      }
      if attempt < attempts {
        usleep(UInt32(backoff) * 1000)
        backoff *= 2
      }
    }
    throw ToolError("webhook \(host):\(port) failed after \(attempts) attempts: \(lastError)")
  }

  func send(_ body: [UInt8]) throws -> Int {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var results: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
      throw ToolError("cannot resolve webhook host \(host)")
    }
    defer { freeaddrinfo(results) }
    var candidate: UnsafeMutablePointer<addrinfo>? = first
    var fd: Int32 = -1
    while let info = candidate, fd < 0 {
      fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
      if fd >= 0 {
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
          close(fd)
          fd = -1
        }
      }
      candidate = info.pointee.ai_next
    }
    guard fd >= 0 else { throw ToolError("cannot connect to webhook \(host):\(port)") }
    defer { close(fd) }
    let head = "POST \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nContent-Type: application/json\r\n"
      + "Content-Length: \(body.count)\r\nUser-Agent: tp-audit/\(TapPassVersion.string)\r\nConnection: close\r\n\r\n"
    let request = Array(head.utf8) + body
    var offset = 0
    while offset < request.count {
      let written = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
      if written <= 0 {
        if errno == EINTR { continue }
        throw ToolError("webhook write failed: \(String(cString: strerror(errno)))")
      }
      offset += written
    }
    // The status line is all we need: "HTTP/1.1 204 No Content".
    var response: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1024)
    while !response.contains(0x0A) && response.count < 8192 {
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      response.append(contentsOf: chunk.prefix(count))
    }
    let statusLine = String(decoding: response.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
    let parts = statusLine.split(separator: " ")
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
      throw ToolError("webhook gave no HTTP status")
    }
    return status
  }
}
