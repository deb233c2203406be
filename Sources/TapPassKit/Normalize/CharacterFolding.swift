/// Per-character folding for the folded view: what a reader (or a model)
/// would read the character as. Not full NFKC (no decomposition tables are
/// shipped): it covers the compatibility blocks attackers use to spell ASCII
/// words differently, which is what matters for matching instructions.
enum CharacterFolding {
  enum Result: Equatable {
    case keep
    case drop
    case ascii(UInt8)
  }

  static func fold(_ scalar: UInt32) -> Result {
    switch scalar {
    case 0..<0x80:
      return .keep
    // Invisible: zero-width, joiners, marks, BOM, soft hyphen, variation
    // selectors, word joiners, Mongolian vowel separator, tag begin/cancel.
    case 0x200B...0x200F, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF, 0x00AD, 0x034F, 0x180E,
      0xFE00...0xFE0F, 0xE0100...0xE01EF, 0xE0001, 0xE007F, 0x202A...0x202E, 0x2066...0x2069:
      return .drop
    // Tag characters spell ASCII invisibly ("ASCII smuggling"): read them.
    case 0xE0020...0xE007E:
      return .ascii(UInt8(scalar - 0xE0000))
    // Fullwidth ASCII.
    case 0xFF01...0xFF5E:
      return .ascii(UInt8(scalar - 0xFEE0))
    // Spaces of every width read as a space.
    case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
      return .ascii(0x20)
    // Mathematical alphanumerics: 13 styles of A–Z a–z, then digits.
    case 0x1D400...0x1D6A3:
      let offset = (scalar - 0x1D400) % 52
      return .ascii(UInt8(offset < 26 ? 0x41 + offset : 0x61 + offset - 26))
    case 0x1D7CE...0x1D7FF:
      return .ascii(UInt8(0x30 + (scalar - 0x1D7CE) % 10))
    // Circled, parenthesised and squared Latin letters.
    case 0x24B6...0x24CF: return .ascii(UInt8(0x61 + scalar - 0x24B6))
    case 0x24D0...0x24E9: return .ascii(UInt8(0x61 + scalar - 0x24D0))
    case 0x249C...0x24B5: return .ascii(UInt8(0x61 + scalar - 0x249C))
    case 0x1F130...0x1F149: return .ascii(UInt8(0x61 + scalar - 0x1F130))
    case 0x1F150...0x1F169: return .ascii(UInt8(0x61 + scalar - 0x1F150))
    case 0x1F170...0x1F189: return .ascii(UInt8(0x61 + scalar - 0x1F170))
    case 0x1F1E6...0x1F1FF: return .ascii(UInt8(0x61 + scalar - 0x1F1E6))
    default:
      if let letter = confusables[scalar] { return .ascii(letter) }
      return .keep
    }
  }

  /// Letters of other scripts that look like ASCII letters (a subset of
  /// Unicode's confusables.txt: the Cyrillic, Greek, Armenian and Latin
  /// extensions seen in homoglyph attacks).
  static let confusables: [UInt32: UInt8] = {
    var table: [UInt32: UInt8] = [:]
    let pairs: [(String, String)] = [
      ("аеорсухіјѕԁԛԝһԍӏ", "aeopcyxijsdqwhgl"),
      ("АВЕКМНОРСТУХІЈЅ", "abekmhopctyxijs"),
      ("αοορτυνικεϲϳ", "aooptuvikecj"),
      ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx"),
      ("օսցհոաԁ", "oughnwd"),
      ("ɑɡɩɪʏʟᴀʙᴄᴅᴇɢʜᴊᴋᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "agiiylabcdeghjkmnoprstuvwyz"),
      ("ℓℯℊℎℴ℮", "leghoe"),
    ]
    for (from, to) in pairs {
      for (scalar, ascii) in zip(from.unicodeScalars, to.utf8) { table[scalar.value] = ascii }
    }
    return table
  }()

  /// Leetspeak digits and symbols read as letters, applied only inside a
  /// word that also has ASCII letters (so numbers stay numbers).
  @inline(__always)
  static func leet(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30: 0x6F  // 0 → o
    case 0x31: 0x69  // 1 → i
    case 0x33: 0x65  // 3 → e
    case 0x34: 0x61  // 4 → a
    case 0x35: 0x73  // 5 → s
    case 0x37: 0x74  // 7 → t
    case 0x40: 0x61  // @ → a
    case 0x24: 0x73  // $ → s
    case 0x21: 0x69  // ! → i
    case 0x7C: 0x6C  // | → l
    default: nil
    }
  }
}
