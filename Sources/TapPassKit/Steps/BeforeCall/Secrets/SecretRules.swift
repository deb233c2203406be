/// The rule table: every Hyperscan expression of `detect_secrets`, and which
/// Swift validator handles its matches. Order matters only for indexing:
/// `patterns[i]` belongs to `table[i]`.
///
/// Expressions are anchored on something distinctive so that the shared
/// database stays fast and reports few matches per field:
/// - a vendor prefix (`VendorFormat`);
/// - a secret-ish key word directly followed, within a key name, by an
///   assignment operator (quotes may be escaped, as inside tool-call
///   arguments); the value is found in Swift;
/// - an assignment operator directly followed by 20 token characters (for
///   keys that name a vendor rather than a secret, `sourcegraph: …`); the
///   fixed length means one report per operator, not one per end offset
///   (and the same after a single space and a quote, `vendor 'token'`);
/// - a line that is only a name and a long token, `jira Z7Vo…` (the
///   directive form of `.netrc`, `redis.conf`, `ssh_config` and of log
///   lines): anchored on the line break, so prose words cost nothing;
/// - a quoted literal compared with a secret-ish name, `"…" == password`;
/// - structural markers: `-----BEGIN … PRIVATE KEY`, `eyJ` of a JWT header,
///   `://user:pass@`, webhook hosts, `curl -u`, `.npmrc` auth lines,
///   `mysql -p<password>`, `sshpass -p <password>` and other clients' flags,
///   `.pgpass` lines, base64 of a JWT or a PEM key (`ZXlK`, `LS0tLS1CRUdJTi`),
///   the `kind: Secret` line of a Kubernetes manifest;
/// - shapes that most vendors share: a lower-case prefix and a long random
///   body standing alone (`acme_live_Q7vX…`, `PrefixedTokens.swift`), a
///   URL whose host or path says hook and whose path holds a random part.
enum SecretRule: Sendable {
  case vendor(VendorFormat)
  case keyword
  case operatorAssignment
  case lineDirective
  case reversedComparison
  case bearer
  case privateKey
  case jwt
  case urlCredentials
  case webhook(type: String)
  case curlUser
  case npmrc
  case sasSignature
  case jwkPrivate
  case puttyKey
  case clientPassword
  case prefixedToken
  case hookURL
  case encoded
  case pgpass
  case kubernetesSecret

  /// Rules that know one vendor (a token format, a webhook host, `.npmrc`,
  /// Azure SAS): off under `vendor_rules: false`.
  var vendorSpecific: Bool {
    switch self {
    case .vendor, .webhook, .npmrc, .sasSignature: return true
    default: return false
    }
  }
}

