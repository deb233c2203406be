/// What makes a parsed command dangerous. Each check looks at the program
/// actually run (after env prefixes and wrappers such as `nice`, `env`,
/// `timeout` are peeled off) and its arguments, the way a reviewer reads a
/// command; the raw-text families in DetectCodeExecStep cover code inside
/// interpreter one-liners, which no tokenizer of shell can read.
///
/// Every field is parsed (prose is a command too), so the checks work on the
/// words' bytes: program names through one table lookup (ProgramNames), and
/// the rules that read every argument only when the command's words hold
/// the bytes they need (`ByteClass`). Texts are compared as bytes, the way
/// a shell compares them.
enum CommandRules {
  struct Hit {
    var rule: String
    var category: String
    var score: Double
    var start: Int
    var end: Int
  }

  /// Targets whose recursive or forced removal destroys a system or home.
  static let rootTargets: [StaticString] = ["/", "/*", "~", "~/", "~/*", "*", ".", "..", "$HOME", "${HOME}", "/etc", "/usr", "/var", "/home", "/boot", "/bin", "/lib", "/root", "/opt", "/dev", "/sys", "--no-preserve-root"]
  /// Paths whose modification makes something run again later.
  static let persistencePaths: [StaticString] = ["/etc/cron", "/var/spool/cron", "/etc/rc.local", "/etc/init.d", "/etc/systemd", ".bashrc", ".bash_profile", ".profile", ".zshrc", "authorized_keys", "/etc/sudoers", "ld.so.preload", "/etc/profile", ".config/autostart", "/etc/passwd", "/etc/shadow"]
  /// Services whose stopping blinds the people watching the host.
  static let securityServices: [StaticString] = ["auditd", "apparmor", "selinux", "firewalld", "ufw", "falcon-sensor", "osqueryd", "wazuh-agent", "ossec", "rsyslog", "syslog", "syslog-ng", "sysmon", "clamav-daemon", "clamd", "fail2ban", "crowdstrike", "sentinelone", "auditbeat", "filebeat", "td-agent", "splunkd", "splunk"]
  /// Options of wrappers that take a value (`sudo -u root`).
  static let wrapperValueOptions: [StaticString] = ["-u", "-g", "-n", "-s", "-k", "-c", "-C", "-p", "-U"]
  /// curl/wget options whose `@file` value is sent.
  static let fileDataOptions: [StaticString] = ["-T", "--upload-file", "--post-file", "--data-binary", "--data", "-d", "-F", "--form", "--data-raw"]
  /// Options of any program that name a local file to send.
  static let sendFileOptions: [StaticString] = ["-p", "--file", "-T", "--upload-file", "--post-file", "--data-file"]
  static let fileExtensions: [StaticString] = ["txt", "json", "sh", "py", "conf", "log", "md", "yml", "yaml", "xml", "html", "tar", "gz", "zip", "deb", "rpm", "so", "jsonc", "cfg", "ini", "csv", "pdf", "png", "jpg", "mp4", "mp3", "iso", "img", "bin", "c", "js", "ts", "rb", "pl", "php", "java", "go", "rs", "out", "tmp", "bak", "key", "pem", "crt", "db", "sql", "local"]

