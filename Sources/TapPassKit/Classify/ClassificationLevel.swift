/// The five data classification levels, lowest first. A record's level is
/// the highest level any of its reasons asks for; a model may receive a
/// record only when its ceiling is at least the record's level.
public enum ClassificationLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
  case `public` = 0
  case `internal`
  case confidential
  case restricted
  case topSecret

  /// The canonical spelling used in policies, catalogues and records.
  public var name: String { nameLiteral.description }

  /// `name`, for writing without a String.
  var nameLiteral: StaticString {
    switch self {
    case .public: "PUBLIC"
    case .internal: "INTERNAL"
    case .confidential: "CONFIDENTIAL"
    case .restricted: "RESTRICTED"
    case .topSecret: "TOP_SECRET"
    }
  }

  public var description: String { name }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Parses the canonical name. Policies are strict: `confidential` or
  /// `Top Secret` are errors that list the five names, so a typo never
  /// silently means "no level".
  public init?(name: String) {
    guard let level = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = level
  }

  /// Parses a name written loosely in text (a banner word such as
  /// `top secret`, `Confidential`), for markers only.
  public init?(looseName: some Collection<UInt8>) {
    var canonical: [UInt8] = []
    for byte in looseName {
      if byte == 0x20 || byte == 0x2D || byte == 0x5F || byte == 0x09 {
        if canonical.last != 0x5F { canonical.append(0x5F) }
      } else {
        canonical.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
      }
    }
    if canonical == Array("SECRET".utf8) { self = .restricted; return }
    self.init(name: String(decoding: canonical, as: UTF8.self))
  }

  public static let allNames = allCases.map(\.name).joined(separator: ", ")
}
