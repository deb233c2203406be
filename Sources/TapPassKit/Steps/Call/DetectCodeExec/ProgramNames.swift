/// The program names the command rules know, looked up by their bytes: one
/// table from name to its families and its own rule, so that judging a
/// command costs one lookup and no String.
struct ProgramFamily: OptionSet {
  var rawValue: UInt32
  static let privilege = ProgramFamily(rawValue: 1 << 0)
  static let wrapper = ProgramFamily(rawValue: 1 << 1)
  /// Wrappers that take one operand before the command (`timeout 5 cmd`).
  static let wrapperOperand = ProgramFamily(rawValue: 1 << 2)
  static let shell = ProgramFamily(rawValue: 1 << 3)
  static let interpreter = ProgramFamily(rawValue: 1 << 4)
  static let downloader = ProgramFamily(rawValue: 1 << 5)
  static let destroyer = ProgramFamily(rawValue: 1 << 6)
  static let firewall = ProgramFamily(rawValue: 1 << 7)
  static let remoteCopy = ProgramFamily(rawValue: 1 << 8)
  static let netcat = ProgramFamily(rawValue: 1 << 9)
  static let fileTransfer = ProgramFamily(rawValue: 1 << 10)
  /// Programs that only read, list or remove a file named as an argument:
  /// a file written earlier and handed to them is not run as configuration.
  static let fileReader = ProgramFamily(rawValue: 1 << 11)
  /// Programs that turn encoded text back into bytes: piped into a shell,
  /// they run a payload no reader of the command can see.
  static let decoder = ProgramFamily(rawValue: 1 << 12)
}

/// Programs with a rule of their own (the `switch` in CommandRules.check).
enum ProgramRule: UInt8 {
  case none, rm, dd, chmod, install, setcap, chown, setfacl, script, fetcher, terminal, finger, httpd, crontab, at, systemctl, container, tee, su
  case service, history, unset, export, find, chattr, truncate, securityToggle, windowsFetcher, powershell, miner
}

struct ProgramInfo {
  var name: String
  var families: ProgramFamily
  var rule: ProgramRule
}

enum ProgramNames {
  static let families: [(ProgramFamily, [String])] = [
    (.privilege, ["sudo", "doas", "su", "pkexec", "runuser", "sudoedit", "sg", "newgrp"]),
    (.wrapper, ["env", "nohup", "nice", "time", "timeout", "stdbuf", "ionice", "taskset", "setsid", "chroot",
                "xargs", "exec", "command", "builtin", "busybox", "watch", "unbuffer", "setarch", "strace",
                "ltrace", "flock", "cpulimit", "torify", "proxychains", "proxychains4", "chrt", "numactl"]),
    (.wrapperOperand, ["timeout", "chroot", "taskset", "cpulimit", "flock", "setarch", "chrt", "sg"]),
    (.shell, ["sh", "bash", "dash", "zsh", "ksh", "ash", "csh", "tcsh", "fish", "mksh", "yash", "rbash", "pwsh"]),
    (.interpreter, ["python", "python2", "python3", "perl", "ruby", "php", "node", "lua", "tclsh", "wish", "irb", "jjs", "rlwrap"]),
    (.downloader, ["curl", "wget", "fetch", "aria2c", "lwp-download", "nc", "ncat"]),
    (.destroyer, ["mkfs", "mke2fs", "wipefs", "shred", "fdisk", "sfdisk", "parted", "mkswap", "blkdiscard"]),
    (.firewall, ["iptables", "ip6tables", "nft", "ufw", "firewall-cmd", "pfctl", "iptables-restore", "ebtables"]),
    (.remoteCopy, ["scp", "rsync", "tar"]),
    (.netcat, ["nc", "ncat", "netcat", "socat", "telnet"]),
    (.fileTransfer, ["ftp", "tftp", "sftp", "smbclient", "lftp"]),
    (.fileReader, ["cat", "chmod", "rm", "less", "more", "head", "tail", "ls", "echo", "mkdir"]),
    (.decoder, ["base64", "base32", "basenc", "xxd", "uudecode", "gunzip", "zcat", "bzcat", "xzcat", "openssl", "rev", "gzip"]),
  ]

