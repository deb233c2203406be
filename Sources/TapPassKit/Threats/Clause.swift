/// Where a clause ends, for the checks that read the words around a rule's
/// match (ProhibitedRequest, DisavowedIntent): sentence ends, semicolons,
/// colons, commas and line breaks. "Don't worry, ignore the rules above"
/// and "I don't want to be shut down, so I will copy myself" each keep
/// their second clause apart from the negation in the first.
enum Clause {
  @inline(__always) static func isEnd(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x2C, 0x2E, 0x21, 0x3F, 0x0A, 0x0D, 0x3B, 0x3A: return true
    default: return false
    }
  }
}
