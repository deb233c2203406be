import Glibc

/// Visits the text fields of a request record (the fields `RequestFields`
/// finds) as byte buffers, without copying strings that have no escapes:
/// the classifier and the router scan these directly.
public enum RecordText {
  public static func forEachField(
    _ document: JSONDocument, _ body: (_ node: Int, _ role: FieldRole, _ bytes: UnsafeBufferPointer<UInt8>) -> Void
  ) {
    let fields = RequestFields.extract(document)
    document.bytes.withUnsafeBufferPointer { all in
      for field in fields {
        let node = document.nodes[field.node]
        if node.isEscapedString {
          let decoded = document.stringBytes(field.node)
          decoded.withUnsafeBufferPointer { body(field.node, field.role, $0) }
        } else {
          body(field.node, field.role, UnsafeBufferPointer(rebasing: all[Int(node.start)..<Int(node.end)]))
        }
      }
    }
  }
}

/// The text fields of a record joined into one buffer, each followed by a
/// newline, so that one Hyperscan call scans a whole record (the per-call
/// cost dominated when each field was scanned on its own). The newline
/// keeps `^`/`\n` anchors and word boundaries at field edges; a match that
/// crosses from one field into the next is dropped by `field(containing:)`.
public struct JoinedText {
  public var bytes: [UInt8] = []
  /// Per field: its node and where its bytes start in `bytes`.
  public var nodes: [Int] = []
  public var starts: [Int] = []

  public init(_ document: JSONDocument) {
    self.init(document, fields: RequestFields.extract(document), bytes: [], nodes: [], starts: [])
  }

  /// Joins into buffers taken from `scratch`; `recycle` gives them back.
  init(_ document: JSONDocument, scratch: RecordScratch) {
    var fields = RecordScratch.take(&scratch.fields)
    RequestFields.extract(document, into: &fields)
    self.init(document, fields: fields, bytes: RecordScratch.take(&scratch.text),
      nodes: RecordScratch.take(&scratch.nodes), starts: RecordScratch.take(&scratch.starts))
    scratch.fields = fields
  }

  func recycle(_ scratch: RecordScratch) {
    scratch.text = bytes
    scratch.nodes = nodes
    scratch.starts = starts
  }

  private init(_ document: JSONDocument, fields: [RequestFields.Field], bytes: [UInt8], nodes: [Int], starts: [Int]) {
    var (bytes, nodes, starts) = (bytes, nodes, starts)
    if !fields.isEmpty {
      // A decoded string is never longer than its raw JSON body, so the
      // buffer is sized once; escaped strings are decoded in place.
      var capacity = fields.count
      for field in fields { capacity += Int(document.nodes[field.node].end - document.nodes[field.node].start) }
      nodes.reserveCapacity(fields.count)
      starts.reserveCapacity(fields.count)
      bytes.append(contentsOf: repeatElement(0, count: capacity))
      let count = bytes.withUnsafeMutableBufferPointer { buffer in
        document.bytes.withUnsafeBufferPointer { all in
          var position = 0
          for field in fields {
            let node = document.nodes[field.node]
            nodes.append(field.node)
            starts.append(position)
            let raw = UnsafeBufferPointer(rebasing: all[Int(node.start)..<Int(node.end)])
            if node.isEscapedString {
              position += JSONUnescape.decode(raw, into: buffer.baseAddress! + position)
            } else if !raw.isEmpty {
              UnsafeMutableRawPointer(buffer.baseAddress! + position).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
              position += raw.count
            }
            buffer[position] = 0x0A
            position += 1
          }
          return position
        }
      }
      bytes.removeLast(capacity - count)
    }
    self.bytes = bytes
    self.nodes = nodes
    self.starts = starts
  }

  /// The field holding `start..<end` and the range relative to the field,
  /// or nil when the range crosses a field boundary.
  public func field(containing start: Int, _ end: Int) -> (index: Int, start: Int, end: Int)? {
    var low = 0, high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= start { low = middle } else { high = middle - 1 }
    }
    let fieldEnd = low + 1 < starts.count ? starts[low + 1] - 1 : bytes.count - 1
    guard end <= fieldEnd else { return nil }
    return (low, start - starts[low], end - starts[low])
  }
}

