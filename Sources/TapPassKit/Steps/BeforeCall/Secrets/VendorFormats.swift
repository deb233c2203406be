/// Vendor token formats: a distinctive literal prefix, a body alphabet and a
/// length. Each Hyperscan expression is only the prefix plus a few body
/// characters, so the database reports one short match per occurrence and
/// never one report per end offset of a long token; Swift then extends the
/// token over its alphabet, checks both boundaries and the length, and runs
/// the format's own check (checksum, layout, marker).
///
/// Prefixes come from the vendors' published formats (and the rule sets of
/// gitleaks, trufflehog and detect-secrets that document them). Formats with
/// a fixed length are checked exactly, so `glimt-` plus 25 characters is a
/// token but the same text with a suffix is not.
struct VendorFormat: Sendable {
  enum Check: Sendable { case none, githubChecksum, slackLayout, anthropicLayout, openAIMarker, gitlabLength, notHex }

  var name: String
  var type: String
  var expression: String
  var alphabet: SecretBytes.Set
  var length: ClosedRange<Int>
  var score: Double = 0.95
  var severity: Severity = .critical
  var check: Check = .none
  /// Tokens that only work against a vendor's sandbox (`sk_test_`).
  var testKeyMarker: [UInt8]? = nil
  /// Characters of the token before the expression's match, for formats
  /// whose distinctive part sits inside (a signature at a fixed offset):
  /// anchoring there keeps the database from running a long repeat.
  var lead = 0
  /// The prefix names this vendor and no other (`pypi-AgE…` is the
  /// macaroon header naming pypi.org; `github_pat_`, `sk-ant-`): a run too
  /// short for the format is a cut-off copy, which works nowhere, so it is
  /// rejected rather than left to the rule for unknown vendors' keys.
  var exclusivePrefix = false
}

extension VendorFormat {
  static let alnum = SecretBytes.Set("A-Za-z0-9")
  static let word = SecretBytes.Set("A-Za-z0-9_")
  static let dashed = SecretBytes.Set("A-Za-z0-9_-")
  static let base64 = SecretBytes.Set("A-Za-z0-9+/=")
  static let dotted = SecretBytes.Set("A-Za-z0-9_.-")
  /// For formats whose expression already spans the whole token.
  static let none = SecretBytes.Set("")

