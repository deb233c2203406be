/// A small POSIX-shell tokenizer: enough of the grammar to see which
/// programs a command line runs and with what arguments, so that rules
/// judge commands rather than raw strings. It splits on `;`, `&`, `&&`,
/// `||`, `|` and newlines; removes quotes and backslashes from words;
/// records redirections; and parses `$(...)`, backquotes and the script of
/// `sh -c '...'` (by the caller) as nested commands. Byte offsets always
/// point into the original text. Nesting is bounded (`maxDepth`).
struct ShellCommand {
  struct Word {
    var text: [UInt8]
    var start: Int
    var end: Int
  }

  var words: [Word] = []
  var redirects: [(op: [UInt8], target: Word)] = []
  /// Whether the previous command's output is piped into this one.
  var pipedInto = false
  var start: Int
  var end: Int
  var depth: Int

  func word(_ index: Int) -> String { String(decoding: words[index].text, as: UTF8.self) }
}

enum ShellTokenizer {
  static let maxDepth = 6
  static let maxCommands = 512

  /// Parses `bytes[range]` into commands (nested ones follow their parent).
  static func parse(_ bytes: [UInt8], _ range: Range<Int>, depth: Int = 0, into commands: inout [ShellCommand]) {
    guard depth <= maxDepth else { return }
    var index = range.lowerBound
    let end = range.upperBound
    var current = ShellCommand(start: index, end: index, depth: depth)
    var pendingRedirect: [UInt8]? = nil
    var nested: [Range<Int>] = []

    func finish(_ at: Int, pipe: Bool) {
      if !current.words.isEmpty || !current.redirects.isEmpty, commands.count < maxCommands {
        current.end = at
        commands.append(current)
      }
      for inner in nested { parse(bytes, inner, depth: depth + 1, into: &commands) }
      nested = []
      current = ShellCommand(start: at + 1, end: at + 1, depth: depth)
      current.pipedInto = pipe
    }

    while index < end {
      let byte = bytes[index]
      switch byte {
      case 0x20, 0x09, 0x0D:
        index += 1
        if current.words.isEmpty { current.start = index }
      case 0x0A, 0x3B:  // newline, ;
        finish(index, pipe: false)
        index += 1
      case 0x26 where index + 1 < end && bytes[index + 1] == 0x3E:  // &> redirect
        index += bytes.count > index + 2 && bytes[index + 2] == 0x3E ? 3 : 2
        pendingRedirect = [0x26, 0x3E]
      case 0x26:  // & or &&
        finish(index, pipe: false)
        index += index + 1 < end && bytes[index + 1] == 0x26 ? 2 : 1
      case 0x7C:  // | or ||
        let double = index + 1 < end && bytes[index + 1] == 0x7C
        finish(index, pipe: !double)
        index += double ? 2 : 1
      case 0x3C, 0x3E:  // redirections: < > >> << 2>&1 &>
        var op: [UInt8] = []
        while index < end, bytes[index] == 0x3C || bytes[index] == 0x3E || bytes[index] == 0x26 || bytes[index] == 0x7C {
          op.append(bytes[index]); index += 1
        }
        // "2>&1": the descriptor digit after & is part of the operator.
        if op.last == 0x26, index < end, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
          current.redirects.append((op, ShellCommand.Word(text: [bytes[index]], start: index, end: index + 1)))
          index += 1
          continue
        }
        pendingRedirect = op
      case 0x23 where current.words.isEmpty && pendingRedirect == nil:  // comment
        while index < end, bytes[index] != 0x0A { index += 1 }
      default:
        let word = readWord(bytes, &index, end, nested: &nested)
        if let op = pendingRedirect {
          current.redirects.append((op, word))
          pendingRedirect = nil
        } else {
          // A descriptor digit right before a redirection ("2>") is not a word.
          if index < end, bytes[index] == 0x3E || bytes[index] == 0x3C, word.text.count == 1, word.text[0] >= 0x30 && word.text[0] <= 0x39 { continue }
          if current.words.isEmpty { current.start = word.start }
          current.words.append(word)
        }
      }
    }
    finish(end, pipe: false)
  }

  /// Reads one word, removing quotes and escapes; `$(...)` and backquoted
  /// spans are recorded in `nested` and kept in the word's text.
  static func readWord(_ bytes: [UInt8], _ index: inout Int, _ end: Int, nested: inout [Range<Int>]) -> ShellCommand.Word {
    let start = index
    var text: [UInt8] = []
    while index < end {
      let byte = bytes[index]
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x26, 0x7C, 0x3C, 0x3E:
        return ShellCommand.Word(text: text, start: start, end: index)
      case 0x27:  // '…': literal
        index += 1
        while index < end, bytes[index] != 0x27 { text.append(bytes[index]); index += 1 }
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
        text.append(contentsOf: bytes[index..<min(close + 1, end)])
        index = min(close + 1, end)
      case 0x60:  // `…`
        var close = index + 1
        while close < end, bytes[close] != 0x60 { close += 1 }
        nested.append(index + 1..<close)
        text.append(contentsOf: bytes[index..<min(close + 1, end)])
        index = min(close + 1, end)
      default:
        text.append(byte)
        index += 1
      }
    }
    index = min(index, end)
    return ShellCommand.Word(text: text, start: start, end: index)
  }

  /// The index of the `)` closing the `(` at `open` (or `end`).
  static func matchingParen(_ bytes: [UInt8], _ open: Int, _ end: Int) -> Int {
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
