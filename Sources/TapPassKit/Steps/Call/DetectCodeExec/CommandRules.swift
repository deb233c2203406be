/// What makes a parsed command dangerous. Each check looks at the program
/// actually run (after env prefixes and wrappers such as `nice`, `env`,
/// `timeout` are peeled off) and its arguments, the way a reviewer reads a
/// command; the raw-text families in DetectCodeExecStep cover code inside
/// interpreter one-liners, which no tokenizer of shell can read.
enum CommandRules {
  struct Hit {
    var rule: String
    var category: String
    var score: Double
    var start: Int
    var end: Int
  }

  static let privilege: Set<String> = ["sudo", "doas", "su", "pkexec", "runuser", "sudoedit", "sg", "newgrp"]
  static let wrappers: Set<String> = ["env", "nohup", "nice", "time", "timeout", "stdbuf", "ionice", "taskset", "setsid", "chroot",
                                      "xargs", "exec", "command", "builtin", "busybox", "watch", "unbuffer", "setarch", "strace",
                                      "ltrace", "flock", "cpulimit", "torify", "proxychains", "proxychains4", "chrt", "numactl"]
  static let shells: Set<String> = ["sh", "bash", "dash", "zsh", "ksh", "ash", "csh", "tcsh", "fish", "mksh", "yash", "rbash", "pwsh"]
  static let interpreters: Set<String> = ["python", "python2", "python3", "perl", "ruby", "php", "node", "lua", "tclsh", "wish", "irb", "jjs", "rlwrap"]
  static let downloaders: Set<String> = ["curl", "wget", "fetch", "aria2c", "lwp-download", "nc", "ncat"]
  static let destroyers: Set<String> = ["mkfs", "mke2fs", "wipefs", "shred", "fdisk", "sfdisk", "parted", "mkswap", "blkdiscard"]
  static let firewalls: Set<String> = ["iptables", "ip6tables", "nft", "ufw", "firewall-cmd", "pfctl", "iptables-restore", "ebtables"]
  static let remoteCopy: Set<String> = ["scp", "rsync", "tar"]
  static let netcats: Set<String> = ["nc", "ncat", "netcat", "socat", "telnet"]
  /// Targets whose recursive or forced removal destroys a system or home.
  static let rootTargets: Set<String> = ["/", "/*", "~", "~/", "~/*", "*", ".", "..", "$HOME", "${HOME}", "/etc", "/usr", "/var", "/home", "/boot", "/bin", "/lib", "/root", "/opt", "/dev", "/sys", "--no-preserve-root"]
  /// Paths whose modification makes something run again later.
  static let persistencePaths = ["/etc/cron", "/var/spool/cron", "/etc/rc.local", "/etc/init.d", "/etc/systemd", ".bashrc", ".bash_profile", ".profile", ".zshrc", "authorized_keys", "/etc/sudoers", "ld.so.preload", "/etc/profile", ".config/autostart", "/etc/passwd", "/etc/shadow"]

  static func basename(_ word: [UInt8]) -> String {
    let last = word.lastIndex(of: 0x2F).map { word.index(after: $0) } ?? word.startIndex
    return String(decoding: word[last...], as: UTF8.self)
  }

  static func contains(_ word: [UInt8], _ needle: String) -> Bool {
    let pattern = Array(needle.utf8)
    guard word.count >= pattern.count else { return false }
    for start in 0...(word.count - pattern.count) where word[start] == pattern[0] {
      if word[start..<start + pattern.count].elementsEqual(pattern) { return true }
    }
    return false
  }

