import Foundation
@testable import TapPassKit

/// A bad configuration file and the fragments its error must contain.
struct BadInput: CustomStringConvertible, Sendable {
  var name: String
  var input: String
  var expect: [String]
  var description: String { name }
}

/// Shared helpers for the Classify* and Route* suites: policies and
/// catalogues from text, the example files, and error capture.
enum Fixtures {
  static let root = URLPaths.packageRoot(#filePath)
  static let examples = root + "/examples/classify-route"

  static func policy(_ text: String, source: String = "test-policy.json") throws -> ClassificationPolicy {
    try PolicyLoader.parse(StrictJSON(bytes: Array(text.utf8), source: source))
  }

  static func routing(_ text: String, source: String = "test-routing.json") throws -> RoutingPolicy {
    try RoutingPolicyLoader.parse(StrictJSON(bytes: Array(text.utf8), source: source).root)
  }

  static func catalogue(_ text: String, source: String = "test-catalogue.json") throws -> Catalogue {
    try CatalogueLoader.parse(StrictJSON(bytes: Array(text.utf8), source: source))
  }

  static func health(_ text: String, _ catalogue: Catalogue) throws -> ProviderHealth {
    try ProviderHealth.parse(StrictJSON(bytes: Array(text.utf8), source: "test-health.json"), catalogue: catalogue)
  }

  static func document(_ json: String) throws -> JSONDocument {
    try JSONDocument(bytes: Array(json.utf8))
  }

  /// The message of the ToolError `body` throws, or nil when it succeeds.
  static func errorMessage(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as ToolError {
      return error.message
    } catch {
      return "unexpected error: \(error)"
    }
  }

  static var exampleCatalogue: Catalogue { get throws { try CatalogueLoader.load(path: examples + "/catalogue.json") } }
  static var examplePolicy: ClassificationPolicy { get throws { try PolicyLoader.load(path: examples + "/policy.json") } }
  static var exampleRouting: RoutingPolicy {
    get throws { try RoutingPolicyLoader.section(of: StrictJSON.load(path: examples + "/policy.json"))! }
  }

  /// A model line for catalogue texts.
  static func model(_ id: String, provider: String, residency: String, ceiling: String, input: Double, output: Double,
                    window: Int = 128000, capabilities: [String] = ["tools"], tier: String = "medium") -> String {
    let caps = capabilities.map { "\"\($0)\"" }.joined(separator: ",")
    return """
      {"id":"\(id)","provider":"\(provider)","model":"\(id)","region":"r","residency":"\(residency)",\
      "max_classification":"\(ceiling)","price":{"input_per_mtok":\(input),"output_per_mtok":\(output)},\
      "context_window":\(window),"capabilities":[\(caps)],"tier":"\(tier)"}
      """
  }

  static func features(tokens: Int = 100, capabilities: Set<String> = [], flags: [String: String] = [:],
                       tools: Int = 0, depth: Int = 1, codeMarkers: Int = 0, org: String? = nil) -> RequestFeatures {
    RequestFeatures(
      complexity: Complexity(tokens: tokens, codeMarkers: codeMarkers, tools: tools, depth: depth),
      maxOutputTokens: nil, capabilities: capabilities, flags: flags, context: RecordContext(org: org))
  }

  /// Runs a built tool through `ToolProcess`; nil when the executables
  /// were not built (the caller then skips, visibly).
  static func run(_ tool: String, _ arguments: [String], stdin: String = "") throws -> (status: Int32, stdout: String, stderr: String)? {
    guard FileManager.default.isExecutableFile(atPath: ToolProcess.binDirectory + "/" + tool) else {
      print("\(tool) not built next to the test bundle; CLI check skipped")
      return nil
    }
    let result = try ToolProcess.run(tool, arguments, stdin: Array(stdin.utf8))
    return (result.status, String(decoding: result.stdout, as: UTF8.self), result.stderr)
  }

  /// Writes `text` to a temporary file named `name` and returns its path.
  static func temporary(_ name: String, _ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(getpid())-\(name)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}
