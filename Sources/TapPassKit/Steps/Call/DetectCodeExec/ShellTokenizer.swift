/// A small POSIX-shell tokenizer: enough of the grammar to see which
/// programs a command line runs and with what arguments, so that rules
/// judge commands rather than raw strings. It splits on `;`, `&`, `&&`,
/// `||`, `|` and newlines; removes quotes and backslashes from words;
/// records redirections; and parses `$(...)`, backquotes and the script of
/// `sh -c '...'` (by the caller) as nested commands. Byte offsets always
/// point into the original text. Nesting is bounded (`maxDepth`).
///
/// Every field a step reads goes through here (prose too: a sentence is a
/// command whose program is its first word), so the result is kept flat and
/// allocation-free per word: the unquoted texts of all words stand back to
/// back in `ShellParse.text`, and words, redirections and commands refer to
/// it and to each other by index ranges.
struct ShellWord {
  /// The unquoted text, a range of `ShellParse.text`.
  var text: Range<Int>
  /// The raw word in the parsed bytes.
  var start: Int
  var end: Int
  /// Which marker bytes the text holds (`ByteClass`), so rules can skip
  /// words that cannot match without reading them.
  var classes: ByteClass
}

/// Marker bytes of a word's text, one bit each, plus whether it starts with
/// `-` (an option).
struct ByteClass: OptionSet {
  var rawValue: UInt16
  static let slash = ByteClass(rawValue: 1 << 0)
  static let at = ByteClass(rawValue: 1 << 1)
  static let colon = ByteClass(rawValue: 1 << 2)
  static let comma = ByteClass(rawValue: 1 << 3)
  static let dot = ByteClass(rawValue: 1 << 4)
  static let equals = ByteClass(rawValue: 1 << 5)
  static let option = ByteClass(rawValue: 1 << 6)

  static let table: [UInt16] = (0..<256).map { byte -> UInt16 in
    switch byte {
    case 0x2F: slash.rawValue
    case 0x40: at.rawValue
    case 0x3A: colon.rawValue
    case 0x2C: comma.rawValue
    case 0x2E: dot.rawValue
    case 0x3D: equals.rawValue
    default: 0
    }
  }
}

/// A redirection operator, reduced to what the rules ask of it.
struct RedirectOp: OptionSet {
  var rawValue: UInt8
  /// Ends in `>`: the target is written.
  static let writes = RedirectOp(rawValue: 1)
  /// Holds `&` but does not start with it (`>&`, `1>&0`): descriptors joined.
  static let joinsDescriptor = RedirectOp(rawValue: 2)

  init(rawValue: UInt8) { self.rawValue = rawValue }

  init(_ op: some BidirectionalCollection<UInt8>) {
    var value: UInt8 = 0
    if op.last == 0x3E { value |= 1 }
    if op.contains(0x26), op.first != 0x26 { value |= 2 }
    rawValue = value
  }
}

struct ShellRedirect {
  var op: RedirectOp
  var target: ShellWord
}

struct ShellCommand {
  /// Ranges of `ShellParse.words` and `ShellParse.redirects`.
  var words: Range<Int>
  var redirects: Range<Int>
  /// Whether the previous command's output is piped into this one.
  var pipedInto = false
  var start: Int
  var end: Int
  /// The union of its words' classes.
  var classes: ByteClass = []
}

/// The commands of one text, nested ones after their parent.
struct ShellParse {
  var text: [UInt8] = []
  var words: [ShellWord] = []
  var redirects: [ShellRedirect] = []
  var commands: [ShellCommand] = []

  /// Room for parsing about `bytes` bytes without growing step by step.
  mutating func reserve(_ bytes: Int) {
    text.reserveCapacity(bytes)
    words.reserveCapacity(bytes / 8 + 4)
    commands.reserveCapacity(bytes / 64 + 4)
  }
}

enum ShellTokenizer {
  static let maxDepth = 6
  static let maxCommands = 512

