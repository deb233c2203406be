/// The anchors `detect_infra` compiles into the shared Hyperscan database.
/// Each is deliberately loose; `InfraValidators` decides.
enum InfraRules {
  /// Pattern index = rule; order must match `patterns`.
  enum Rule: Int {
    case ipv4, ipv6, mac, dottedName, arn, awsResourceID, s3Scheme, azureResource, gcpResource, s3Host
  }

  static let patterns: [PatternSpec] = [
    PatternSpec("ipv4", #"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}"#),
    // Two colons around a short hex group; the validator grows the token.
    PatternSpec("ipv6", #":[0-9A-Fa-f]{0,4}:"#, leftmostStart: false),
    PatternSpec("mac_address", #"[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}"#),
    PatternSpec("host_name", #"[A-Za-z0-9]\.[A-Za-z]{2}"#, leftmostStart: false),
    PatternSpec("aws_arn", #"arn:aws[a-z-]{0,12}:[a-z0-9-]{1,40}:"#),
    PatternSpec("aws_resource_id", #"(i|vpc|subnet|sg|vol|snap|ami|eni|igw|nat|rtb|acl|cgw|vgw|tgw|tgw-attach|pcx|eipalloc|eipassoc|lt|dopt|vpce|fs|fsap|rtbassoc|vpn|dx|ngw|elb|prefix|pl|ipam|aclassoc|subnetassoc)-([0-9a-f]{8}|[0-9a-f]{17})"#),
    PatternSpec("s3_bucket_url", #"s3://[a-z0-9]"#),
    PatternSpec("azure_resource_id", #"/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, caseless: true),
    PatternSpec("gcp_resource", #"projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/(locations|zones|regions|global|instances|topics|subscriptions|datasets|buckets|secrets|serviceAccounts|databases|clusters)/"#),
    PatternSpec("s3_bucket_url", #"\.s3([.-][a-z0-9-]{1,30})?\.amazonaws\.com"#, leftmostStart: false),
  ]

  /// Suffixes that only exist inside private networks.
  static let internalSuffixes = [
    ".local", ".internal", ".intranet", ".corp", ".lan", ".localdomain", ".home.arpa", ".private",
    ".intra", ".localhost", ".cluster.local",
  ]

  /// Managed-database endpoint suffixes.
  static let databaseSuffixes = [
    ".rds.amazonaws.com", ".redshift.amazonaws.com", ".cache.amazonaws.com", ".docdb.amazonaws.com",
    ".database.windows.net", ".documents.azure.com", ".mysql.database.azure.com", ".postgres.database.azure.com",
    ".redis.cache.windows.net", ".mongodb.net", ".cloudsql.googleapis.com", ".neon.tech", ".supabase.co",
  ]

  /// Generic top-level domains common enough to trust with three labels.
  static let commonGenericTLDs: Set<String> = [
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "aero", "coop",
    "cloud", "online", "site", "tech", "store", "app", "dev", "xyz", "top", "club", "live", "email",
    "host", "services", "systems", "network", "solutions", "digital", "agency", "company", "group",
    "global", "media", "news", "blog", "shop", "io", "ai", "aws", "google", "azure", "microsoft",
    "amazon", "local", "internal", "corp", "lan", "arpa", "run", "page", "link", "zone", "works",
  ]

  /// Top-level domains that are also common file extensions: a name ending
  /// in one needs three labels before it counts as a host (`api.example.sh`
  /// yes, `build.sh` no).
  static let fileExtensionTLDs: Set<String> = [
    "py", "sh", "md", "rs", "pl", "so", "zip", "mov", "cc", "in", "it", "is", "to", "do", "me", "am",
    "pm", "rb", "ps", "cs", "ts", "js", "gz", "xz", "bz", "at", "by", "as", "be", "my", "no", "us",
    "ms", "mk", "ml", "mp", "sc", "st", "tv", "ws", "cat", "app", "dev", "run", "new", "tar", "exe",
    "bat", "inc", "log", "data", "json", "yaml", "yml", "page", "link", "info", "name", "host", "test",
    "java", "kt", "swift", "go", "php", "c", "h", "hpp", "cpp", "class", "jar", "sql", "bin", "out",
  ]
}