  static let all: [VendorFormat] = [
    // GitHub: classic PAT, OAuth/user/server/refresh tokens with a CRC32 tail, fine-grained PATs.
    VendorFormat(name: "github-pat", type: "github_pat", expression: "ghp_[A-Za-z0-9]{36}", alphabet: alnum, length: 40...40, check: .githubChecksum),
    VendorFormat(name: "github-fine-grained-pat", type: "github_pat", expression: "github_pat_[A-Za-z0-9_]{22}", alphabet: word, length: 82...100, exclusivePrefix: true),
    VendorFormat(name: "github-token", type: "github_token", expression: "gh[ousr]_[A-Za-z0-9]{36}", alphabet: alnum, length: 40...255, check: .githubChecksum),
    // GitLab: one prefix per token kind, lengths checked per kind.
    VendorFormat(name: "gitlab-token", type: "gitlab_token", expression: "gl(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas|ffct|wt)-[A-Za-z0-9_-]{20}", alphabet: dashed.union("."), length: 25...1100, check: .gitlabLength),
    VendorFormat(name: "gitlab-runner-registration", type: "gitlab_token", expression: "GR1348941[A-Za-z0-9_-]{20}", alphabet: dashed, length: 29...59, check: .gitlabLength),
    // Slack: bot/user/app/config tokens; the layout check rejects documentation values.
    VendorFormat(name: "slack-token", type: "slack_token", expression: "xox[abposer]-[0-9A-Za-z-]{8}", alphabet: SecretBytes.Set("A-Za-z0-9-"), length: 20...400, check: .slackLayout),
    VendorFormat(name: "slack-config-token", type: "slack_token", expression: "xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{8}", alphabet: dotted, length: 40...400, check: .slackLayout),
    VendorFormat(name: "slack-app-token", type: "slack_token", expression: "xapp-[0-9]-[A-Z0-9]{8}", alphabet: SecretBytes.Set("A-Za-z0-9-"), length: 30...200),
    // Stripe secret and restricted keys (publishable pk_ keys are public by design).
    VendorFormat(name: "stripe-secret-key", type: "stripe_key", expression: "[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10}", alphabet: word, length: 20...255, testKeyMarker: Array("_test_".utf8)),
    VendorFormat(name: "stripe-webhook-secret", type: "stripe_key", expression: "whsec_[A-Za-z0-9]{24}", alphabet: alnum, length: 30...80, severity: .high),
    // AWS access key ids: a four-letter kind and 16 base32 characters.
    VendorFormat(name: "aws-access-key-id", type: "aws_access_key_id", expression: "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}", alphabet: SecretBytes.Set("A-Z0-9"), length: 20...20),
    // STS session tokens start with a fixed protobuf/macaroon header in base64.
    VendorFormat(name: "aws-session-token", type: "aws_session_token", expression: "(?:FwoGZXIvYXdz|IQoJb3JpZ2luX2Vj)[A-Za-z0-9/+=]{20}", alphabet: base64, length: 100...4096),
    VendorFormat(name: "aws-appsync-key", type: "api_key", expression: "da2-[a-z0-9]{26}", alphabet: SecretBytes.Set("a-z0-9-"), length: 30...30, severity: .high),
    // Google: API keys, OAuth client secrets and access tokens.
    VendorFormat(name: "google-api-key", type: "google_api_key", expression: "AIza[0-9A-Za-z_-]{35}", alphabet: dashed, length: 39...39, severity: .high),
    VendorFormat(name: "google-oauth-client-secret", type: "google_credential", expression: "GOCSPX-[A-Za-z0-9_-]{28}", alphabet: dashed, length: 35...35),
    VendorFormat(name: "google-oauth-access-token", type: "google_credential", expression: "ya29\\.[0-9A-Za-z_-]{30}", alphabet: dashed.union("."), length: 35...2048, severity: .high),
    // Azure AD client secrets: three characters, a digit, `Q~`, then 31–34.
    VendorFormat(name: "azure-ad-client-secret", type: "azure_credential", expression: "[A-Za-z0-9_~.][A-Za-z0-9_~.][A-Za-z0-9_~.][0-9]Q~[A-Za-z0-9_~.-]{31}", alphabet: SecretBytes.Set("A-Za-z0-9_~.-"), length: 37...40),
    VendorFormat(name: "sendgrid-api-key", type: "sendgrid_api_key", expression: "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}", alphabet: dotted, length: 69...69),
    // OpenAI: every current key kind embeds the T3BlbkFJ marker.
    VendorFormat(name: "openai-api-key", type: "openai_api_key", expression: "sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{16}", alphabet: dashed, length: 40...300, check: .openAIMarker),
    VendorFormat(name: "anthropic-api-key", type: "anthropic_api_key", expression: "sk-ant-(?:api|admin|sid|oat|ort)[0-9]{2}-[A-Za-z0-9_-]{20}", alphabet: dashed, length: 100...130, check: .anthropicLayout, exclusivePrefix: true),
    VendorFormat(name: "huggingface-token", type: "huggingface_token", expression: "hf_[A-Za-z0-9]{34}", alphabet: alnum.union("_"), length: 37...37),
    VendorFormat(name: "huggingface-org-token", type: "huggingface_token", expression: "api_org_[A-Za-z0-9]{34}", alphabet: word, length: 42...42),
    VendorFormat(name: "npm-token", type: "npm_token", expression: "npm_[A-Za-z0-9]{36}", alphabet: word, length: 40...40),
    // PyPI tokens are macaroons whose first caveat names the index.
    VendorFormat(name: "pypi-token", type: "pypi_token", expression: "pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)", alphabet: dashed, length: 90...400, exclusivePrefix: true),
    VendorFormat(name: "mailchimp-api-key", type: "api_key", expression: "[0-9a-f]{32}-us[0-9]{1,2}", alphabet: SecretBytes.Set("a-z0-9-"), length: 35...37, severity: .high),
    VendorFormat(name: "telegram-bot-token", type: "api_key", expression: "[0-9]{8,10}:AA[A-Za-z0-9_-]{33}", alphabet: dashed.union(":"), length: 43...46, severity: .high),
    VendorFormat(name: "discord-bot-token", type: "api_key", expression: "[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27}", alphabet: dotted, length: 59...72, severity: .high),
    VendorFormat(name: "grafana-api-key", type: "api_key", expression: "eyJrIjoi[A-Za-z0-9]{40}", alphabet: base64, length: 70...400, severity: .high),
    VendorFormat(name: "grafana-cloud-token", type: "api_key", expression: "glc_[A-Za-z0-9+/]{32}", alphabet: base64, length: 36...200),
    VendorFormat(name: "grafana-service-account", type: "api_key", expression: "glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}", alphabet: word, length: 46...46),
    // Sourcegraph: the whole layout is in the expression (40 hex, optionally after 16 hex or `local`).
    VendorFormat(name: "sourcegraph-token", type: "api_key", expression: "sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}", alphabet: none, length: 44...101),
    VendorFormat(name: "sentry-token", type: "api_key", expression: "sntry[su]_[A-Za-z0-9+/=_]{30}", alphabet: SecretBytes.Set("A-Za-z0-9+/=_"), length: 40...500),
    VendorFormat(name: "langsmith-key", type: "api_key", expression: "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", alphabet: word, length: 51...51),
    VendorFormat(name: "shopify-token", type: "api_key", expression: "shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}", alphabet: word, length: 38...38),
    VendorFormat(name: "digitalocean-token", type: "api_key", expression: "do[opr]_v1_[a-f0-9]{64}", alphabet: word, length: 71...71),
    VendorFormat(name: "planetscale-token", type: "api_key", expression: "pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32}", alphabet: dotted, length: 40...80),
    VendorFormat(name: "linear-api-key", type: "api_key", expression: "lin_api_[A-Za-z0-9]{40}", alphabet: word, length: 48...48),
    VendorFormat(name: "doppler-token", type: "api_key", expression: "dp\\.(?:pt|st|ct|sa|scim|audit)\\.[A-Za-z0-9]{40}", alphabet: dotted, length: 45...60),
    VendorFormat(name: "pulumi-token", type: "api_key", expression: "pul-[a-f0-9]{40}", alphabet: SecretBytes.Set("a-z0-9-"), length: 44...44),
    VendorFormat(name: "rubygems-token", type: "api_key", expression: "rubygems_[a-f0-9]{48}", alphabet: word, length: 57...57),
    VendorFormat(name: "square-token", type: "api_key", expression: "sq0(?:atp|csp)-[0-9A-Za-z_-]{22}", alphabet: dashed, length: 29...60),
    VendorFormat(name: "brevo-key", type: "api_key", expression: "xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}", alphabet: SecretBytes.Set("a-zA-Z0-9-"), length: 89...89),
    VendorFormat(name: "vault-token", type: "api_key", expression: "hv[sb]\\.[A-Za-z0-9_-]{24}", alphabet: dashed.union("."), length: 28...200),
    VendorFormat(name: "databricks-token", type: "api_key", expression: "dapi[a-f0-9]{32}", alphabet: SecretBytes.Set("a-z0-9-"), length: 36...39),
    VendorFormat(name: "age-secret-key", type: "private_key", expression: "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", alphabet: SecretBytes.Set("A-Z0-9-"), length: 74...74),
    VendorFormat(name: "flutterwave-secret", type: "api_key", expression: "FLWSECK(?:_TEST)?-[a-h0-9]{32}-X", alphabet: SecretBytes.Set("A-Za-z0-9_-"), length: 42...47),
    VendorFormat(name: "atlassian-api-token", type: "api_key", expression: "AT(?:ATT|CTT)3[A-Za-z0-9_=-]{20}", alphabet: SecretBytes.Set("A-Za-z0-9_=-"), length: 26...300),
    VendorFormat(name: "postman-api-key", type: "api_key", expression: "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", alphabet: SecretBytes.Set("A-Za-z0-9-"), length: 64...64),
    VendorFormat(name: "prefect-token", type: "api_key", expression: "pnu_[A-Za-z0-9]{36}", alphabet: word, length: 40...40),
    VendorFormat(name: "replicate-token", type: "api_key", expression: "r8_[A-Za-z0-9]{37}", alphabet: word, length: 40...40),
    VendorFormat(name: "groq-key", type: "api_key", expression: "gsk_[A-Za-z0-9]{52}", alphabet: word, length: 56...56),
    VendorFormat(name: "xai-key", type: "api_key", expression: "xai-[A-Za-z0-9]{80}", alphabet: dashed, length: 84...84),
    VendorFormat(name: "perplexity-key", type: "api_key", expression: "pplx-[A-Za-z0-9]{48}", alphabet: dashed, length: 53...53),
    VendorFormat(name: "figma-token", type: "api_key", expression: "figd_[A-Za-z0-9_-]{40}", alphabet: dashed, length: 45...50),
    VendorFormat(name: "notion-token", type: "api_key", expression: "(?:ntn_[A-Za-z0-9]{46}|secret_[A-Za-z0-9]{43})", alphabet: word, length: 50...50),
    VendorFormat(name: "supabase-token", type: "api_key", expression: "sbp_[a-f0-9]{40}", alphabet: word, length: 44...44),
    VendorFormat(name: "netlify-token", type: "api_key", expression: "nfp_[A-Za-z0-9]{36}", alphabet: word, length: 40...40),
    VendorFormat(name: "heroku-token", type: "api_key", expression: "HRKU-[A-Za-z0-9_-]{40}", alphabet: dashed, length: 45...80),
    VendorFormat(name: "contentful-token", type: "api_key", expression: "CFPAT-[A-Za-z0-9_-]{43}", alphabet: dashed, length: 49...49),
    VendorFormat(name: "dynatrace-token", type: "api_key", expression: "dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}", alphabet: SecretBytes.Set("A-Za-z0-9."), length: 96...96),
    VendorFormat(name: "nuget-key", type: "api_key", expression: "oy2[a-z0-9]{43}", alphabet: SecretBytes.Set("a-z0-9"), length: 46...46),
    VendorFormat(name: "artifactory-key", type: "api_key", expression: "AKCp[A-Za-z0-9]{69}", alphabet: alnum, length: 73...73),
    VendorFormat(name: "apify-token", type: "api_key", expression: "apify_api_[A-Za-z0-9]{36}", alphabet: dashed, length: 46...60),
    VendorFormat(name: "buildkite-token", type: "api_key", expression: "bkua_[a-z0-9]{40}", alphabet: word, length: 45...45),
    VendorFormat(name: "alchemy-token", type: "api_key", expression: "alcht_[A-Za-z0-9]{30}", alphabet: word, length: 36...36),
    // Fly.io tokens are comma-separated macaroons: the whole list is the token.
    VendorFormat(name: "flyio-token", type: "api_key", expression: "(?:fm1[ar]|fm2|fo1)_[A-Za-z0-9_+/=-]{40}", alphabet: SecretBytes.Set("A-Za-z0-9_+/=,-"), length: 44...2000),
    VendorFormat(name: "shippo-token", type: "api_key", expression: "shippo_(?:live|test)_[a-f0-9]{40}", alphabet: word, length: 52...52, testKeyMarker: Array("_test_".utf8)),
    VendorFormat(name: "bitbucket-dc-token", type: "api_key", expression: "BBDC-[A-Za-z0-9+/@_-]{40}", alphabet: SecretBytes.Set("A-Za-z0-9+/@_-"), length: 45...60),
    VendorFormat(name: "onepassword-service-token", type: "api_key", expression: "ops_eyJ[A-Za-z0-9+/=_-]{100}", alphabet: SecretBytes.Set("A-Za-z0-9+/=_-"), length: 107...2000),
    VendorFormat(name: "spectralops-token", type: "api_key", expression: "spu-[a-f0-9]{32}", alphabet: SecretBytes.Set("a-z0-9"), length: 36...36),
    VendorFormat(name: "octopus-deploy-key", type: "api_key", expression: "API-[A-Z0-9]{26}", alphabet: SecretBytes.Set("A-Z0-9"), length: 30...36, severity: .high),
    VendorFormat(name: "duffel-token", type: "api_key", expression: "duffel_(?:test|live)_[A-Za-z0-9_-]{43}", alphabet: dashed, length: 55...56, testKeyMarker: Array("_test_".utf8)),
    VendorFormat(name: "openrouter-key", type: "api_key", expression: "sk-or-v1-[a-f0-9]{64}", alphabet: none, length: 73...73),
    // Facebook app access tokens: the numeric app id, `|`, the app secret.
    VendorFormat(name: "facebook-app-token", type: "api_key", expression: "[0-9]{15,16}\\|[A-Za-z0-9_-]{27}", alphabet: dashed, length: 43...44, severity: .high),
    VendorFormat(name: "mapbox-token", type: "api_key", expression: "sk\\.eyJ[A-Za-z0-9_-]{20}", alphabet: dotted, length: 80...300, severity: .high),
    VendorFormat(name: "mailgun-key", type: "api_key", expression: "key-[0-9a-z]{32}", alphabet: SecretBytes.Set("a-z0-9-"), length: 36...36, severity: .high),
    VendorFormat(name: "alibaba-access-key", type: "api_key", expression: "LTAI[A-Za-z0-9]{20}", alphabet: alnum, length: 24...30, severity: .high),
    // Twilio API key SIDs (`SK` + 32 hex); the account SID (`AC…`) is an id.
    VendorFormat(name: "twilio-api-key", type: "twilio_credential", expression: "SK[0-9a-fA-F]{32}", alphabet: alnum, length: 34...34, severity: .high),
    // Amazon Bedrock API keys: long-lived ones are `ABSK` + base64 of
    // "BedrockAPIKey-…"; short-lived ones a presigned URL in base64.
    VendorFormat(name: "aws-bedrock-api-key", type: "api_key", expression: "ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{10}", alphabet: base64, length: 100...300),
    VendorFormat(name: "aws-bedrock-short-term-key", type: "api_key", expression: "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t", alphabet: base64.union("_-"), length: 100...4096),
    VendorFormat(name: "adobe-client-secret", type: "api_key", expression: "p8e-[A-Za-z0-9]{32}", alphabet: alnum, length: 36...36, check: .notHex),
    // Airtable personal access tokens: `pat` + 14, a dot, 64 hex.
    VendorFormat(name: "airtable-pat", type: "api_key", expression: "pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}", alphabet: none, length: 82...82),
    // JFrog reference tokens: base64 of `reftkn:01:`.
    VendorFormat(name: "jfrog-reference-token", type: "api_key", expression: "cmVmdGtuOjAxOj[A-Za-z0-9]{20}", alphabet: alnum, length: 60...80),
    VendorFormat(name: "clickhouse-cloud-secret", type: "api_key", expression: "4b1d[A-Za-z0-9]{38}", alphabet: alnum, length: 42...42, severity: .high, check: .notHex),
    // Cloudflare: origin CA keys, and the prefixed API tokens and global keys.
    VendorFormat(name: "cloudflare-origin-ca-key", type: "api_key", expression: "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}", alphabet: none, length: 176...176),
    VendorFormat(name: "cloudflare-api-token", type: "api_key", expression: "cf(?:ut|at|k)_[A-Za-z0-9]{40}", alphabet: alnum, length: 52...53),
    VendorFormat(name: "clojars-token", type: "api_key", expression: "CLOJARS_[A-Za-z0-9]{20}", alphabet: alnum, length: 68...68),
    VendorFormat(name: "defined-networking-key", type: "api_key", expression: "dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}", alphabet: none, length: 84...84),
    VendorFormat(name: "easypost-key", type: "api_key", expression: "EZ[AT]K[A-Za-z0-9]{20}", alphabet: alnum, length: 58...58, testKeyMarker: Array("EZTK".utf8)),
    // Facebook page/user access tokens (`EAAC…`, `EAAM…`), long base62.
    VendorFormat(name: "facebook-access-token", type: "api_key", expression: "EAA[CM][A-Za-z0-9]{20}", alphabet: alnum, length: 100...512, severity: .high),
    VendorFormat(name: "frameio-token", type: "api_key", expression: "fio-u-[A-Za-z0-9_=-]{20}", alphabet: SecretBytes.Set("A-Za-z0-9_=-"), length: 70...70),
    VendorFormat(name: "harness-token", type: "api_key", expression: "(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}", alphabet: none, length: 72...72),
    VendorFormat(name: "terraform-cloud-token", type: "api_key", expression: "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{20}", alphabet: SecretBytes.Set("A-Za-z0-9_=-"), length: 80...95),
    VendorFormat(name: "infracost-token", type: "api_key", expression: "ico-[A-Za-z0-9]{32}", alphabet: alnum, length: 36...36, check: .notHex),
    VendorFormat(name: "intra42-secret", type: "api_key", expression: "s-s4t2(?:ud|af)-[a-f0-9]{64}", alphabet: none, length: 73...73),
    VendorFormat(name: "maxmind-license-key", type: "api_key", expression: "[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk", alphabet: none, length: 40...40),
    // New Relic user, ingest, query and browser keys.
    VendorFormat(name: "newrelic-key", type: "api_key", expression: "NR(?:AK|II|IQ|JS)-[A-Za-z0-9_-]{19}", alphabet: dashed, length: 24...40),
    VendorFormat(name: "openshift-token", type: "api_key", expression: "sha256~[A-Za-z0-9_-]{43}", alphabet: dashed, length: 50...50),
    VendorFormat(name: "readme-key", type: "api_key", expression: "rdme_[a-z0-9]{70}", alphabet: alnum, length: 75...75),
    VendorFormat(name: "scalingo-token", type: "api_key", expression: "tk-us-[A-Za-z0-9_-]{48}", alphabet: dashed, length: 54...54),
    VendorFormat(name: "settlemint-token", type: "api_key", expression: "sm_(?:aat|pat|sat)_[A-Za-z0-9]{16}", alphabet: alnum, length: 23...23),
    VendorFormat(name: "square-access-token", type: "api_key", expression: "EAAA[A-Za-z0-9_-]{22}", alphabet: dashed, length: 26...64),
    VendorFormat(name: "yandex-api-key", type: "api_key", expression: "AQVN[A-Za-z0-9_-]{35}", alphabet: dashed, length: 39...42),
    VendorFormat(name: "onepassword-secret-key", type: "api_key", expression: "A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}", alphabet: none, length: 34...40),
    VendorFormat(name: "adafruit-io-key", type: "api_key", expression: "aio_[A-Za-z0-9]{28}", alphabet: alnum, length: 32...32),
    VendorFormat(name: "bannerbear-key", type: "api_key", expression: "bb_(?:pr|ma)_[a-f0-9]{30}", alphabet: alnum, length: 36...36),
    VendorFormat(name: "bitbucket-app-password", type: "api_key", expression: "ATBB[A-Za-z0-9]{28}", alphabet: SecretBytes.Set("A-Za-z0-9_=.-"), length: 32...80),
    VendorFormat(name: "circleci-token", type: "api_key", expression: "CCIPAT_[A-Za-z0-9]{22}_[a-fA-F0-9]{40}", alphabet: none, length: 70...70),
    VendorFormat(name: "deno-deploy-token", type: "api_key", expression: "dd[pw]_[A-Za-z0-9]{36}", alphabet: alnum, length: 40...40),
    VendorFormat(name: "docker-hub-token", type: "api_key", expression: "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27}", alphabet: dashed, length: 36...41),
    VendorFormat(name: "figma-pat-v3", type: "api_key", expression: "figp_[A-Za-z0-9_=-]{40}", alphabet: SecretBytes.Set("A-Za-z0-9_=-"), length: 45...59),
    VendorFormat(name: "flexport-token", type: "api_key", expression: "shltm_[A-Za-z0-9_-]{40}", alphabet: dashed, length: 46...46),
    VendorFormat(name: "hubspot-pat", type: "api_key", expression: "pat-(?:na|eu)1-[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}", alphabet: none, length: 44...44),
    VendorFormat(name: "langfuse-secret-key", type: "api_key", expression: "sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", alphabet: none, length: 42...42),
    VendorFormat(name: "nvidia-api-key", type: "api_key", expression: "nvapi-[A-Za-z0-9_-]{64}", alphabet: dashed, length: 70...70),
    VendorFormat(name: "pinecone-key", type: "api_key", expression: "pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{20}", alphabet: word, length: 60...120),
    VendorFormat(name: "posthog-personal-key", type: "api_key", expression: "phx_[A-Za-z0-9_]{43}", alphabet: word, length: 47...52),
    VendorFormat(name: "ramp-secret", type: "api_key", expression: "ramp_sec_[A-Za-z0-9]{48}", alphabet: alnum, length: 57...57),
    VendorFormat(name: "robinhood-crypto-key", type: "api_key", expression: "rh-api-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", alphabet: none, length: 43...43),
    VendorFormat(name: "rootly-key", type: "api_key", expression: "rootly_[a-f0-9]{64}", alphabet: alnum, length: 71...71),
    VendorFormat(name: "salad-cloud-key", type: "api_key", expression: "salad_cloud_[0-9A-Za-z]{1,7}_[0-9A-Za-z]{7}", alphabet: alnum, length: 27...260),
    VendorFormat(name: "sonar-token", type: "api_key", expression: "sq(?:p|u|a|co)_[A-Za-z0-9]{40}", alphabet: alnum, length: 44...64),
    VendorFormat(name: "sourcegraph-cody-key", type: "api_key", expression: "slk_[a-f0-9]{64}", alphabet: alnum, length: 68...68),
    VendorFormat(name: "tailscale-key", type: "api_key", expression: "tskey-[a-z]{3,8}-[A-Za-z0-9]{8}", alphabet: word.union("-"), length: 30...120),
    VendorFormat(name: "typeform-token", type: "api_key", expression: "tfp_[A-Za-z0-9_]{40}", alphabet: SecretBytes.Set("A-Za-z0-9_.=-"), length: 44...70),
    VendorFormat(name: "ubidots-token", type: "api_key", expression: "BBFF-[A-Za-z0-9]{30}", alphabet: alnum, length: 35...35),
    VendorFormat(name: "zoho-token", type: "api_key", expression: "1000\\.[a-f0-9]{32}\\.[a-f0-9]{32}", alphabet: none, length: 70...70),
    VendorFormat(name: "launchdarkly-key", type: "api_key", expression: "(?:api|sdk)-[a-z0-9]{8}-[a-z0-9]{4}-4[a-z0-9]{3}-[a-z0-9]{4}-[a-z0-9]{12}", alphabet: none, length: 40...40, severity: .high),
    VendorFormat(name: "azure-container-registry-password", type: "azure_credential", expression: "[A-Za-z0-9+/]{42}\\+ACR[A-Za-z0-9]{6}", alphabet: none, length: 52...52),
    VendorFormat(name: "elevenlabs-key", type: "api_key", expression: "sk_[a-f0-9]{48}", alphabet: alnum, length: 51...51, severity: .high),
    VendorFormat(name: "google-oauth-refresh-token", type: "google_credential", expression: "1//0[A-Za-z0-9_-]{30}", alphabet: dashed, length: 40...512),
    VendorFormat(name: "mailgun-signing-key", type: "api_key", expression: "[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}", alphabet: none, length: 50...50, severity: .high),
    // Azure identifiable keys: 86 base64 characters and `==`, with a
    // service signature at offset 76, where the expression starts (`+ASt`
    // storage, `+ASb` Service Bus, `+AEh` Event Hubs, `+ARm` Relay, `AzFu`
    // Functions, `AzSe` Search, `ACDb` Cosmos DB, `APIM` API Management).
    VendorFormat(name: "azure-identifiable-key", type: "azure_credential", expression: "(?:\\+ASt|\\+ASb|\\+AEh|\\+ARm|AzFu|AzSe|ACDb|APIM)[A-Za-z0-9+/]{5}[AQgw]==", alphabet: base64, length: 88...88, lead: 76),
    // Plaid access tokens name their environment before a UUID.
    VendorFormat(name: "plaid-access-token", type: "api_key", expression: "access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", alphabet: none, length: 51...54),
    // Braintree (PayPal) access tokens: `access_token$<env>$<merchant>$<32 hex>`.
    VendorFormat(name: "braintree-access-token", type: "api_key", expression: "access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}", alphabet: none, length: 69...72),
    // ClickUp personal tokens: `pk_`, the user id, `_`, 32 upper-case characters.
    VendorFormat(name: "clickup-token", type: "api_key", expression: "pk_[0-9]{4,12}_[A-Z0-9]{32}", alphabet: none, length: 40...48),
    // Dropbox short-lived access tokens: `sl.` and a long base64url body.
    VendorFormat(name: "dropbox-access-token", type: "api_key", expression: "sl\\.(?:u\\.)?[A-Za-z0-9_-]{40}", alphabet: dotted, length: 130...1500),
    VendorFormat(name: "brevo-smtp-key", type: "api_key", expression: "xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}", alphabet: none, length: 90...90),
    VendorFormat(name: "tavily-key", type: "api_key", expression: "tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}", alphabet: none, length: 37...42),
    VendorFormat(name: "firecrawl-key", type: "api_key", expression: "fc-[a-f0-9]{32}", alphabet: alnum, length: 35...35),
    VendorFormat(name: "neon-api-key", type: "api_key", expression: "napi_[a-z0-9]{64}", alphabet: alnum, length: 69...69),
    // Salesforce session/access tokens: the 15- or 18-character org id, `!`, the token.
    VendorFormat(name: "salesforce-access-token", type: "api_key", expression: "00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{40}", alphabet: SecretBytes.Set("A-Za-z0-9._"), length: 90...200),
    // Intercom access tokens: base64 of `tok:` and a UUID-like body.
    VendorFormat(name: "intercom-token", type: "api_key", expression: "dG9rO[jm][A-Za-z0-9+/]{40}", alphabet: base64.union("_-"), length: 56...100),
    VendorFormat(name: "vercel-blob-token", type: "api_key", expression: "vercel_blob_rw_[A-Za-z0-9]{16}_[A-Za-z0-9]{20}", alphabet: alnum, length: 60...70),
    VendorFormat(name: "supabase-secret-key", type: "api_key", expression: "sb_secret_[A-Za-z0-9_-]{20}", alphabet: dashed, length: 40...80),
  ]
}

extension SecretBytes.Set {
  /// This set plus the characters in `extra`.
  func union(_ extra: String) -> SecretBytes.Set {
    let added = SecretBytes.Set(extra)
    return SecretBytes.Set { contains($0) || added.contains($0) }
  }
}