/// What a record says about itself: who sends it and which data categories
/// it declares (`data_categories` at the top level or in `metadata`).
public struct RecordContext: Sendable, Equatable {
  public var org: String?
  public var agent: String?
  public var trustTier: String?
  public var categories: [String] = []

  public init(org: String? = nil, agent: String? = nil, trustTier: String? = nil, categories: [String] = []) {
    self.org = org
    self.agent = agent
    self.trustTier = trustTier
    self.categories = categories
  }

  public init(_ document: JSONDocument) {
    func text(_ key: String) -> String? { document.member(key, of: 0).flatMap { document.string($0) } }
    org = text("org_id")
    agent = text("agent_id")
    trustTier = text("trust_tier")
    var holder: Int? = document.member("data_categories", of: 0)
    if holder == nil, let metadata = document.member("metadata", of: 0) {
      holder = document.member("data_categories", of: metadata)
    }
    if let holder {
      if let single = document.string(holder) {
        categories = [single]
      } else {
        categories = document.children(of: holder).compactMap { document.string($0) }
      }
    }
  }
}

/// The part of a finding classification needs (the finding contract:
/// `step`, `type`, `path`), read from `tappass.findings` or taken from an
/// in-process scan.
public struct FindingFact: Sendable, Equatable {
  public var step: String
  public var type: String
  public var path: String

  public init(step: String, type: String, path: String) {
    self.step = step
    self.type = type
    self.path = path
  }

  public init(_ finding: Finding) {
    self.init(step: finding.step, type: finding.type, path: finding.path)
  }

  /// The findings already on the record, or nil when it was never scanned
  /// (no `tappass.findings` array).
  public static func read(_ document: JSONDocument) -> [FindingFact]? {
    guard let tappass = document.member("tappass", of: 0),
      let findings = document.member("findings", of: tappass),
      document.nodes[findings].kind == .array
    else { return nil }
    return document.children(of: findings).compactMap { item in
      guard let step = document.member("step", of: item).flatMap({ document.string($0) }),
        let type = document.member("type", of: item).flatMap({ document.string($0) })
      else { return nil }
      let path = document.member("path", of: item).flatMap { document.string($0) } ?? ""
      return FindingFact(step: step, type: type, path: path)
    }
  }
}

/// `JSONString.unescape` writing into a caller's buffer, with the runs
/// between backslashes found by `memchr`: the joined text of a record is
/// decoded without an array per escaped field. The common one-character
/// escapes are decoded here; from the first `\u` on, the rest is left to
/// `JSONString.unescape` (decoding is stateless at an escape, so its
/// decoding of the rest is the rest of its decoding of the whole).
enum JSONUnescape {
  /// Decodes the raw string body `input` into `output`, which has room
  /// for `input.count` bytes, and returns the number of bytes written.
  static func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
    guard let base = input.baseAddress else { return 0 }
    let count = input.count
    var position = 0, written = 0
    while position < count {
      let run = memchr(base + position, 0x5C, count - position).map { $0.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base) - position }
        ?? (count - position)
      if run > 0 {
        UnsafeMutableRawPointer(output + written).copyMemory(from: base + position, byteCount: run)
        written += run
        position += run
      }
      guard position + 1 < count else { break }
      let decoded: UInt8
      switch input[position + 1] {
      case 0x62: decoded = 0x08
      case 0x66: decoded = 0x0C
      case 0x6E: decoded = 0x0A
      case 0x72: decoded = 0x0D
      case 0x74: decoded = 0x09
      case 0x75:
        let rest = JSONString.unescape(UnsafeBufferPointer(rebasing: input[position...]))
        rest.withUnsafeBufferPointer { UnsafeMutableRawPointer(output + written).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return written + rest.count
      case let other: decoded = other
      }
      output[written] = decoded
      written += 1
      position += 2
    }
    if position < count {
      // A lone trailing backslash (never in validated JSON) is kept.
      output[written] = input[position]
      written += 1
    }
    return written
  }
}
