import Glibc

/// Produces the views of a field that differ from its raw bytes: the folded
/// view, and the decoded content of embedded blobs (recursively, folded
/// again), each mapped back to original offsets.
///
/// All work is bounded so that hostile input cannot make inspection slow:
/// at most `maxDecodedBytes` decoded in total per field, `maxDepth` nested
/// decodings and `maxViews` views. When a bound cuts inspection short,
/// `incomplete` is set and the engine reports it, so enforce mode fails
/// closed instead of passing what it could not read.
public struct TextNormalizer: Sendable {
  public var maxDepth = 8
  public var maxDecodedBytes = 1 << 20
  public var maxViews = 32
  /// Folding copies the text with two offsets per byte; beyond this many
  /// bytes of one view the rest is not folded (and that is reported).
  public var maxFoldedBytes = 1 << 20

  public init() {}

  public struct Result: Sendable {
    public var views: [TextView] = []
    public var incomplete = false
  }

  public func views(of bytes: [UInt8]) -> Result {
    var result = Result()
    var budget = maxDecodedBytes
    let identity = TextView(kind: .folded, bytes: bytes, origins: [], originEnds: [], depth: 0)
    expand(identity, isRaw: true, into: &result, budget: &budget)
    return result
  }

  /// Adds the folded form of `view` (when it differs) and the decoded blobs
  /// found in it, recursively.
  private func expand(_ view: TextView, isRaw: Bool, into result: inout Result, budget: inout Int) {
    if view.bytes.count > maxFoldedBytes { result.incomplete = true }
    let survey = ByteSurvey(view.bytes, foldLimit: maxFoldedBytes)
    if survey.mayFold, let folded = Self.fold(view, isRaw: isRaw, limit: maxFoldedBytes) {
      if result.views.count >= maxViews { result.incomplete = true; return }
      result.views.append(folded)
    }
    // Blobs are looked for in the unfolded text: folding (leetspeak above
    // all) would corrupt their alphabet.
    guard survey.mayHoldBlob else { return }
    for blob in BlobDecoder.blobs(in: view.bytes) {
      if view.depth >= maxDepth || result.views.count >= maxViews || budget <= 0 {
        result.incomplete = true
        return
      }
      let limit = min(budget, blob.range.count)
      let text = BlobDecoder.decode(view.bytes, blob, limit: limit)
      if blob.range.count > limit { result.incomplete = true }
      guard BlobDecoder.looksLikeText(text) else { continue }
      budget -= text.count
      let original = Self.origin(view, isRaw, blob.range.lowerBound, blob.range.upperBound)
      var builder = TextViewBuilder(capacity: text.count)
      for byte in text { builder.append(byte, from: original.lowerBound, to: original.upperBound) }
      let child = builder.view(.decoded, depth: view.depth + 1)
      result.views.append(child)
      expand(child, isRaw: false, into: &result, budget: &budget)
    }
  }

  /// The folded form of a view, or nil when folding changes nothing.
  /// Callers ask `ByteSurvey.mayFold` first, which rules out most text.
  static func fold(_ view: TextView, isRaw: Bool, limit: Int) -> TextView? {
    let bytes = view.bytes.count > limit ? Array(view.bytes[..<limit]) : view.bytes
    var scalars = TextViewBuilder(capacity: bytes.count)
    // A raw field maps to itself: its ASCII runs are copied whole.
    let identity = isRaw && view.origins.isEmpty
    bytes.withUnsafeBufferPointer { buffer in
      var position = 0
      while position < buffer.count {
        if identity, buffer[position] < 0x80 {
          let end = asciiRun(buffer, from: position + 1)
          scalars.appendIdentity(buffer, position..<end)
          position = end
          continue
        }
        let length = UTF8Validation.sequenceLength(buffer, position)
        let original = origin(view, isRaw, position, position + max(length, 1))
        if length <= 1 {
          scalars.append(buffer[position], from: original.lowerBound, to: original.upperBound)
          position += 1
          continue
        }
        let scalar = UTF8Validation.decode(buffer, position).scalar
        switch CharacterFolding.fold(scalar) {
        case .keep:
          for offset in 0..<length { scalars.append(buffer[position + offset], from: original.lowerBound, to: original.upperBound) }
        case .drop:
          break
        case .ascii(let ascii):
          scalars.append(ascii, from: original.lowerBound, to: original.upperBound)
        }
        position += length
      }
    }
    let folded = foldWords(scalars)
    if sameBytes(folded.bytes, bytes) { return nil }
    if isRaw, let excerpt = excerpt(folded, of: bytes) { return excerpt.view(.folded, depth: view.depth) }
    return folded.view(.folded, depth: view.depth)
  }

  /// Where the run of ASCII bytes from `start` ends, eight bytes at a time
  /// (a byte at a time was a tenth of folding a field).
  @inline(__always)
  static func asciiRun(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var end = start
    while end + 8 <= buffer.count {
      let word = UnsafeRawPointer(buffer.baseAddress! + end).loadUnaligned(as: UInt64.self)
      let high = UInt64(littleEndian: word) & 0x8080_8080_8080_8080
      if high != 0 { return end + high.trailingZeroBitCount >> 3 }
      end += 8
    }
    while end < buffer.count, buffer[end] < 0x80 { end += 1 }
    return end
  }