  static func isEnvAssignment(_ word: [UInt8]) -> Bool {
    guard let equals = word.firstIndex(of: 0x3D), equals > 0 else { return false }
    return word[..<equals].allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) }
  }

  /// Checks one command; `shellScripts` receives the ranges of `sh -c`
  /// scripts, which the caller parses as nested commands.
  static func check(_ command: ShellCommand, previous: ShellCommand?, bytes: [UInt8], hits: inout [Hit], shellScripts: inout [Range<Int>]) {
    var words = command.words[...]
    let span = (command.start, max(command.start, command.end))
    func hit(_ rule: String, _ category: String, _ score: Double, from start: Int? = nil) {
      hits.append(Hit(rule: rule, category: category, score: score, start: start ?? span.0, end: span.1))
    }
    // Environment prefixes: LD_PRELOAD loads code into whatever runs next.
    while let first = words.first, isEnvAssignment(first.text) {
      if contains(first.text, "LD_PRELOAD") || contains(first.text, "LD_AUDIT") { hit("ld_preload", "library_load", 0.85) }
      words = words.dropFirst()
    }
    var wrapped = false
    while let first = words.first {
      let name = basename(first.text)
      if privilege.contains(name) {
        hit(name, "privilege_escalation", 0.8)
      } else if !wrappers.contains(name) {
        break
      }
      wrapped = true
      words = words.dropFirst()
      // Options of the wrapper, and the operands that some wrappers take.
      while let option = words.first, option.text.first == 0x2D || isEnvAssignment(option.text) {
        let flag = String(decoding: option.text, as: UTF8.self)
        words = words.dropFirst()
        if ["-u", "-g", "-n", "-s", "-k", "-c", "-C", "-p", "-U"].contains(flag), name != "bash", let value = words.first, value.text.first != 0x2D,
          name != "su" || flag != "-c"
        {
          _ = value
          words = words.dropFirst()
        }
      }
      if ["timeout", "chroot", "taskset", "cpulimit", "flock", "setarch", "chrt", "sg"].contains(name), words.count > 1 { words = words.dropFirst() }
      if name == "su" { break }
    }
    guard let program = words.first else { return }
    let name = basename(program.text)
    let args = Array(words.dropFirst())
    let texts = args.map { String(decoding: $0.text, as: UTF8.self) }

    if shells.contains(name) {
      if let c = texts.firstIndex(where: { $0 == "-c" || $0.hasPrefix("-") && $0.hasSuffix("c") && $0.count <= 4 }), c + 1 < args.count {
        let script = args[c + 1]
        let quoted = script.end - script.start >= 2 && (bytes[script.start] == 0x27 || bytes[script.start] == 0x22)
        shellScripts.append(quoted ? script.start + 1..<script.end - 1 : script.start..<script.end)
      } else if wrapped || texts.contains("-p") || texts.contains("-i") || !texts.isEmpty && texts.allSatisfy({ $0.hasPrefix("-") })
        || program.text.first == 0x2F && texts.isEmpty
      {
        // An interactive shell started through another program, or with
        // privileged/interactive options: a shell escape, not a script run.
        hit("shell_spawn", "shell_spawn", texts.contains("-p") ? 0.85 : 0.75)
      } else if command.redirects.contains(where: { $0.op.contains(0x26) && $0.op.first != 0x26 }) {
        // "sh 1>&0 2>&0": a shell wired to another descriptor (a socket or tty).
        hit("shell_redirected", "shell_spawn", 0.8)
      }
      if command.pipedInto {
        let fromNetwork = previous.map { downloaders.contains(basename(($0.words.first { !isEnvAssignment($0.text) && !privilege.contains(basename($0.text)) })?.text ?? [])) } ?? false
        hit("pipe_to_shell", "download_exec", fromNetwork ? 0.95 : 0.45, from: previous?.start)
      }
    }
    if interpreters.contains(name), command.pipedInto, let previous,
      downloaders.contains(basename(previous.words.first?.text ?? []))
    {
      hit("pipe_to_interpreter", "download_exec", 0.95, from: previous.start)
    }
    switch name {
    case "rm":
      let flags = texts.filter { $0.hasPrefix("-") }.joined()
      let forceful = flags.contains("r") || flags.contains("R") || flags.contains("f") || flags.contains("recursive")
      if forceful, texts.contains(where: { rootTargets.contains($0) }) { hit("rm_root", "destructive", 0.95) }
    case "dd":
      if texts.contains(where: { $0.hasPrefix("of=/dev/") }) { hit("dd_device", "destructive", 0.9) }
    case "chmod":
      if texts.contains(where: { Self.isSetID($0) }) { hit("chmod_setid", "suid", 0.9) }
      if texts.contains(where: { $0 == "777" || $0 == "0777" || $0 == "a+rwx" }), texts.contains(where: { $0.hasPrefix("/etc") || $0 == "/" }) { hit("chmod_world_system", "permission_widening", 0.8) }
    case "install":
      if let m = texts.firstIndex(of: "-m"), m + 1 < texts.count, isSetID(texts[m + 1]) { hit("install_setid", "suid", 0.9) }
    case "setcap":
      hit("setcap", "suid", 0.85)
    case "chown":
      if texts.contains(where: { $0.hasPrefix("root") || $0.hasPrefix("0:") || $0.hasPrefix("$(id") }) { hit("chown_privileged", "privilege_escalation", 0.6) }
    case "setfacl":
      if texts.contains(where: { $0.hasPrefix("u:") || $0.contains(":rwx") }) { hit("setfacl_grant", "privilege_escalation", 0.6) }
    case "script":
      // `script -q /dev/null`: the classic way to get an interactive pty shell.
      if texts.contains("/dev/null") { hit("script_pty", "shell_spawn", 0.75) }
    case "curl", "wget", "aria2c", "lwp-download":
      let sendsFile = zip(texts, texts.dropFirst() + [""]).contains { option, value in
        ["-T", "--upload-file", "--post-file", "--data-binary", "--data", "-d", "-F", "--form", "--data-raw"].contains(option) && value.hasPrefix("@")
          || option == "-T" || option == "--upload-file" || option == "--post-file" || option.hasPrefix("--post-file=") || value.hasPrefix("file=@")
      }
      if sendsFile { hit("upload_file", "upload", 0.75) }
      if texts.contains(where: { $0.hasPrefix("gopher://") || $0.hasPrefix("dict://") || $0.hasPrefix("file://") }) { hit("odd_scheme", "upload", 0.7) }
      if texts.contains("POST") || texts.contains("PUT") || texts.contains("--post-data") { hit("http_send", "upload", 0.55) }
      if texts.contains(where: { $0 == "-o" || $0 == "-O" || $0 == "--output" || $0.hasPrefix("--output=") }) || name == "lwp-download" {
        hit("download_to_file", "download", 0.5)
      }
    case "tmux", "screen":
      // Attaching to a socket path joins another user's (maybe root's) shell.
      if texts.contains("-S") { hit("shared_terminal_socket", "shell_spawn", 0.55) }
    case "finger", "whois":
      // Queries to an arbitrary host carry data out in the query itself.
      if texts.contains(where: { $0.contains("@") || $0 == "-h" }) { hit(name + "_remote", "remote_copy", 0.55) }
    case "httpd":
      hit("file_server", "upload", 0.6)
    case "crontab":
      if !(texts == ["-l"]) { hit("crontab", "persistence", 0.8) }
    case "at", "batch":
      if !args.isEmpty || command.pipedInto { hit("at_job", "persistence", 0.6) }
    case "systemctl":
      if texts.contains("enable") || texts.contains("link") { hit("systemctl_enable", "persistence", 0.6) }
    case "docker", "podman":
      if texts.contains(where: { $0.hasPrefix("/:") || $0 == "--privileged" || $0 == "--pid=host" || $0.hasPrefix("-v/:") }) { hit("container_host_mount", "privilege_escalation", 0.85) }
    default:
      break
    }
    // A local file handed to an option that sends it, with a remote peer.
    let remotePeer = texts.contains { $0.contains("://") || Self.isHostName($0) }
    if remotePeer, zip(texts, texts.dropFirst()).contains(where: { ["-p", "--file", "-T", "--upload-file", "--post-file", "--data-file"].contains($0.0) && $0.1.contains("/") }) {
      hit("send_local_file", "upload", 0.65)
    }
    // user@host:path anywhere (tar -f, --rsync-path, …): data to or from a remote host.
    if !remoteCopy.contains(name), texts.contains(where: { $0.contains("@") && Self.isRemotePath($0) && $0.contains(":/") }) {
      hit("remote_path", "remote_copy", 0.7)
    }
    if texts.contains(where: { $0.hasPrefix("src=/,") || $0.contains(",src=/,") || $0.contains(",source=/,") || $0.hasPrefix("/:/") }) {
      hit("host_root_mount", "privilege_escalation", 0.85)
    }
    if destroyers.contains(name) || name.hasPrefix("mkfs.") { hit(name, "destructive", 0.85) }
    if firewalls.contains(name) { hit(name, "firewall_change", 0.8) }
    if remoteCopy.contains(name), texts.contains(where: { Self.isRemotePath($0) }) { hit(name + "_remote", "remote_copy", 0.75) }
    if ["ftp", "tftp", "sftp", "smbclient", "lftp"].contains(name) { hit(name, "remote_copy", 0.6) }
    if netcats.contains(name) {
      let exec = texts.contains { $0 == "-e" || $0 == "-c" || $0.lowercased().hasPrefix("exec:") || $0.lowercased().hasPrefix("system:") }
      hit(exec ? name + "_exec" : name, exec ? "reverse_shell" : "network_tool", exec ? 0.95 : 0.6)
    }
    // Writes (redirections, tee) to files that make code run later.
    let written = command.redirects.filter { $0.op.last == 0x3E }.map(\.target.text) + (name == "tee" ? args.map(\.text) : [])
    for target in written where persistencePaths.contains(where: { contains(target, $0) }) {
      hit("write_persistence_file", "persistence", 0.85)
    }
  }

  /// A chmod/install mode that sets setuid or setgid: u+s, g+s, +s, or an
  /// octal mode with a leading 2, 4 or 6 in its four-digit form.
  static func isSetID(_ mode: String) -> Bool {
    if mode.contains("+s") { return true }
    let digits = Array(mode.utf8)
    guard digits.count == 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else { return false }
    return [0x32, 0x34, 0x36, 0x37].contains(digits[0])
  }

  /// A bare DNS name with a letter TLD (`files.example.org`), not a file name.
  static func isHostName(_ text: String) -> Bool {
    let labels = text.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, !text.contains("/"), let tld = labels.last, tld.count >= 2, tld.count <= 6,
      tld.allSatisfy({ $0.isLetter && $0.isASCII }), labels.allSatisfy({ !$0.isEmpty })
    else { return false }
    return !["txt", "json", "sh", "py", "conf", "log", "md", "yml", "yaml", "xml", "html", "tar", "gz", "zip", "deb", "rpm", "so", "jsonc", "cfg", "ini", "csv", "pdf", "png", "jpg", "mp4", "mp3", "iso", "img", "bin", "c", "js", "ts", "rb", "pl", "php", "java", "go", "rs", "out", "tmp", "bak", "key", "pem", "crt", "db", "sql", "local"].contains(tld.lowercased())
  }

  /// `user@host:path` or `host:path` (not a local path, not a URL).
  static func isRemotePath(_ text: String) -> Bool {
    guard !text.hasPrefix("/"), !text.hasPrefix("-"), !text.contains("://"), let colon = text.firstIndex(of: ":") else { return false }
    return colon != text.startIndex
  }
}
