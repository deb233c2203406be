import ArgumentParser
import Glibc

/// Runs one tool's root command with the given arguments and maps every
/// outcome to an exit status in exactly one place. Nothing below this calls
/// `exit()`, so commands stay testable in-process.
public enum ToolRunner {
  public static func run<Command: ParsableCommand>(
    _ command: Command.Type, arguments: [String]
  ) -> Int32 {
    // A closed pipe must surface as EPIPE from write(2), not kill us.
    signal(SIGPIPE, SIG_IGN)
    do {
      var parsed = try Command.parseAsRoot(arguments)
      try parsed.run()
      try StandardOutput.shared.flush()
      return ExitStatus.clean.rawValue
    } catch is BrokenPipe {
      return ExitStatus.clean.rawValue
    } catch let exit as ExitCode {
      // A status the command chose (1: found or blocked) has no message;
      // asking ArgumentParser for one builds the whole help text, a tenth
      // of a one-record run's CPU.
      flushQuietly()
      return exit.rawValue
    } catch let error as ToolError {
      flushQuietly()
      StandardError.write("\(Command.configuration.commandName ?? "tp"): error: \(error.message)\n")
      return error.status.rawValue
    } catch {
      flushQuietly()
      let code = Command.exitCode(for: error)
      let message = Command.fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { StandardOutput.shared.writeQuietly(message + "\n") }
        flushQuietly()
        return 0
      }
      if !message.isEmpty { StandardError.write(message + "\n") }
      // ArgumentParser reports usage errors as EX_USAGE (64) already; an
      // ExitCode thrown by a command carries its own status.
      return code.rawValue
    }
  }

  private static func flushQuietly() {
    try? StandardOutput.shared.flush()
  }
}