  /// Parses `bytes[range]` into `parse` (nested commands follow their parent).
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, depth: Int = 0, into parse: inout ShellParse) {
    guard depth <= maxDepth else { return }
    var index = range.lowerBound
    let end = range.upperBound
    var current = ShellCommand(words: parse.words.count..<parse.words.count, redirects: parse.redirects.count..<parse.redirects.count,
                               start: index, end: index)
    var pendingRedirect: RedirectOp? = nil
    var nested: [Range<Int>] = []
    // Where the current command's texts begin in `parse.text`.
    var textStart = parse.text.count

    func finish(_ at: Int, pipe: Bool) {
      current.words = current.words.lowerBound..<parse.words.count
      current.redirects = current.redirects.lowerBound..<parse.redirects.count
      if !current.words.isEmpty || !current.redirects.isEmpty, parse.commands.count < maxCommands {
        current.end = at
        parse.commands.append(current)
      } else {
        // A command not kept (past `maxCommands`) keeps no words: nested
        // `$(…)` can repeat the rest of the text at every level.
        parse.words.removeSubrange(current.words)
        parse.redirects.removeSubrange(current.redirects)
        parse.text.removeSubrange(textStart...)
      }
      for inner in nested { ShellTokenizer.parse(bytes, inner, depth: depth + 1, into: &parse) }
      nested.removeAll(keepingCapacity: true)
      textStart = parse.text.count
      current = ShellCommand(words: parse.words.count..<parse.words.count, redirects: parse.redirects.count..<parse.redirects.count,
                             start: at + 1, end: at + 1)
      current.pipedInto = pipe
    }

    while index < end {
      let byte = bytes[index]
      switch byte {
      case 0x20, 0x09, 0x0D:
        index += 1
        if parse.words.count == current.words.lowerBound { current.start = index }
      case 0x0A, 0x3B:  // newline, ;
        finish(index, pipe: false)
        index += 1
      case 0x26 where index + 1 < end && bytes[index + 1] == 0x3E:  // &> redirect
        index += bytes.count > index + 2 && bytes[index + 2] == 0x3E ? 3 : 2
        pendingRedirect = RedirectOp([0x26, 0x3E])
      case 0x26:  // & or &&
        finish(index, pipe: false)
        index += index + 1 < end && bytes[index + 1] == 0x26 ? 2 : 1
      case 0x7C:  // | or ||
        let double = index + 1 < end && bytes[index + 1] == 0x7C
        finish(index, pipe: !double)
        index += double ? 2 : 1
      case 0x3C, 0x3E:  // redirections: < > >> << 2>&1 &>
        let opStart = index
        while index < end, bytes[index] == 0x3C || bytes[index] == 0x3E || bytes[index] == 0x26 || bytes[index] == 0x7C { index += 1 }
        let op = RedirectOp(UnsafeBufferPointer(rebasing: bytes[opStart..<index]))
        // "2>&1": the descriptor digit after & is part of the operator.
        if bytes[index - 1] == 0x26, index < end, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
          let text = parse.text.count
          parse.text.append(bytes[index])
          parse.redirects.append(ShellRedirect(op: op, target: ShellWord(text: text..<text + 1, start: index, end: index + 1, classes: [])))
          index += 1
          continue
        }
        pendingRedirect = op
      case 0x23 where parse.words.count == current.words.lowerBound && pendingRedirect == nil:  // comment
        while index < end, bytes[index] != 0x0A { index += 1 }
      default:
        let word = readWord(bytes, &index, end, nested: &nested, text: &parse.text)
        if let op = pendingRedirect {
          parse.redirects.append(ShellRedirect(op: op, target: word))
          pendingRedirect = nil
        } else {
          // A descriptor digit right before a redirection ("2>") is not a word.
          if index < end, bytes[index] == 0x3E || bytes[index] == 0x3C, word.text.count == 1,
            parse.text[word.text.lowerBound] >= 0x30 && parse.text[word.text.lowerBound] <= 0x39
          {
            continue
          }
          if parse.words.count == current.words.lowerBound { current.start = word.start }
          parse.words.append(word)
          current.classes.formUnion(word.classes)
        }
      }
    }
    finish(end, pipe: false)
  }

  /// Reads one word, removing quotes and escapes, onto the end of `text`;
  /// `$(...)` and backquoted spans are recorded in `nested` and kept in the
  /// word's text.
  static func readWord(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int, nested: inout [Range<Int>],
                       text: inout [UInt8]) -> ShellWord {
    let start = index
    let textStart = text.count
    words: while index < end {
      let byte = bytes[index]
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x26, 0x7C, 0x3C, 0x3E:
        break words
      case 0x27:  // '…': literal
        index += 1
        let from = index
        while index < end, bytes[index] != 0x27 { index += 1 }
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
        index = min(index + 1, end)
      case 0x22:  // "…": escapes and substitutions
        index += 1
        while index < end, bytes[index] != 0x22 {
          if bytes[index] == 0x5C, index + 1 < end { index += 1 }
          if bytes[index] == 0x24, index + 1 < end, bytes[index + 1] == 0x28 {
            let close = matchingParen(bytes, index + 1, end)
            nested.append(index + 2..<close)
          }
          text.append(bytes[index]); index += 1
        }
        index = min(index + 1, end)
      case 0x5C:  // backslash
        if index + 1 < end { text.append(bytes[index + 1]) }
        index += 2
      case 0x24 where index + 1 < end && bytes[index + 1] == 0x28:  // $(
        let close = matchingParen(bytes, index + 1, end)
        nested.append(index + 2..<close)
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<min(close + 1, end)]))
        index = min(close + 1, end)
      case 0x60:  // `…`
        var close = index + 1
        while close < end, bytes[close] != 0x60 { close += 1 }
        nested.append(index + 1..<close)
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<min(close + 1, end)]))
        index = min(close + 1, end)
      default:
        // A run of plain bytes at once.
        let from = index
        index += 1
        while index < end, Self.plain[Int(bytes[index])] { index += 1 }
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
      }
    }
    index = min(index, end)
    var classes: UInt16 = 0
    if textStart < text.count {
      for position in textStart..<text.count { classes |= ByteClass.table[Int(text[position])] }
      if text[textStart] == 0x2D { classes |= ByteClass.option.rawValue }
    }
    return ShellWord(text: textStart..<text.count, start: start, end: index, classes: ByteClass(rawValue: classes))
  }

  /// Bytes that neither end a word nor start quoting, escapes or substitutions.
  static let plain: [Bool] = (0..<256).map { byte in
    ![0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x26, 0x7C, 0x3C, 0x3E, 0x27, 0x22, 0x5C, 0x24, 0x60].contains(byte)
  }

  /// The index of the `)` closing the `(` at `open` (or `end`).
  static func matchingParen(_ bytes: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int) -> Int {
    var depth = 0
    var index = open
    while index < end {
      if bytes[index] == 0x28 { depth += 1 }
      if bytes[index] == 0x29 {
        depth -= 1
        if depth == 0 { return index }
      }
      index += 1
    }
    return end
  }
}