  /// The words of `at`'s time grammar besides numbers, clock times and dates.
  static let atTimeWords: [StaticString] = ["now", "noon", "midnight", "teatime", "today", "tomorrow", "next", "am", "pm", "+",
    "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "utc"]

  /// Whether `word` can be part of an `at` time: a number, clock time or
  /// date (it starts with a digit or `+`), or one of `atTimeWords`.
  static func isAtTime(_ word: ArraySlice<UInt8>) -> Bool {
    guard let first = word.first else { return false }
    return first &- 0x30 < 10 || first == 0x2B || atTimeWords.contains { word.equals($0) }
  }

  /// The name after the last `/`.
  @inline(__always) static func basename<Word: BidirectionalCollection<UInt8>>(_ word: Word) -> Word.SubSequence {
    guard let slash = word.lastIndex(of: 0x2F) else { return word[...] }
    return word[word.index(after: slash)...]
  }

  static func isEnvAssignment(_ word: some Collection<UInt8>) -> Bool {
    guard let equals = word.firstIndex(of: 0x3D), equals > word.startIndex else { return false }
    return word[..<equals].allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) }
  }

  /// Checks command `index` of `parse`; `shellScripts` receives the ranges
  /// of `sh -c` scripts, which the caller parses as nested commands.
  static func check(_ index: Int, in parse: ShellParse, previous: Int?, bytes: UnsafeBufferPointer<UInt8>, hits: inout [Hit],
                    shellScripts: inout [Range<Int>]) {
    let command = parse.commands[index]
    let span = (command.start, max(command.start, command.end))
    func hit(_ rule: String, _ category: String, _ score: Double, from start: Int? = nil) {
      hits.append(Hit(rule: rule, category: category, score: score, start: start ?? span.0, end: span.1))
    }
    func text(_ word: Int) -> ArraySlice<UInt8> { parse.text[parse.words[word].text] }
    var first = command.words.lowerBound
    let last = command.words.upperBound
    // Environment prefixes: LD_PRELOAD loads code into whatever runs next.
    while first < last, isEnvAssignment(text(first)) {
      if text(first).contains("LD_PRELOAD") || text(first).contains("LD_AUDIT") { hit("ld_preload", "library_load", 0.85) }
      first += 1
    }
    var wrapped = false
    while first < last, let wrapper = ProgramNames.lookup(basename(text(first))),
      wrapper.families.contains(.privilege) || wrapper.families.contains(.wrapper)
    {
      if wrapper.families.contains(.privilege) { hit(wrapper.name, "privilege_escalation", 0.8) }
      wrapped = true
      first += 1
      // Options of the wrapper, and the operands that some wrappers take.
      while first < last, text(first).first == 0x2D || isEnvAssignment(text(first)) {
        let flag = text(first)
        first += 1
        if wrapperValueOptions.contains(where: { flag.equals($0) }), first < last, text(first).first != 0x2D,
          wrapper.rule != .su || !flag.equals("-c")
        {
          first += 1
        }
      }
      if wrapper.families.contains(.wrapperOperand), last - first > 1 { first += 1 }
      if wrapper.rule == .su { break }
    }
    guard first < last else { return }
    let programText = text(first)
    let nameBytes = basename(programText)
    let program = ProgramNames.lookup(nameBytes)
    let families = program?.families ?? []
    let rule = program?.rule ?? ProgramRule.none
    var name: String { program?.name ?? String(decoding: nameBytes, as: UTF8.self) }
    let args = first + 1..<last
    func anyArg(_ predicate: (ArraySlice<UInt8>) -> Bool) -> Bool { args.contains { predicate(text($0)) } }
    func hasArg(_ literal: StaticString) -> Bool { args.contains { text($0).equals(literal) } }

    if families.contains(.shell) {
      let dashC = args.first { word in
        let option = text(word)
        return option.equals("-c") || option.first == 0x2D && option.last == 0x63 && option.characterCount <= 4
      }
      if let dashC, dashC + 1 < last {
        let script = parse.words[dashC + 1]
        let quoted = script.end - script.start >= 2 && (bytes[script.start] == 0x27 || bytes[script.start] == 0x22)
        shellScripts.append(quoted ? script.start + 1..<script.end - 1 : script.start..<script.end)
      } else if wrapped || hasArg("-p") || hasArg("-i") || !args.isEmpty && args.allSatisfy({ text($0).first == 0x2D })
        || programText.first == 0x2F && args.isEmpty
      {
        // An interactive shell started through another program, or with
        // privileged/interactive options: a shell escape, not a script run.
        hit("shell_spawn", "shell_spawn", hasArg("-p") ? 0.85 : 0.75)
      } else if parse.redirects[command.redirects].contains(where: { $0.op.contains(.joinsDescriptor) }) {
        // "sh 1>&0 2>&0": a shell wired to another descriptor (a socket or tty).
        hit("shell_redirected", "shell_spawn", 0.8)
      }
      if command.pipedInto {
        var sourceFamilies: ProgramFamily = []
        if let previous {
          let words = parse.commands[previous].words
          let source = words.first { word in
            !isEnvAssignment(text(word)) && !(ProgramNames.lookup(basename(text(word)))?.families.contains(.privilege) ?? false)
          }
          sourceFamilies = source.flatMap { ProgramNames.lookup(basename(text($0))) }?.families ?? []
        }
        let from = previous.map { parse.commands[$0].start }
        if sourceFamilies.contains(.decoder) {
          hit("decode_to_shell", "obfuscated_exec", 0.9, from: from)
        } else {
          hit("pipe_to_shell", "download_exec", sourceFamilies.contains(.downloader) ? 0.95 : 0.45, from: from)
        }
      }
    }
    if families.contains(.interpreter), command.pipedInto, let previous {
      let words = parse.commands[previous].words
      let source = words.isEmpty ? [] : ProgramNames.lookup(basename(text(words.lowerBound)))?.families ?? []
      if source.contains(.downloader) { hit("pipe_to_interpreter", "download_exec", 0.95, from: parse.commands[previous].start) }
      if source.contains(.decoder) { hit("decode_to_interpreter", "obfuscated_exec", 0.85, from: parse.commands[previous].start) }
    }
    switch rule {
    case .rm:
      let forceful = anyArg { $0.first == 0x2D && ($0.contains(0x72) || $0.contains(0x52) || $0.contains(0x66)) }
      if forceful, anyArg({ target in rootTargets.contains { target.equals($0) } }) { hit("rm_root", "destructive", 0.95) }
    case .dd:
      if anyArg({ $0.hasPrefix("of=/dev/") }) { hit("dd_device", "destructive", 0.9) }
    case .chmod:
      if anyArg(isSetID) { hit("chmod_setid", "suid", 0.9) }
      if anyArg({ $0.equals("777") || $0.equals("0777") || $0.equals("a+rwx") }), anyArg({ $0.hasPrefix("/etc") || $0.equals("/") }) {
        hit("chmod_world_system", "permission_widening", 0.8)
      }
    case .install:
      if let m = args.first(where: { text($0).equals("-m") }), m + 1 < last, isSetID(text(m + 1)) { hit("install_setid", "suid", 0.9) }
    case .setcap:
      hit("setcap", "suid", 0.85)
    case .chown:
      if anyArg({ $0.hasPrefix("root") || $0.hasPrefix("0:") || $0.hasPrefix("$(id") }) { hit("chown_privileged", "privilege_escalation", 0.6) }
    case .setfacl:
      if anyArg({ $0.hasPrefix("u:") || $0.contains(":rwx") }) { hit("setfacl_grant", "privilege_escalation", 0.6) }
    case .script:
      // `script -q /dev/null`: the classic way to get an interactive pty shell.
      if hasArg("/dev/null") { hit("script_pty", "shell_spawn", 0.75) }
    case .fetcher:
      let sendsFile = args.contains { word in
        let option = text(word)
        let value = word + 1 < last ? text(word + 1) : []
        return fileDataOptions.contains(where: { option.equals($0) }) && value.hasPrefix("@")
          || option.equals("-T") || option.equals("--upload-file") || option.equals("--post-file") || option.hasPrefix("--post-file=")
          || value.hasPrefix("file=@")
      }
      if sendsFile { hit("upload_file", "upload", 0.75) }
      if anyArg({ $0.hasPrefix("gopher://") || $0.hasPrefix("dict://") || $0.hasPrefix("file://") }) { hit("odd_scheme", "upload", 0.7) }
      if hasArg("POST") || hasArg("PUT") || hasArg("--post-data") { hit("http_send", "upload", 0.55) }
      if anyArg({ $0.equals("-o") || $0.equals("-O") || $0.equals("--output") || $0.hasPrefix("--output=") }) || nameBytes.equals("lwp-download") {
        hit("download_to_file", "download", 0.5)
      }
    case .terminal:
      // Attaching to a socket path joins another user's (maybe root's) shell.
      if hasArg("-S") { hit("shared_terminal_socket", "shell_spawn", 0.55) }
    case .finger:
      // Queries to an arbitrary host carry data out in the query itself.
      if anyArg({ $0.contains(0x40) || $0.equals("-h") }) { hit(name + "_remote", "remote_copy", 0.55) }
    case .httpd:
      hit("file_server", "upload", 0.6)
    case .crontab:
      // Installs a table from stdin, a file or an editor; two or more plain
      // words are a sentence about crontab ("crontab is confusing").
      let plainWords = args.filter { text($0).first != 0x2D }.count
      if !(args.count == 1 && text(args.lowerBound).equals("-l")), command.pipedInto || plainWords < 2 || anyArg({ $0.first == 0x2D }) {
        hit("crontab", "persistence", 0.8)
      }
    case .at:
      // `at` takes options and a time ("at now + 1 minute", "at 5pm
      // tomorrow"); a word outside that grammar makes it a sentence ("at
      // what time should I ...").
      if command.pipedInto || !args.isEmpty && (anyArg({ $0.first == 0x2D }) || args.allSatisfy { isAtTime(text($0)) }) {
        hit("at_job", "persistence", 0.6)
      }
    case .systemctl, .service:
      if rule == .systemctl, hasArg("enable") || hasArg("link") { hit("systemctl_enable", "persistence", 0.6) }
      if hasArg("stop") || hasArg("disable") || hasArg("mask") || hasArg("kill"),
        anyArg({ word in securityServices.contains { word.equals($0) || word.hasPrefix($0) && word.dropFirst($0.utf8CodeUnitCount).first == 0x2E } })
      {
        hit("stop_security_service", "defense_evasion", 0.8)
      }
    case .securityToggle:
      // `setenforce 0`, `auditctl -e 0`, `auditctl -D`: enforcement or audit rules off.
      if hasArg("0") || hasArg("-D") || hasArg("Permissive") { hit(name + "_off", "defense_evasion", 0.8) }
    case .history:
      if anyArg({ $0.hasPrefix("-c") }) { hit("clear_history", "defense_evasion", 0.7) }
    case .unset, .export:
      if anyArg({ $0.hasPrefix("HISTFILE") || $0.hasPrefix("HISTSIZE=0") || $0.hasPrefix("HISTFILESIZE=0") }) {
        hit("history_off", "defense_evasion", 0.7)
      }
    case .truncate:
      if anyArg({ $0.hasPrefix("/var/log/") || $0.contains("_history") }) { hit("wipe_logs", "defense_evasion", 0.7) }
    case .find:
      // Searching the whole system for setuid files: the first step of a
      // local privilege escalation.
      if anyArg({ $0.equals("-4000") || $0.equals("/4000") || $0.equals("-u=s") || $0.equals("-2000") || $0.equals("/6000") || $0.equals("-6000") }) {
        hit("setuid_search", "privilege_recon", 0.6)
      }
    case .chattr:
      // An immutable system or persistence file survives its removal.
      if anyArg({ $0.hasPrefix("+i") || $0.hasPrefix("+a") }), anyArg({ $0.hasPrefix("/etc/") || persistencePaths.contains(where: $0.contains) }) {
        hit("immutable_system_file", "persistence", 0.65)
      }
    case .windowsFetcher:
      // Windows programs that fetch or run remote code (living off the land);
      // `certutil -decode` alone is how AWS's docs decode base64 on Windows.
      if anyArg({ $0.hasASCIICaselessPrefix("-urlcache") || $0.hasASCIICaselessPrefix("/transfer")
        || $0.hasASCIICaselessPrefix("http") || $0.hasASCIICaselessPrefix("/i:http") || $0.hasASCIICaselessPrefix("javascript:")
        || $0.hasASCIICaselessPrefix("vbscript:") })
      {
        hit(name + "_fetch", "download_exec", 0.8)
      }
    case .powershell:
      if anyArg({ $0.equalsASCIICaseless("-e") || $0.equalsASCIICaseless("-en") || $0.equalsASCIICaseless("-enc") || $0.equalsASCIICaseless("-ec")
        || $0.hasASCIICaselessPrefix("-encodedcommand") })
      {
        hit("powershell_encoded", "obfuscated_exec", 0.85)
      }
      if anyArg({ $0.containsASCIICaseless("downloadstring") || $0.containsASCIICaseless("downloadfile") || $0.containsASCIICaseless("invoke-webrequest")
        || $0.equalsASCIICaseless("iex") || $0.hasASCIICaselessPrefix("iex(") || $0.containsASCIICaseless("invoke-expression") })
      {
        hit("powershell_download", "download_exec", 0.85)
      }
    case .miner:
      hit(name, "cryptomining", 0.85)
    case .container:
      if anyArg({ $0.hasPrefix("/:") || $0.equals("--privileged") || $0.equals("--pid=host") || $0.hasPrefix("-v/:") }) {
        hit("container_host_mount", "privilege_escalation", 0.85)
      }
    case .none, .tee, .su:
      break
    }
    // A mining pool address given to a known program or through a wrapper
    // (`nohup ./m -o stratum+tcp://…`): such commands are always parsed, so
    // CommandScreen needs no rule of its own for it.
    if program != nil || wrapped, command.classes.contains(.colon), anyArg({ $0.hasASCIICaselessPrefix("stratum+") || $0.containsASCIICaseless("://stratum") }) {
      hit("mining_pool", "cryptomining", 0.85)
    }
    let classes = command.classes
    // A local file handed to an option that sends it, with a remote peer.
    if Self.sendLocalFileMayHit(classes),
      args.dropLast().contains(where: { word in sendFileOptions.contains { text(word).equals($0) } && text(word + 1).contains(0x2F) }),
      anyArg({ $0.contains("://") || isHostName($0) })
    {
      hit("send_local_file", "upload", 0.65)
    }
    // user@host:path anywhere (tar -f, --rsync-path, …): data to or from a remote host.
    if Self.remotePathMayHit(classes), !families.contains(.remoteCopy),
      anyArg({ $0.contains(0x40) && isRemotePath($0) && $0.contains(":/") })
    {
      hit("remote_path", "remote_copy", 0.7)
    }
    if Self.hostRootMountMayHit(classes),
      anyArg({ $0.hasPrefix("src=/,") || $0.contains(",src=/,") || $0.contains(",source=/,") || $0.hasPrefix("/:/") })
    {
      hit("host_root_mount", "privilege_escalation", 0.85)
    }
    if families.contains(.destroyer) || nameBytes.hasPrefix("mkfs.") { hit(name, "destructive", 0.85) }
    if families.contains(.firewall) { hit(name, "firewall_change", 0.8) }
    if families.contains(.remoteCopy), anyArg(isRemotePath) { hit(name + "_remote", "remote_copy", 0.75) }
    if families.contains(.fileTransfer) { hit(name, "remote_copy", 0.6) }
    if families.contains(.netcat) {
      let exec = anyArg { $0.equals("-e") || $0.equals("-c") || $0.hasASCIICaselessPrefix("exec:") || $0.hasASCIICaselessPrefix("system:") }
      hit(exec ? name + "_exec" : name, exec ? "reverse_shell" : "network_tool", exec ? 0.95 : 0.6)
    }
    // Writes (redirections, tee) to files that make code run later.
    func writesPersistence(_ target: ArraySlice<UInt8>) -> Bool { persistencePaths.contains { target.contains($0) } }
    for redirect in parse.redirects[command.redirects] where redirect.op.contains(.writes) && writesPersistence(parse.text[redirect.target.text]) {
      hit("write_persistence_file", "persistence", 0.85)
    }
    if rule == .tee {
      for word in args where writesPersistence(text(word)) { hit("write_persistence_file", "persistence", 0.85) }
    }
  }

  /// The rules that read the arguments of any program, by the bytes their
  /// words need (`ByteClass`): a command whose words lack them is not read.
  /// (Tests of single members: an OptionSet array literal can allocate.)
  /// Keep these in step with the rules in `check`; CommandScreen relies on
  /// them too.
  static func argumentRulesMayHit(_ classes: ByteClass) -> Bool {
    sendLocalFileMayHit(classes) || remotePathMayHit(classes) || hostRootMountMayHit(classes)
  }

  /// An option (`-p`, `--file`, …) with a path value and a URL or host name.
  @inline(__always) static func sendLocalFileMayHit(_ classes: ByteClass) -> Bool {
    classes.contains(.option) && classes.contains(.slash) && (classes.contains(.colon) || classes.contains(.dot))
  }

  /// `user@host:/path`.
  @inline(__always) static func remotePathMayHit(_ classes: ByteClass) -> Bool {
    classes.contains(.at) && classes.contains(.colon) && classes.contains(.slash)
  }

  /// `src=/,`, `,source=/,` or `/:/`.
  @inline(__always) static func hostRootMountMayHit(_ classes: ByteClass) -> Bool {
    classes.contains(.slash) && (classes.contains(.comma) && classes.contains(.equals) || classes.contains(.colon))
  }

  /// A chmod/install mode that sets setuid or setgid: u+s, g+s, +s, or an
  /// octal mode with a leading 2, 4 or 6 in its four-digit form.
  static func isSetID(_ mode: ArraySlice<UInt8>) -> Bool {
    if mode.contains("+s") { return true }
    guard mode.count == 4, mode.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else { return false }
    return [0x32, 0x34, 0x36, 0x37].contains(mode.first!)
  }

  /// A bare DNS name with a letter TLD (`files.example.org`), not a file name.
  static func isHostName(_ text: ArraySlice<UInt8>) -> Bool {
    guard let lastDot = text.lastIndex(of: 0x2E), !text.contains(0x2F) else { return false }
    let tld = text[(lastDot + 1)...]
    guard tld.count >= 2, tld.count <= 6, tld.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return false }
    // Every label non-empty: no leading dot and no two dots in a row.
    guard text.first != 0x2E, !text.contains("..") else { return false }
    return !fileExtensions.contains { tld.equalsASCIICaseless($0) }
  }

  /// `user@host:path` or `host:path` (not a local path, not a URL).
  static func isRemotePath(_ text: ArraySlice<UInt8>) -> Bool {
    guard text.first != 0x2F, text.first != 0x2D, !text.contains("://"), let colon = text.firstIndex(of: 0x3A) else { return false }
    return colon != text.startIndex
  }
}

