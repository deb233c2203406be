// swift-tools-version:6.0
// TapPass: composable governance filters for AI agents.
//
// One library (TapPassKit) holds all logic; every tool is a thin executable
// whose main.swift calls a library entry point returning an exit status.
// System libraries are reached through `.systemLibrary` targets so that the
// cryptography, storage and multi-pattern scanning are the audited C
// implementations Debian ships, not code of ours (docs/dependencies.md).
import PackageDescription

/// The tools, one executable each. Single source of truth for the product
/// list; scripts/gen-docs reads the same names from the built binaries.
let tools = ["tp-scan", "tp-token", "tp-classify", "tp-route"]

let package = Package(
  name: "TapPass",
  products: tools.map { .executable(name: $0, targets: [$0]) }
    + [.library(name: "TapPassKit", targets: ["TapPassKit"])],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "COpenSSL", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CHyperscan", pkgConfig: "libhs",
      providers: [.apt(["libhyperscan-dev"])]),
    .target(
      name: "TapPassKit",
      dependencies: [
        "COpenSSL", "CSQLite", "CHyperscan",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // Bounds checks stay on in release builds: every input is hostile.
      resources: [.copy("Resources/data")]
    ),
    .testTarget(
      name: "TapPassKitTests",
      dependencies: ["TapPassKit"],
      resources: [.copy("Fixtures")]
    ),
  ] + tools.map { .executableTarget(name: $0, dependencies: ["TapPassKit"], path: "Sources/\($0)") },
  swiftLanguageModes: [.v6]
)
