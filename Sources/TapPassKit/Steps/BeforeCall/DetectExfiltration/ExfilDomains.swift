/// The exfiltration destination list (Resources/data/exfil_domains.tsv),
/// turned into one Hyperscan pattern per category. The file is the single
/// copy of the list: the step never spells a domain itself.
enum ExfilDomains {
  /// Category → domains, in file order.
  static let categories: [(category: String, domains: [String])] = {
    guard let bytes = ResourceFiles.bytes("exfil_domains.tsv") else { return [] }
    var order: [String] = []
    var lists: [String: [String]] = [:]
    for line in bytes.split(separator: 0x0A) where line.first != 0x23 {
      let parts = line.split(separator: 0x09)
      guard parts.count == 2 else { continue }
      let category = String(decoding: parts[0], as: UTF8.self)
      if lists[category] == nil { order.append(category) }
      lists[category, default: []].append(String(decoding: parts[1], as: UTF8.self))
    }
    return order.map { ($0, lists[$0]!) }
  }()

  /// One rule per category: the domain as a host (optionally a subdomain),
  /// not inside a longer name.
  static let rules: [ThreatRule] = categories.map { entry in
    let alternatives = entry.domains.map(escapingDots).joined(separator: "|")
    let score = entry.category == "dns" ? 0.8 : 0.7
    return ThreatRule("\(entry.category)_domain", "\(entry.category)_destination", score,
                      #"\b([a-z0-9-]+\.)*("# + alternatives + #")\b"#)
  }

  /// `.` as `\.`, byte by byte: Foundation's replacingOccurrences on each
  /// domain was a tenth of a one-record run's start-up.
  static func escapingDots(_ domain: String) -> String {
    var escaped: [UInt8] = []
    escaped.reserveCapacity(domain.utf8.count + 8)
    for byte in domain.utf8 {
      if byte == 0x2E { escaped.append(0x5C) }
      escaped.append(byte)
    }
    return String(decoding: escaped, as: UTF8.self)
  }
}