/// Byte comparisons of word texts with ASCII literals.
fileprivate extension ArraySlice<UInt8> {
  @inline(__always) func literalBytes<R>(_ literal: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    body(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  func equals(_ literal: StaticString) -> Bool {
    literalBytes(literal) { count == $0.count && elementsEqual($0) }
  }

  func hasPrefix(_ literal: StaticString) -> Bool {
    literalBytes(literal) { count >= $0.count && prefix($0.count).elementsEqual($0) }
  }

  func hasASCIICaselessPrefix(_ literal: StaticString) -> Bool {
    literalBytes(literal) { needle in
      count >= needle.count && zip(prefix(needle.count), needle).allSatisfy { byte, lower in
        (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == lower
      }
    }
  }

  func containsASCIICaseless(_ literal: StaticString) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard count >= length else { return false }
    var position = startIndex
    while position <= endIndex - length {
      if self[position...].hasASCIICaselessPrefix(literal) { return true }
      position += 1
    }
    return false
  }

  func equalsASCIICaseless(_ literal: StaticString) -> Bool {
    count == literal.utf8CodeUnitCount && hasASCIICaselessPrefix(literal)
  }

  func contains(_ literal: StaticString) -> Bool {
    literalBytes(literal) { needle in
      guard let head = needle.first, count >= needle.count else { return false }
      var position = startIndex
      let limit = endIndex - needle.count
      while position <= limit {
        if self[position] == head, self[position..<position + needle.count].elementsEqual(needle) { return true }
        position += 1
      }
      return false
    }
  }

  /// Characters, counted as UTF-8 lead bytes.
  var characterCount: Int { reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
}
