import Synchronization

/// The database the normalised views are scanned with (see ScanEngine),
/// compiled or loaded from the cache when a field first has a view, once
/// for an engine and its workers.
///
/// Why not at start: compiling it takes about 1.5 s when the cache is cold
/// (its threat rules are the slow part of compiling the shared database
/// too), and loading it a few milliseconds when warm; runs whose text
/// never needs folding or decoding (most source files at pre-commit) need
/// neither.
final class ViewDatabase: @unchecked Sendable {
  /// Its pattern ids' global ids, in the shared database.
  let patterns: [Int]
  private let specs: [PatternSpec]
  private let cacheDirectory: String?
  /// Nil until first asked for; then the database, or nil inside when it
  /// did not compile (not tried again).
  private let made = Mutex<HyperscanDatabase??>(nil)

  init(patterns: [Int], specs: [PatternSpec], cacheDirectory: String?) {
    self.patterns = patterns
    self.specs = specs
    self.cacheDirectory = cacheDirectory
  }

  /// The compiled database, shared: a caller scans with its own `copy()`.
  func shared() -> HyperscanDatabase? {
    made.withLock { made in
      if let made { return made }
      let database = try? HyperscanDatabase(patterns: specs, cacheDirectory: cacheDirectory)
      made = .some(database)
      return database
    }
  }
}
