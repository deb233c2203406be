import Foundation
import Glibc
import Testing
@testable import TapPassKit

/// Whole-file reads: sized from fstat for regular files, grown for pipes,
/// and a file over the limit refused.
@Suite struct FileBytesTests {
  static func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tp-bytes-\(UUID().uuidString)").path
    try FileBytes.write(bytes, to: path)
    return path
  }

  @Test(arguments: [0, 1, 4095, 65_536, 300_001])
  func regularFilesReadWhole(size: Int) throws {
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let path = try Self.temporaryFile(bytes)
    defer { unlink(path) }
    #expect(FileBytes.read(path: path) == bytes)
    #expect(try FileBytes.read(path: path, limit: size) == bytes)
    if size > 0 { #expect(throws: ToolError.self) { try FileBytes.read(path: path, limit: size - 1) } }
  }

  @Test func pipesReadUntilTheEnd() throws {
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
    let writeEnd = ends[1]
    let writer = Thread {
      bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count { offset += max(0, Glibc.write(writeEnd, raw.baseAddress! + offset, raw.count - offset)) }
      }
      close(writeEnd)
    }
    writer.start()
    defer { close(ends[0]) }
    #expect(try FileBytes.readAll(fd: ends[0]) == bytes)
  }

  @Test(arguments: [1, 4095, 65_536, 300_001])
  func mappedFilesHoldTheSameBytes(size: Int) throws {
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let path = try Self.temporaryFile(bytes)
    defer { unlink(path) }
    #expect(FileBytes.withMapped(path: path) { Array($0) } == bytes)
  }

  @Test func nothingIsMappedForAnEmptyMissingOrSpecialFile() throws {
    let empty = try Self.temporaryFile([])
    defer { unlink(empty) }
    #expect(FileBytes.withMapped(path: empty) { $0.count } == nil)
    #expect(FileBytes.withMapped(path: empty + ".missing") { $0.count } == nil)
    #expect(FileBytes.withMapped(path: "/dev/null") { $0.count } == nil)
    #expect(FileBytes.withMapped(path: FileManager.default.temporaryDirectory.path) { $0.count } == nil)
  }
}