enum SecretRules {
  static let table: [(spec: PatternSpec, rule: SecretRule)] = {
    var table: [(PatternSpec, SecretRule)] = VendorFormat.all.map { (PatternSpec($0.name, $0.expression), .vendor($0)) }
    table += [
      (PatternSpec(
        "keyword-assignment",
        #"(?:pass|pwd|secret|token|key|auth|credential|creds|bearer|webhook|dsn|session)[A-Za-z0-9_.\-]{0,40}(?:\[[A-Za-z0-9]{0,6}\])?(?:\\?["'`\]]){0,2}(?:[ \t]{0,8}(?:[:=!(>,|]|[.?+&]{1,2}=|-[ \t])|[ \t]{1,8}["'`A-Za-z0-9])"#,
        caseless: true), .keyword),
      (PatternSpec("assignment", #"[A-Za-z0-9](?:\\?["'`])?[ \t]{0,3}[:=][ \t]{0,3}(?:\\?["'`])?[A-Za-z0-9+/_\-]{20}"#), .operatorAssignment),
      // `acme 'M0UX…'`: a name, a space, a quoted long token. Fixed width
      // and anchored on the quote: the unquoted form (`word token`) would
      // wake the automaton at every word of prose and cost 4× the scan.
      (PatternSpec("name-quoted-value", #"[A-Za-z] ["'`][A-Za-z0-9+/_\-]{20}"#), .operatorAssignment),
      // `mixpanel M0UX…` at the start of a line: a name, blanks, then 20
      // token characters. The unanchored form is the quoted rule's note.
      (PatternSpec("line-name-value", #"(?:^|[\n\r])[ \t]{0,16}[A-Za-z][A-Za-z0-9_.\-]{1,40}[ \t]{1,8}[A-Za-z0-9+/_\-]{20}"#), .lineDirective),
      (PatternSpec(
        "reversed-comparison",
        #"["'`][ \t]{0,3}[!=]==?[ \t]{0,3}(?:[A-Za-z_][A-Za-z0-9_.]{0,30})?(?:pass|pwd|secret|token|key|auth|credential)"#,
        caseless: true), .reversedComparison),
      // Bundler host credentials carry no key word: `BUNDLE_GEMS__EXAMPLE__COM=user:pass`.
      (PatternSpec("bundler-credentials", #"BUNDLE_[A-Z0-9_]{2,80}__[A-Z0-9]{2,12}["']?[ \t]{0,3}[:=]"#), .keyword),
      (PatternSpec("bearer-token", #"bearer[ \t]+[A-Za-z0-9_.~+/\-]{16}"#, caseless: true), .bearer),
      (PatternSpec("private-key", #"-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY"#), .privateKey),
      (PatternSpec("jwt", #"eyJ[A-Za-z0-9_\-]{10}"#), .jwt),
      (PatternSpec("url-credentials", #"://[^\s/@:"'<>]{0,64}:[^\s/@"'<>]{1,128}@"#), .urlCredentials),
      (PatternSpec("slack-webhook", #"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9]"#), .webhook(type: "slack_webhook")),
      (PatternSpec("discord-webhook", #"discord(?:app)?\.com/api/webhooks/[0-9]"#), .webhook(type: "discord_webhook")),
      (PatternSpec(
        "webhook-url",
        #"(?:webhook\.office\.com/webhookb2|outlook\.office\.com/webhook|hooks\.zapier\.com/hooks/catch|\.tines\.com/webhook|chat\.googleapis\.com/v1/spaces)/"#),
        .webhook(type: "webhook_url")),
      (PatternSpec("curl-user", #"(?:^|[ \t])(?:-u|--user)[ \t=]{1,3}"#), .curlUser),
      // `//registry/:_authToken=…`, and the unscoped `_auth=` (base64 of
      // `user:password`) and `_password=` lines of an older `.npmrc`. An
      // unscoped `_authToken` is ignored by npm and is a test fixture in
      // detect-secrets' suite, so it is not one.
      (PatternSpec("npmrc-auth", #"(?:/:_(?:auth(?:Token)?|password)|(?:^|[\n\r])[ \t]{0,8}_(?:auth|password))[ \t]*="#), .npmrc),
      // Azure shared access signatures: the `sig=` parameter of a SAS URL
      // or connection string.
      (PatternSpec("azure-sas-signature", #"[?&;]sig=[A-Za-z0-9%+/]{20}"#), .sasSignature),
      // The private exponent of a JSON Web Key (`"d": "…"` next to `"kty"`).
      (PatternSpec("jwk-private-key", #"\\?"d\\?"[ \t]{0,3}:[ \t]{0,3}\\?"[A-Za-z0-9_-]{20}"#), .jwkPrivate),
      (PatternSpec("putty-private-key", #"PuTTY-User-Key-File-[0-9]:"#), .puttyKey),
      // `mysql -pS3cret`, `sshpass -p S3cret`, `redis-cli -a S3cret`,
      // `ldapsearch -w S3cret`: a password flag and the first byte of its
      // value, glued or after blanks. The validator wants one of the
      // flag's clients earlier on the line (`ClientPasswordFlags.swift`),
      // since `mkdir -p`, `ssh -p 2222`, `ls -a` and `grep -w` share them.
      (PatternSpec("client-password-flag", #"[ \t]-[pawPU](?:[^\s-]|[ \t]{1,8}[^\s-])"#), .clientPassword),
      // `host:port:database:user:password` lines of a `.pgpass` file, also
      // as a JSON string written by a tool call (after `"` or a `\n` escape).
      // No start tracking: it cost 1.5% of the data steps' instructions on
      // the corpus workload; the validator walks back to the line's start.
      (PatternSpec("pgpass-line", #"(?:^|[\n\r"]|\\n)[A-Za-z0-9_.*\-]+:(?:[0-9]{1,5}|\*):[^:\s]+:[^:\s]+:[^:\s]"#, leftmostStart: false), .pgpass),
      // A JWT or a PEM private key, base64-encoded once more (`EncodedSecrets.swift`).
      (PatternSpec("base64-wrapped", #"(?:ZXlK|LS0tLS1CRUdJTi)[A-Za-z0-9+/_\-]{16}"#), .encoded),
      // The `kind: Secret` line of a Kubernetes manifest (`KubernetesSecrets.swift`).
      (PatternSpec("kubernetes-secret", #"(?:^|[\n\r])[ \t]{0,8}(?:- )?kind:[ \t]*["']?Secret["']?[ \t]*(?:[\n\r#]|$)"#), .kubernetesSecret),
      // The end of a prefix (or a `_`/`-` inside the body) and the next 20
      // characters: a short
      // chain the database runs as a DFA; the validator walks back to the
      // prefix's start (a prefix-first expression ran 30% slower).
      (PatternSpec("prefixed-token", #"[A-Za-z0-9][_-][A-Za-z0-9]{20}"#), .prefixedToken),
      (PatternSpec("hook-url", #"[/.](?:web)?hooks?[/.][A-Za-z0-9]"#, caseless: true), .hookURL),
    ]
    return table
  }()

  static let patterns: [PatternSpec] = table.map(\.spec)
}
