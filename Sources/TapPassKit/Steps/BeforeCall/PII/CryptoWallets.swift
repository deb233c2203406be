/// Cryptocurrency wallet addresses, validated the way wallets validate
/// them: Bitcoin Base58Check (version byte and a double-SHA-256 checksum),
/// Bitcoin SegWit Bech32/Bech32m (BIP 173/350 checksum), and Ethereum
/// addresses, which carry no checksum in lower case, only next to a wallet
/// cue word. A random 34-character token passes Base58Check once in four
/// billion, so identifiers and hashes stay silent.
enum CryptoWallets {
  /// The word holding a pattern match that ends at `end`: Base58 and hex
  /// addresses are single alphanumeric words.
  static func word(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Range<Int> {
    var start = end
    while start > 0, ByteText.isAlphanumeric(bytes[start - 1]) { start -= 1 }
    var stop = end
    while stop < bytes.count, ByteText.isAlphanumeric(bytes[stop]) { stop += 1 }
    return start..<stop
  }

  /// The finding for an address of `kind` ("bitcoin" is checksummed,
  /// "ethereum" only cued).
  static func candidate(_ range: Range<Int>, kind: String) -> Candidate {
    Candidate(start: range.lowerBound, end: range.upperBound, type: "crypto_wallet", score: 0.9, severity: .medium,
              reasons: [kind, kind == "bitcoin" ? "checksum" : "wallet context"])
  }

  /// The address type of the word, or nil.
  static func address(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, window: Int) -> String? {
    let text = bytes[word]
    guard let first = text.first else { return nil }
    if (first == 0x31 || first == 0x33), (26...35).contains(text.count), isBase58Check(text) { return "bitcoin" }
    if text.count >= 14, text.count <= 74, text.prefix(3).elementsEqual("bc1".utf8), isSegWit(text) { return "bitcoin" }
    if text.count == 42, first == 0x30, text[text.startIndex + 1] == 0x78, text.dropFirst(2).allSatisfy(ByteText.isHex),
      ContextWords.wallet.near(bytes, word.lowerBound, word.upperBound, before: window)
    {
      return "ethereum"
    }
    return nil
  }

  /// Per byte, its digit value in `alphabet`, or -1.
  static func digitValues(_ alphabet: String) -> [Int8] {
    var values = [Int8](repeating: -1, count: 256)
    for (index, byte) in alphabet.utf8.enumerated() { values[Int(byte)] = Int8(index) }
    return values
  }

  static let base58Values = digitValues("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")

  /// Base58 to 25 bytes: version 0x00 (P2PKH) or 0x05 (P2SH), then 20
  /// bytes of hash and 4 of checksum, the first 4 bytes of
  /// SHA-256(SHA-256(version + hash)).
  static func isBase58Check(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    var decoded = [UInt8](repeating: 0, count: 25)
    for byte in text {
      let value = base58Values[Int(byte)]
      guard value >= 0 else { return false }
      var carry = Int(value)
      for index in stride(from: 24, through: 0, by: -1) {
        carry += 58 * Int(decoded[index])
        decoded[index] = UInt8(carry & 0xFF)
        carry >>= 8
      }
      guard carry == 0 else { return false }
    }
    guard decoded[0] == 0x00 || decoded[0] == 0x05 else { return false }
    let checksum = TPCrypto.sha256(TPCrypto.sha256(Array(decoded[0..<21])))
    return checksum[0..<4].elementsEqual(decoded[21..<25])
  }

  static let bech32Values = digitValues("qpzry9x8gf2tvdw0s3jn54khce6mua7l")

  /// BIP 173 polymod over the expanded human-readable part "bc" and the
  /// data: 1 for Bech32 (witness version 0), 0x2bc830a3 for Bech32m.
  static func isSegWit(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    // One case throughout (BIP 173); only lower case is matched here.
    var data: [UInt32] = []
    for byte in text.dropFirst(3) {
      let value = bech32Values[Int(byte)]
      guard value >= 0 else { return false }
      data.append(UInt32(value))
    }
    guard data.count >= 7 else { return false }
    let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
    var check: UInt32 = 1
    func step(_ value: UInt32) {
      let top = check >> 25
      check = (check & 0x1ff_ffff) << 5 ^ value
      for bit in 0..<5 where (top >> UInt32(bit)) & 1 == 1 { check ^= generator[bit] }
    }
    let humanPart: [UInt32] = [0x62, 0x63]  // "bc"
    for value in humanPart { step(value >> 5) }
    step(0)
    for value in humanPart { step(value & 31) }
    for value in data { step(value) }
    return data[0] == 0 ? check == 1 : check == 0x2bc8_30a3
  }
}