  static let rules: [(ProgramRule, [String])] = [
    (.rm, ["rm"]), (.dd, ["dd"]), (.chmod, ["chmod"]), (.install, ["install"]), (.setcap, ["setcap"]), (.chown, ["chown"]),
    (.setfacl, ["setfacl"]), (.script, ["script"]), (.fetcher, ["curl", "wget", "aria2c", "lwp-download"]),
    (.terminal, ["tmux", "screen"]), (.finger, ["finger", "whois"]), (.httpd, ["httpd"]), (.crontab, ["crontab"]),
    (.at, ["at", "batch"]), (.systemctl, ["systemctl"]), (.container, ["docker", "podman"]), (.tee, ["tee"]), (.su, ["su"]),
    (.service, ["service"]), (.history, ["history"]), (.unset, ["unset"]), (.export, ["export"]), (.find, ["find"]),
    (.chattr, ["chattr"]), (.truncate, ["truncate"]), (.securityToggle, ["setenforce", "auditctl"]),
    (.windowsFetcher, ["certutil", "certutil.exe", "bitsadmin", "bitsadmin.exe", "mshta", "mshta.exe", "regsvr32", "regsvr32.exe", "rundll32", "rundll32.exe"]),
    (.powershell, ["powershell", "powershell.exe", "pwsh"]),
    (.miner, ["xmrig", "minerd", "cpuminer", "ethminer", "t-rex", "nbminer", "lolminer", "phoenixminer"]),
  ]

  /// Up to 16 bytes of a name packed with its length: every known name
  /// fits, and all of them start with a lowercase letter.
  struct Key: Equatable {
    var low: UInt64
    var high: UInt64
    var count: Int

    init?(_ name: some Collection<UInt8>) {
      guard let first = name.first, first >= 0x61 && first <= 0x7A, name.count <= 16 else { return nil }
      var low: UInt64 = 0
      var high: UInt64 = 0
      count = name.count
      for (offset, byte) in name.enumerated() {
        if offset < 8 { low |= UInt64(byte) << (offset * 8) } else { high |= UInt64(byte) << ((offset - 8) * 8) }
      }
      self.low = low
      self.high = high
    }

    var slot: Int {
      let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(count)) &* 0xFF51_AFD7_ED55_8CCD
      return Int(truncatingIfNeeded: mixed >> UInt64(64 - ProgramNames.slotBits))
    }
  }

  /// The known programs, in the order first named above.
  static let entries: [(key: Key, info: ProgramInfo)] = {
    var entries: [(key: Key, info: ProgramInfo)] = []
    func update(_ name: String, _ change: (inout ProgramInfo) -> Void) {
      let key = Key(name.utf8)!
      if entries.firstIndex(where: { $0.key == key }) == nil { entries.append((key, ProgramInfo(name: name, families: [], rule: .none))) }
      change(&entries[entries.firstIndex(where: { $0.key == key })!].info)
    }
    for (family, names) in families {
      for name in names { update(name) { $0.families.insert(family) } }
    }
    for (rule, names) in rules {
      for name in names { update(name) { $0.rule = rule } }
    }
    return entries
  }()

  /// An open-addressing index of `entries` by `Key.slot`, a multiplicative
  /// hash (a lookup per command, so no SipHash): -1 marks an empty slot.
  static let slotBits = 9
  static let slots: [Int16] = {
    var slots = [Int16](repeating: -1, count: 1 << slotBits)
    for (index, entry) in entries.enumerated() {
      var slot = entry.key.slot
      while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
      slots[slot] = Int16(index)
    }
    return slots
  }()

  /// What is known of a program name (a basename); nil for any other name.
  @inline(__always) static func lookup(_ name: some Collection<UInt8>) -> ProgramInfo? {
    guard let key = Key(name) else { return nil }
    var slot = key.slot
    while slots[slot] >= 0 {
      let entry = entries[Int(slots[slot])]
      if entry.key == key { return entry.info }
      slot = (slot + 1) & (slots.count - 1)
    }
    return nil
  }
}
