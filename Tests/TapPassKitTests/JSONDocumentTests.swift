import Testing
@testable import TapPassKit

@Suite struct JSONDocumentTests {
  func parse(_ text: String, maxDepth: Int = 256) throws(JSONDocument.ParseError) -> JSONDocument {
    try JSONDocument(bytes: Array(text.utf8), maxDepth: maxDepth)
  }

  @Test func parsesNestedRecordAndPaths() throws {
    let document = try parse(#"{"messages":[{"role":"user","content":"hi \"there\""}],"n":-1.5e3,"ok":true,"x":null}"#)
    let messages = try #require(document.member("messages", of: 0))
    let first = try #require(document.children(of: messages).first(where: { _ in true }))
    let content = try #require(document.member("content", of: first))
    #expect(document.path(of: content) == "messages[0].content")
    #expect(document.string(content) == #"hi "there""#)
    #expect(document.number(try #require(document.member("n", of: 0))) == -1500)
    #expect(document.bool(try #require(document.member("ok", of: 0))) == true)
  }

  @Test func decodesEscapesAndSurrogates() throws {
    let document = try parse(#"{"t":"a\u00e9\ud83d\ude00\n\ud800x"}"#)
    #expect(document.string(1) == "aé😀\n\u{FFFD}x")
  }

  @Test(arguments: [
    (#"{"a":1"#, JSONDocument.ParseError.Code.malformedJSON),
    (#"{"a":01}"#, .malformedJSON),
    (#"{"a":"\x"}"#, .malformedJSON),
    ("{\"a\":\"\u{01}\"}", .malformedJSON),
    (#"{"a":tru}"#, .malformedJSON),
    ("", .empty),
    ("   ", .empty),
    (#"{"a":1} x"#, .malformedJSON),
  ])
  func rejectsMalformed(text: String, code: JSONDocument.ParseError.Code) {
    #expect(throws: JSONDocument.ParseError.self) { try parse(text) }
    do { _ = try parse(text) } catch { #expect(error.code == code) }
  }

  @Test func rejectsInvalidUTF8() {
    var bytes = Array(#"{"a":"xx"}"#.utf8)
    bytes[7] = 0xC0
    do {
      _ = try JSONDocument(bytes: bytes)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .invalidUTF8)
    }
  }

  @Test func limitsDepthWithoutCrashing() {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    do {
      _ = try parse(deep)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .tooDeep)
    }
  }

  @Test func rejectsDuplicateKeysWhenAsked() throws {
    _ = try parse(#"{"a":1,"a":2}"#)
    #expect(throws: JSONDocument.ParseError.self) {
      try JSONDocument(bytes: Array(#"{"a":1,"\u0061":2}"#.utf8), rejectDuplicateKeys: true)
    }
  }

  @Test func editorAppendsAndMergesSections() throws {
    let first = try parse(#"{"text":"x"}"#)
    let once = RecordEditor.setSection("findings", to: Array("[]".utf8), in: first)
    #expect(String(decoding: once, as: UTF8.self) == #"{"text":"x","tappass":{"version":1,"findings":[]}}"#)
    let second = try JSONDocument(bytes: once)
    let twice = RecordEditor.setSection("route", to: Array("{}".utf8), in: second)
    #expect(String(decoding: twice, as: UTF8.self) == #"{"text":"x","tappass":{"version":1,"findings":[],"route":{}}}"#)
    let replaced = RecordEditor.setSection("findings", to: Array("[1]".utf8), in: try JSONDocument(bytes: twice))
    #expect(String(decoding: replaced, as: UTF8.self) == #"{"text":"x","tappass":{"version":1,"findings":[1],"route":{}}}"#)
    let empty = RecordEditor.setSection("a", to: Array("1".utf8), in: try parse("{ }"))
    #expect(String(decoding: empty, as: UTF8.self) == #"{ "tappass":{"version":1,"a":1}}"#)
  }

  @Test func writerEscapes() {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("s"); writer.string("a\"b\\c\n\u{1}\u{2028}é")
    writer.key("n"); writer.double(0.12345)
    writer.key("a"); writer.beginArray(); writer.int(1); writer.int(2); writer.endArray()
    writer.endObject()
    #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"s":"a\"b\\c\n\u0001\u2028é","n":0.1235,"a":[1,2]}"#)
  }
}
