import CHyperscan
import Glibc
import Synchronization

/// One compiled Hyperscan block-mode database holding every step's
/// patterns, scanned once per text field.
///
/// Compiling a few hundred patterns with leftmost-start tracking takes far
/// longer than the 20 ms a pre-commit run may spend, so the serialised
/// database is cached under `$XDG_CACHE_HOME/tappass` (or `~/.cache`), keyed
/// by a SHA-256 of the Hyperscan version and every expression with its
/// flags. A corrupt or foreign cache file is ignored and rewritten.
public final class HyperscanDatabase: @unchecked Sendable {
  public struct CompileError: Error, CustomStringConvertible {
    public var pattern: Int
    public var message: String
    public var description: String { "pattern \(pattern): \(message)" }
  }

  /// The compiled database: immutable, so shared by the copies that
  /// workers scan with; freed with the last of them.
  private final class Compiled: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { hs_free_database(pointer) }
  }

  private let compiled: Compiled
  private var database: OpaquePointer { compiled.pointer }
  /// Scratch space is per thread: each copy (one per worker) has its own.
  private var scratch: OpaquePointer?
  public let patternCount: Int
  /// Whether each pattern reports its start; without SOM Hyperscan says 0,
  /// so such matches are reported as empty ranges at their end offset.
  private let tracksStart: [Bool]
  /// Patterns whose start is found in a second pass (`deferredStart`), by
  /// global id, and their one-pattern start-tracking databases.
  private let isDeferred: [Bool]
  private let deferredSpecs: [Int: PatternSpec]
  private var startDatabases: [Int: HyperscanDatabase] = [:]
  /// Where the one-pattern start-tracking databases are cached (a
  /// subdirectory of the main cache, with its own pruning limit).
  private let startCacheDirectory: String?
  public private(set) var loadedFromCache = false

  public convenience init(patterns: [PatternSpec], cacheDirectory: String? = HyperscanDatabase.defaultCacheDirectory()) throws {
    try self.init(patterns: patterns, cacheDirectory: cacheDirectory, keep: Self.cacheFilesKept)
  }

  private init(patterns: [PatternSpec], cacheDirectory: String?, keep: Int) throws {
    startCacheDirectory = cacheDirectory.map { $0 + "/start" }
    patternCount = patterns.count
    tracksStart = patterns.map { $0.leftmostStart && !$0.deferredStart }
    isDeferred = patterns.map { $0.leftmostStart && $0.deferredStart }
    var deferredSpecs: [Int: PatternSpec] = [:]
    for (id, spec) in patterns.enumerated() where spec.leftmostStart && spec.deferredStart {
      deferredSpecs[id] = spec
      deferredSpecs[id]?.deferredStart = false
    }
    self.deferredSpecs = deferredSpecs
    // The main database tracks no start for deferred patterns.
    let patterns = patterns.map { spec in
      var spec = spec
      if spec.deferredStart { spec.leftmostStart = false }
      return spec
    }
    let key = Self.cacheKey(patterns)
    let cachePath = cacheDirectory.map { "\($0)/hs-\(key).db" }
    if let cachePath, let cached = Self.load(path: cachePath) {
      compiled = Compiled(cached)
      loadedFromCache = true
      // Marks the file as recently used, for pruning.
      utimes(cachePath, nil)
    } else {
      compiled = Compiled(try Self.compile(patterns))
      if let cacheDirectory, let cachePath { Self.store(compiled.pointer, directory: cacheDirectory, path: cachePath, keep: keep) }
    }
    scratch = try Self.scratch(for: compiled.pointer)
  }

  /// A copy for another worker: the same compiled database (not loaded or
  /// compiled again), its own scratch space and start-tracking databases.
  public func copy() throws -> HyperscanDatabase { try HyperscanDatabase(sharing: self) }

  private init(sharing original: HyperscanDatabase) throws {
    compiled = original.compiled
    patternCount = original.patternCount
    tracksStart = original.tracksStart
    isDeferred = original.isDeferred
    deferredSpecs = original.deferredSpecs
    loadedFromCache = original.loadedFromCache
    startCacheDirectory = original.startCacheDirectory
    scratch = try Self.scratch(for: compiled.pointer)
  }

  private static func scratch(for database: OpaquePointer) throws -> OpaquePointer? {
    var allocated: OpaquePointer?
    guard hs_alloc_scratch(database, &allocated) == HS_SUCCESS else { throw ToolError("Hyperscan could not allocate scratch space") }
    return allocated
  }

  deinit {
    if let scratch { hs_free_scratch(scratch) }
  }

  public static func defaultCacheDirectory() -> String? {
    if let xdg = getenv("XDG_CACHE_HOME").map({ String(cString: $0) }), !xdg.isEmpty { return xdg + "/tappass" }
    if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty { return home + "/.cache/tappass" }
    return nil
  }

  static func flags(_ spec: PatternSpec) -> UInt32 {
    var flags: UInt32 = 0
    if spec.caseless { flags |= UInt32(HS_FLAG_CASELESS) }
    if spec.dotAll { flags |= UInt32(HS_FLAG_DOTALL) }
    if spec.leftmostStart { flags |= UInt32(HS_FLAG_SOM_LEFTMOST) }
    return flags
  }

  static func cacheKey(_ patterns: [PatternSpec]) -> String {
    var material = Array(String(cString: hs_version()).utf8)
    // A database is compiled for this CPU's features (AVX2, AVX-512): a
    // cache shared by machines (a home directory on NFS, a CI cache) must
    // not hand one machine's database to another.
    var platform = hs_platform_info_t()
    if hs_populate_platform(&platform) == HS_SUCCESS {
      material += Array("|\(platform.tune)|\(platform.cpu_features)".utf8)
    }
    for spec in patterns {
      material.append(0)
      material.append(contentsOf: Array(spec.expression.utf8))
      material.append(0)
      material.append(contentsOf: Array(String(flags(spec)).utf8))
    }
    return Hex.encode(TPCrypto.SHA256.hash(material).prefix(16))
  }

  static func compile(_ patterns: [PatternSpec]) throws -> OpaquePointer {
    var cStrings = patterns.map { strdup($0.expression) }
    defer { cStrings.forEach { free($0) } }
    let flags = patterns.map(Self.flags)
    let ids = (0..<patterns.count).map { UInt32($0) }
    var database: OpaquePointer?
    var error: UnsafeMutablePointer<hs_compile_error_t>?
    let status = cStrings.withUnsafeMutableBufferPointer { expressions in
      expressions.withMemoryRebound(to: UnsafePointer<CChar>?.self) { rebound in
        hs_compile_multi(rebound.baseAddress, flags, ids, UInt32(patterns.count), UInt32(HS_MODE_BLOCK), nil, &database, &error)
      }
    }
    guard status == HS_SUCCESS, let database else {
      let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
      let index = Int(error?.pointee.expression ?? -1)
      if let error { hs_free_compile_error(error) }
      throw CompileError(pattern: index, message: message)
    }
    return database
  }

  static func load(path: String) -> OpaquePointer? {
    var database: OpaquePointer?
    // Hyperscan copies the bytes into its own allocation: the file only
    // needs to be readable for the call, so it is mapped, not read.
    let status = FileBytes.withMapped(path: path) { bytes in
      hs_deserialize_database(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, &database)
    }
    return status == HS_SUCCESS ? database : nil
  }

  static func store(_ database: OpaquePointer, directory: String, path: String, keep: Int) {
    var bytes: UnsafeMutablePointer<CChar>?
    var length = 0
    guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return }
    defer { free(bytes) }
    FileBytes.makeDirectories(directory)
    // Write to a temporary name and rename, so a concurrent reader never
    // sees half a file.
    let temporary = "\(path).\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return }
    let written = write(fd, bytes, length)
    close(fd)
    if written == length { rename(temporary, path) } else { unlink(temporary) }
    prune(directory: directory, keep: keep)
  }

  /// Every pattern set ever used leaves a file (a new version, a custom
  /// recogniser, `--steps`): beyond this many the oldest are removed.
  static let cacheFilesKept = 24
  /// Start-tracking databases are small (a few KB) and one per deferred
  /// pattern that ever matched: room for every shipped one and then some.
  static let startCacheFilesKept = 512

  /// Removes all but the `keep` most recently modified `hs-*.db` files.
  static func prune(directory: String, keep: Int) {
    guard let handle = opendir(directory) else { return }
    var files: [(modified: Int, path: String)] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard name.hasPrefix("hs-"), name.hasSuffix(".db") else { continue }
      let path = directory + "/" + name
      var info = stat()
      if stat(path, &info) == 0 { files.append((Int(info.st_mtim.tv_sec), path)) }
    }
    closedir(handle)
    guard files.count > keep else { return }
    for file in files.sorted(by: { $0.modified > $1.modified }).dropFirst(keep) { unlink(file.path) }
  }

  /// Collects raw reports during one scan.
  /// Only the scan that holds `scanLock` touches the collector, so the
  /// run-time exclusivity checks on its properties (a begin and an end
  /// access per property per reported match, a sizeable part of the
  /// callback: callgrind) guard nothing and are left out.
  final class Collector {
    @exclusivity(unchecked) var starts: [Int] = []
    @exclusivity(unchecked) var ends: [Int] = []
    @exclusivity(unchecked) var ids: [UInt32] = []
    @exclusivity(unchecked) var limit = 200_000
    @exclusivity(unchecked) var truncated = false
    /// Reports ending after this offset are dropped (see `scan`).
    @exclusivity(unchecked) var endLimit = Int.max
  }

  private let collector = Collector()
  /// Scratch space and the collector belong to one scan at a time. The tools
  /// scan from one thread (the lock is then uncontended), but a database
  /// shared by concurrent callers, as in parallel tests, must not interleave
  /// two scans in them.
  private let scanLock = Mutex(())

  /// Scans `bytes` and returns matches grouped by global pattern id, each
  /// group merged so that overlapping reports of the same pattern (one per
  /// end offset for variable-length patterns) become one leftmost-longest
  /// match. `truncated` is set when the report limit was reached.
  ///
  /// `endLimit`: matches ending after it are left out (their reports are
  /// not counted toward the limit either).
  public func scan(_ bytes: UnsafeBufferPointer<UInt8>, endLimit: Int = .max) -> (matches: [(id: Int, start: Int, end: Int)], truncated: Bool) {
    scanLock.withLock { _ in scanLocked(bytes, endLimit: endLimit) }
  }

  private func scanLocked(_ bytes: UnsafeBufferPointer<UInt8>, endLimit: Int) -> (matches: [(id: Int, start: Int, end: Int)], truncated: Bool) {
    let collector = self.collector
    collector.starts.removeAll(keepingCapacity: true)
    collector.ends.removeAll(keepingCapacity: true)
    collector.ids.removeAll(keepingCapacity: true)
    collector.truncated = false
    collector.endLimit = endLimit
    guard bytes.count > 0 else { return ([], false) }
    let context = Unmanaged.passUnretained(collector).toOpaque()
    _ = bytes.withMemoryRebound(to: CChar.self) { chars in
      hs_scan(database, chars.baseAddress, UInt32(min(chars.count, Int(UInt32.max))), 0, scratch, { id, from, to, _, context in
        let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
        if Int(to) > collector.endLimit { return 0 }
        collector.ids.append(id)
        collector.starts.append(Int(from))
        collector.ends.append(Int(to))
        if collector.ids.count >= collector.limit {
          collector.truncated = true
          return 1
        }
        return 0
      }, context)
    }
    var deferredMatched = false
    for index in collector.ids.indices where !tracksStart[Int(collector.ids[index])] {
      collector.starts[index] = collector.ends[index]
      if isDeferred[Int(collector.ids[index])] { deferredMatched = true }
    }
    var merged = Self.merge(collector)
    guard deferredMatched else { return (merged, collector.truncated) }
    // Each deferred pattern that matched, again with its start, alone, and
    // only up to its last match: this pass reported every end offset (all
    // of them, unless truncated), so nothing ends further on, and a match
    // ending at or before `last` reads no byte past it (an assertion there
    // reads the byte at `last` at most). `last + 2` keeps `$`, which also
    // holds before a final newline, off `last`; what the shorter text
    // makes match past `last` is dropped. Scanning the whole field made a
    // field cost one more full scan per deferred rule that matched, however
    // early (prose with money amounts: several per field).
    var truncated = collector.truncated
    var located: [(id: Int, start: Int, end: Int)] = []
    var index = 0
    while index < merged.count {
      let id = merged[index].id
      var next = index + 1
      while next < merged.count, merged[next].id == id { next += 1 }
      defer { index = next }
      guard isDeferred[id], let single = startTracking(id) else { continue }
      // Sorted by start, which is the end for a deferred pattern here.
      let last = merged[next - 1].end
      let result = collector.truncated
        ? single.scan(bytes)
        : single.scan(UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, last + 2)]), endLimit: last)
      truncated = truncated || result.truncated
      located.append(contentsOf: result.matches.map { (id: id, start: $0.start, end: $0.end) })
    }
    merged.removeAll { isDeferred[$0.id] && startDatabases[$0.id] != nil }
    merged.append(contentsOf: located)
    merged.sort { $0.id < $1.id || ($0.id == $1.id && $0.start < $1.start) }
    return (merged, truncated)
  }

  /// The one-pattern database that finds the starts of a deferred pattern,
  /// loaded on its first match and kept. It is compiled once (tens of
  /// milliseconds) and cached on disk, so a short run (pre-commit, one
  /// request) whose text holds a money amount does not pay the compile.
  /// Should it fail to compile, the matches keep their end offsets only.
  private func startTracking(_ id: Int) -> HyperscanDatabase? {
    if let database = startDatabases[id] { return database }
    guard let spec = deferredSpecs[id], let database = Self.startTracking(spec, cacheDirectory: startCacheDirectory) else { return nil }
    startDatabases[id] = database
    return database
  }

  /// Start-tracking databases compiled or loaded in this process, by
  /// expression and flags: every engine and worker reuses them (with its
  /// own scratch space) instead of compiling the same pattern again.
  private static let startDatabaseMemo = Mutex<[String: HyperscanDatabase]>([:])

  private static func startTracking(_ spec: PatternSpec, cacheDirectory: String?) -> HyperscanDatabase? {
    let key = "\(flags(spec))|\(spec.expression)"
    let original: HyperscanDatabase? = startDatabaseMemo.withLock { memo in
      if let known = memo[key] { return known }
      guard let made = try? HyperscanDatabase(patterns: [spec], cacheDirectory: cacheDirectory, keep: startCacheFilesKept) else { return nil }
      memo[key] = made
      return made
    }
    return try? original?.copy()
  }

  static func merge(_ collector: Collector) -> [(id: Int, start: Int, end: Int)] {
    // Read through locals: the comparisons then touch no class property.
    let ids = collector.ids, starts = collector.starts, ends = collector.ends
    let count = ids.count
    if count == 0 { return [] }
    var order = Array(0..<count)
    order.sort { a, b in
      if ids[a] != ids[b] { return ids[a] < ids[b] }
      if starts[a] != starts[b] { return starts[a] < starts[b] }
      return ends[a] > ends[b]
    }
    var result: [(id: Int, start: Int, end: Int)] = []
    for index in order {
      let id = Int(ids[index])
      let start = starts[index]
      let end = ends[index]
      if var last = result.last, last.id == id, start < last.end || (start == end && end == last.end) {
        if end > last.end {
          last.end = end
          result[result.count - 1] = last
        }
        continue
      }
      result.append((id, start, end))
    }
    return result
  }
}
