import Glibc

/// Rows of `entries` read by `ChainVerifier`, with their envelopes (each
/// prefixed with RFC 9162's 0x00) laid out in one flat buffer.
final class RowChunk: @unchecked Sendable {
  static let capacity = 4096

  var count = 0
  var logIDs: [Int64] = []
  var seqs: [Int] = []
  var envelopes: [UInt8] = []
  /// Start of row i's envelope in `envelopes`; `offsets[count]` is the end.
  var offsets: [Int] = [0]
  var storedLeaf: [Digest32] = []
  var storedChain: [Digest32] = []
  /// Filled by the hashing thread.
  var leaves: [Digest32] = []

  func reset() {
    count = 0
    logIDs.removeAll(keepingCapacity: true)
    seqs.removeAll(keepingCapacity: true)
    envelopes.removeAll(keepingCapacity: true)
    offsets.removeAll(keepingCapacity: true)
    offsets.append(0)
    storedLeaf.removeAll(keepingCapacity: true)
    storedChain.removeAll(keepingCapacity: true)
  }

  func hashLeaves(_ hasher: TPCrypto.SHA256.Hasher) {
    leaves.removeAll(keepingCapacity: true)
    envelopes.withUnsafeBytes { all in
      for row in 0..<count {
        var leaf = Digest32()
        withUnsafeMutableBytes(of: &leaf.storage) { digest in
          hasher.hash(UnsafeRawBufferPointer(rebasing: all[offsets[row]..<offsets[row + 1]]), into: digest.baseAddress!)
        }
        leaves.append(leaf)
      }
    }
  }
}

/// A second thread that computes leaf hashes of one chunk while the
/// verifier reads the next one from SQLite and checks the previous one:
/// the leaf hashes are independent of each other, unlike the chain.
/// The SQLite connection is only ever used by the calling thread.
final class LeafHashPipeline: @unchecked Sendable {
  private let work = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
  private let done = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
  private var chunk: RowChunk?
  private var stopping = false
  private var thread = pthread_t()
  private var running = false
  private var inFlight = false

  init() {
    sem_init(work, 0, 0)
    sem_init(done, 0, 0)
    let context = Unmanaged.passRetained(self).toOpaque()
    running = pthread_create(&thread, nil, { argument in
      let pipeline = Unmanaged<LeafHashPipeline>.fromOpaque(argument!).takeRetainedValue()
      pipeline.loop()
      return nil
    }, context) == 0
    if !running { Unmanaged<LeafHashPipeline>.fromOpaque(context).release() }
  }

  private func loop() {
    let hasher = TPCrypto.SHA256.Hasher()
    while true {
      while sem_wait(work) != 0 {}
      if stopping { return }
      chunk?.hashLeaves(hasher)
      sem_post(done)
    }
  }

  /// Starts hashing `chunk` (on the calling thread when no thread could be made).
  func submit(_ chunk: RowChunk) {
    precondition(!inFlight)
    guard running else {
      chunk.hashLeaves(TPCrypto.SHA256.Hasher())
      return
    }
    self.chunk = chunk
    inFlight = true
    sem_post(work)
  }

  /// Waits until the submitted chunk's leaves are ready.
  func wait() {
    guard inFlight else { return }
    while sem_wait(done) != 0 {}
    inFlight = false
  }

  /// Ends the thread; call once, after the last `wait()`.
  func stop() {
    wait()
    guard running else { return }
    stopping = true
    sem_post(work)
    pthread_join(thread, nil)
    running = false
  }

  deinit {
    sem_destroy(work)
    sem_destroy(done)
    work.deallocate()
    done.deallocate()
  }
}
