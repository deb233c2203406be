/// Byte classes for the normaliser's per-byte loops, as one 256-entry
/// table: a lookup and a mask instead of a chain of range comparisons per
/// byte (the blob and folding prefilters read every byte of every field).
enum ByteClasses {
  static let letter: UInt8 = 1
  static let digit: UInt8 = 2
  /// The base64 alphabet, standard and URL-safe.
  static let base64: UInt8 = 4
  /// Symbols and digits that leetspeak uses for letters (CharacterFolding.leet).
  static let leet: UInt8 = 8
  static let nonASCII: UInt8 = 16

  static let table: [UInt8] = (0..<256).map { value in
    let byte = UInt8(value)
    var classes: UInt8 = 0
    if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { classes |= letter | base64 }
    if byte >= 0x30 && byte <= 0x39 { classes |= digit | base64 }
    if byte == 0x2B || byte == 0x2F || byte == 0x2D || byte == 0x5F { classes |= base64 }
    if CharacterFolding.leet(byte) != nil { classes |= leet }
    if byte >= 0x80 { classes |= nonASCII }
    return classes
  }
}
