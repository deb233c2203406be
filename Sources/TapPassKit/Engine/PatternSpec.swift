/// One regular expression a step contributes to the shared Hyperscan
/// database. Hyperscan's dialect is PCRE without back-references or
/// look-around: steps express context (boundaries, keywords, checksums) in
/// their validators instead, which is also where the explanation lives.
public struct PatternSpec: Sendable, Hashable {
  /// The rule name, reported in a finding's `reasons`.
  public var name: String
  public var expression: String
  public var caseless: Bool
  public var dotAll: Bool
  /// Report the leftmost start of each match. Off only for patterns whose
  /// validator finds the start itself (SOM costs compile time and state);
  /// their matches arrive as empty ranges at the match's end offset.
  public var leftmostStart: Bool
  /// Find the leftmost start in a second pass, only over fields where the
  /// pattern matched. For rules that rarely match and whose start tracking
  /// is costly (word alternations with unbounded gaps): tracking it in the
  /// main database made the threat rules scan four times slower and compile
  /// in seconds instead of milliseconds.
  public var deferredStart: Bool

  public init(_ name: String, _ expression: String, caseless: Bool = false, dotAll: Bool = false, leftmostStart: Bool = true,
              deferredStart: Bool = false) {
    self.name = name
    self.expression = expression
    self.caseless = caseless
    self.dotAll = dotAll
    self.leftmostStart = leftmostStart
    self.deferredStart = deferredStart
  }

  /// What Hyperscan compiles: two specs with the same identity match the
  /// same text, whatever their names.
  public struct Identity: Hashable {
    var expression: String
    var caseless, dotAll, leftmostStart, deferredStart: Bool
  }

  public var identity: Identity {
    Identity(expression: expression, caseless: caseless, dotAll: dotAll, leftmostStart: leftmostStart, deferredStart: deferredStart)
  }
}

/// A pattern match inside one field: `pattern` indexes the step's own
/// `patterns` array; `start..<end` are byte offsets into the field.
public struct PatternMatch: Sendable, Equatable {
  public var pattern: Int
  public var start: Int
  public var end: Int
}
