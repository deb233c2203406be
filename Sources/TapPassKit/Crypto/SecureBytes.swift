import COpenSSL

extension TPCrypto {
  /// Secret bytes (private key PEM, raw scalars) in a buffer that is wiped
  /// with `OPENSSL_cleanse` when freed, so keys do not linger in freed heap
  /// memory the way `[UInt8]` copies would (swift-crypto's `SecureBytes`).
  ///
  /// Immutable after creation; read through `withUnsafeBytes`.
  public final class SecureBytes: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer

    public init(count: Int, initializer: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
      storage = .allocate(byteCount: max(count, 1), alignment: 16)
      storage.initializeMemory(as: UInt8.self, repeating: 0)
      do {
        try initializer(UnsafeMutableRawBufferPointer(rebasing: storage[0..<count]))
      } catch {
        Self.wipe(storage)
        storage.deallocate()
        throw error
      }
      self.count = count
    }

    /// Copies `bytes` in; the caller should wipe its own copy if it can.
    public convenience init(copying bytes: some Collection<UInt8>) {
      let array = Array(bytes)
      self.init(count: array.count) { buffer in buffer.copyBytes(from: array) }
    }

    public let count: Int

    public func withUnsafeBytes<Result, Failure: Error>(
      _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
      try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    }

    deinit {
      Self.wipe(storage)
      storage.deallocate()
    }

    static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
      OPENSSL_cleanse(buffer.baseAddress, buffer.count)
    }
  }

  /// Wipes a Swift array that held secret bytes (best effort: copies the
  /// runtime made earlier are out of reach, which is why secrets live in
  /// `SecureBytes`).
  public static func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { SecureBytes.wipe($0) }
  }
}
