import Foundation
import Testing

/// A tool between an agent and its model reads one request at a time: each
/// answer must come out before the next request goes in, with one worker or
/// several (the parallel loop writes a batch late, while scanning the next).
@Suite struct InteractiveStreamTests {
  /// Reads one line from `handle`, or nil after `seconds`.
  static func readLine(_ handle: FileHandle, within seconds: Double) -> String? {
    let done = DispatchSemaphore(value: 0)
    let box = LineBox()
    DispatchQueue.global().async {
      var bytes: [UInt8] = []
      while true {
        let byte = handle.readData(ofLength: 1)
        if byte.isEmpty || byte.first == 0x0A { break }
        bytes.append(byte.first!)
      }
      box.line = String(decoding: bytes, as: UTF8.self)
      done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success ? box.line : nil
  }

  final class LineBox: @unchecked Sendable { var line: String? }

  @Test(arguments: ["1", "2", "3"])
  func eachAnswerComesBeforeTheNextRequest(threads: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ToolProcess.binDirectory + "/tp-scan")
    process.arguments = ["--no-progress", "--threads", threads]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    for (number, text) in ["write to jane.doe@example.org", "nothing to see", "key AKIAIOSFODNN7EXAMPLF"].enumerated() {
      input.fileHandleForWriting.write(Data(#"{"id":"r\#(number)","session_id":"s\#(number % 2)","text":"\#(text)"}"#.utf8 + [0x0A]))
      let line = try #require(Self.readLine(output.fileHandleForReading, within: 20), "no answer to request \(number) with \(threads) threads")
      #expect(line.hasPrefix(#"{"id":"r\#(number)""#))
    }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 1)
  }
}
