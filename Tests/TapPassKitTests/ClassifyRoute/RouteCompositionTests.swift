import Foundation
import Testing
@testable import TapPassKit

/// `tp-scan | tp-classify | tp-route` gives the same `tappass` section,
/// byte for byte, as `GovernancePipeline` doing all three in one process;
/// and each tool accepts raw requests, running what it needs itself.
@Suite struct RouteCompositionTests {
  static let policyPath = Fixtures.examples + "/policy.json"
  static let cataloguePath = Fixtures.examples + "/catalogue.json"
  static let healthPath = Fixtures.examples + "/health.json"

  /// A small workload: the three example records and records that carry
  /// findings (Unicode attacks), escapes, other shapes and an upstream
  /// `tappass` section.
  static let workload: [String] = (try! String(contentsOfFile: Fixtures.examples + "/records.jsonl", encoding: .utf8))
    .split(separator: "\n").map(String.init) + [
      #"{"id":"w1","org_id":"acme-health","messages":[{"role":"user","content":"Member AHM12345678 asks about p\u0430yp\u0430l.com refund"}]}"#,
      #"{"id":"w2","text":"Classification: Confidential\nQ3 numbers \u200b hidden"}"#,
      #"{"id":"w3","system":"internal only","messages":[{"role":"user","content":[{"type":"text","text":"TLP:RED indicators"},{"type":"image_url","image_url":{"url":"data:x"}}]}]}"#,
      #"{"id":"w4","flags":{"residency":"eu"},"max_tokens":64,"messages":[{"role":"user","content":"```js\nfunction f(){ return 1 };\n```"}]}"#,
      #"{"id":"w5","tappass":{"version":1,"upstream":{"note":"kept"}},"text":"hello"}"#,
      #"{"id":"w6","agent_id":"hr-bot","org_id":"acme","trust_tier":"observer","data_categories":["m_and_a"],"text":"board memo"}"#,
      #"{}"#,
    ]

  static func pipeline() throws -> GovernancePipeline {
    let policy = try Fixtures.examplePolicy
    let catalogue = try Fixtures.exampleCatalogue
    let router = try Router(catalogue: catalogue, policy: Fixtures.exampleRouting,
      health: ProviderHealth.load(path: healthPath, catalogue: catalogue))
    let fullScan = RecordScanner(engine: try ScanEngine(steps: StepRegistry.instantiate([])))
    let dataScan = RecordScanner(engine: try ScanEngine(steps: RecordClassifier.dataProtectionSteps()))
    let classifier = try Classifier(policy: policy)
    return GovernancePipeline(
      scanner: fullScan, classifier: classifier,
      router: RecordRouter(router: router, features: try FeatureReader(), classifier: RecordClassifier(classifier: classifier, scanner: dataScan)))
  }

  static func tappassSection(_ line: [UInt8]) throws -> String {
    let document = try JSONDocument(bytes: line)
    let node = try #require(document.member("tappass", of: 0))
    return String(decoding: document.bytes[document.rawRange(node)], as: UTF8.self)
  }

  /// The three stages in-process, re-parsing between them exactly as the
  /// tools do when piped.
  @Test func stagesThroughJSONEqualOneProcess() throws {
    let pipeline = try Self.pipeline()
    for record in Self.workload {
      let document = try Fixtures.document(record)
      let combined = pipeline.process(document)
      let scanned = pipeline.scanner.scan(document).output
      let classifiedDocument = try JSONDocument(bytes: scanned)
      let classified = RecordEditor.setSections(pipeline.router.classifier.classify(classifiedDocument).sections, in: classifiedDocument)
      let routedDocument = try JSONDocument(bytes: classified)
      let routed = RecordEditor.setSections(pipeline.router.route(routedDocument).sections, in: routedDocument)
      #expect(try Self.tappassSection(routed) == Self.tappassSection(combined), "record \(record)")
      #expect(routed == combined)
    }
  }

  /// Raw requests: tp-route alone equals tp-classify | tp-route, which
  /// equals the full pipeline whenever the data steps are all the steps.
  @Test func toolsAcceptRawRequests() throws {
    let pipeline = try Self.pipeline()
    for record in Self.workload {
      let document = try Fixtures.document(record)
      let routedRaw = RecordEditor.setSections(pipeline.router.route(document).sections, in: document)
      let classified = RecordEditor.setSections(pipeline.router.classifier.classify(document).sections, in: document)
      let classifiedDocument = try JSONDocument(bytes: classified)
      let routedClassified = RecordEditor.setSections(pipeline.router.route(classifiedDocument).sections, in: classifiedDocument)
      #expect(routedRaw == routedClassified, "record \(record)")
      let tappass = try JSONDocument(bytes: routedRaw)
      let section = try #require(tappass.member("tappass", of: 0))
      for name in ["findings", "decision", "classification", "route"] {
        #expect(tappass.member(name, of: section) != nil, "\(name) missing for \(record)")
      }
    }
  }

  /// The real executables through a shell pipe, when they are built next
  /// to the test bundle (swift build builds them; a bare test run may not).
  @Test func shellPipelineEqualsOneProcess() throws {
    let directory = ToolProcess.binDirectory
    let binaries = ["tp-scan", "tp-classify", "tp-route"].map { directory + "/" + $0 }
    guard binaries.allSatisfy({ FileManager.default.isExecutableFile(atPath: $0) }) else {
      print("RouteCompositionTests: executables not built in \(directory); shell pipeline not run")
      return
    }
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("route-composition-\(getpid()).jsonl").path
    try (Self.workload.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: input) }
    let command = """
      '\(binaries[0])' --no-progress < '\(input)' | '\(binaries[1])' --no-progress --policy '\(Self.policyPath)' \
      | '\(binaries[2])' --no-progress --policy '\(Self.policyPath)' --catalogue '\(Self.cataloguePath)' --health '\(Self.healthPath)'
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-o", "pipefail", "-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // tp-scan exits 1 (findings) and tp-route 1 (a blocked record): both verdicts.
    #expect(process.terminationStatus == 1)
    let lines = output.split(separator: 0x0A).map(Array.init)
    #expect(lines.count == Self.workload.count)
    let pipeline = try Self.pipeline()
    for (line, record) in zip(lines, Self.workload) {
      let expected = pipeline.process(try Fixtures.document(record))
      #expect(try Self.tappassSection(line) == Self.tappassSection(expected), "record \(record)")
    }
  }
}