  /// `a == b` by memcmp: `==` on arrays compares element by element.
  static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBytes { a in
      b.withUnsafeBytes { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
    }
  }

  /// Bytes of context kept on each side of a change in a folded excerpt.
  static let excerptContext = 256

  /// The parts of a folded field around what folding changed, joined by
  /// line breaks; nil when they would cover most of the field anyway.
  ///
  /// Why: one token with letters and digits in it (a key, an id, a hash)
  /// is folded like leetspeak, and the whole field, kilobytes of it, was
  /// then scanned and scored a second time for one changed word: it made
  /// such records three times as slow as others. Every rule and window of
  /// the model that could read a change still sees it, with a sentence or
  /// two around it; text far from any change reads the same folded or not,
  /// and the raw scan already covers it.
  static func excerpt(_ folded: TextViewBuilder, of raw: [UInt8]) -> TextViewBuilder? {
    let count = folded.bytes.count
    var windows: [Range<Int>] = []
    func cover(_ index: Int) {
      let window = max(0, index - excerptContext)..<min(count, index + excerptContext + 1)
      if let last = windows.last, last.upperBound >= window.lowerBound {
        windows[windows.count - 1] = last.lowerBound..<window.upperBound
      } else {
        windows.append(window)
      }
    }
    var previousEnd: Int32 = 0
    // Through buffer pointers: the arrays' bounds checks were most of this loop.
    folded.origins.withUnsafeBufferPointer { origins in
      folded.originEnds.withUnsafeBufferPointer { originEnds in
        folded.bytes.withUnsafeBufferPointer { bytes in
          raw.withUnsafeBufferPointer { raw in
            for index in 0..<count {
              let start = origins[index], end = originEnds[index]
              let same = end == start + 1 && start == previousEnd && raw[Int(start)] == bytes[index]
              previousEnd = end
              if !same { cover(index) }
            }
          }
        }
      }
    }
    // Bytes dropped at the very end are a change too, after the last byte.
    if Int(previousEnd) != raw.count, count > 0 { cover(count - 1) }
    let covered = windows.reduce(0) { $0 + $1.count }
    guard !windows.isEmpty, covered < count * 3 / 4 else { return nil }
    var excerpt = TextViewBuilder(capacity: covered + windows.count)
    for (number, window) in windows.enumerated() {
      if number > 0 {
        let joint = Int(folded.originEnds[windows[number - 1].upperBound - 1])
        excerpt.append(0x0A, from: joint, to: joint)
      }
      // A window's bytes and their origins as they are, a block at a time.
      excerpt.append(folded, window)
    }
    return excerpt
  }

  @inline(__always)
  static func origin(_ view: TextView, _ isRaw: Bool, _ start: Int, _ end: Int) -> Range<Int> {
    isRaw && view.origins.isEmpty ? start..<end : view.originalRange(start, end)
  }

  @inline(__always)
  static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

  @inline(__always)
  static func isWordByte(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= 0x30 && byte <= 0x39) }

  /// Second pass over the character-folded bytes: leetspeak inside words
  /// that have letters, and letter-spaced words ("i g n o r e") joined.
  static func foldWords(_ input: TextViewBuilder) -> TextViewBuilder {
    // Through a buffer pointer: the array's bounds checks were a third of the loop.
    input.bytes.withUnsafeBufferPointer { foldWords(input, $0) }
  }

  private static func foldWords(_ input: TextViewBuilder, _ bytes: UnsafeBufferPointer<UInt8>) -> TextViewBuilder {
    var output = TextViewBuilder(capacity: bytes.count)
    // What folding leaves alone is copied in runs: input before `copied` is
    // already in the output.
    var copied = 0
    var index = 0
    while index < bytes.count {
      // A word: a run of letters, digits and leet symbols.
      var end = index
      var letters = 0
      while end < bytes.count, isLetter(bytes[end]) || (bytes[end] >= 0x30 && bytes[end] <= 0x39) || (CharacterFolding.leet(bytes[end]) != nil && end > index) {
        if isLetter(bytes[end]) { letters += 1 }
        end += 1
      }
      if end == index {
        index += 1
        continue
      }
      // Letter spacing: single letters separated by one space, at least 4.
      if end - index == 1, letters == 1 {
        var run = index
        var lastEnd = index
        var count = 0
        while run < bytes.count, isLetter(bytes[run]), run + 1 >= bytes.count || !isWordByte(bytes[run + 1]) {
          count += 1
          run += 1
          lastEnd = run
          guard run + 1 < bytes.count, bytes[run] == 0x20, isLetter(bytes[run + 1]) else { break }
          run += 1
        }
        if count >= 4 {
          output.append(input, copied..<index)
          for position in index..<lastEnd where isLetter(bytes[position]) {
            output.append(bytes[position], from: Int(input.origins[position]), to: Int(input.originEnds[position]))
          }
          index = lastEnd
          copied = lastEnd
          continue
        }
      }
      if letters > 0 && letters < end - index {
        output.append(input, copied..<index)
        for position in index..<end {
          var byte = bytes[position]
          if !isLetter(byte), let letter = CharacterFolding.leet(byte) { byte = letter }
          output.append(byte, from: Int(input.origins[position]), to: Int(input.originEnds[position]))
        }
        copied = end
      }
      index = end
    }
    output.append(input, copied..<bytes.count)
    return output
  }
}
