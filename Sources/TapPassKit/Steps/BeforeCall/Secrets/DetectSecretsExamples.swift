/// Examples of `detect_secrets`: the tests and the documentation. Every
/// value here is invented for this file (random, with a valid layout where
/// the format has one); none is a live credential.
enum DetectSecretsExamples {
  static let all: [StepExample] = triggering + nonTriggering + configured

  static let triggering: [StepExample] = [
    // Vendor formats.
    StepExample("export GITHUB_TOKEN=«github_pat: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»"),
    StepExample("oauth token «github_token: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» expires tomorrow"),
    StepExample("aws_access_key_id = «aws_access_key_id:AKIAHM7ZME2K3Y7G5C62»\naws_secret_access_key = «aws_secret_access_key:AUUJcTa+RXcrzEBZshBfTf39VMBlMJzjtPrcWC3f»"),
    StepExample("creds: «aws_access_key_id:AKIAHM7ZME2K3Y7G5C62» «aws_secret_access_key:AUUJcTa+RXcrzEBZshBfTf39VMBlMJzjtPrcWC3f»"),
    StepExample(#"SLACK_BOT_TOKEN="«slack_token:xoxb-7048289466832-8022725558934-pJLc0DTFuvEVViv3FQdGLtPT»""#),
    StepExample("stripe.api_key = '«stripe_key:sk_live_T1VWe558UtmSOv6McDFwszX8»'"),
    StepExample("use «stripe_key:sk_test_atlISqHRN8KkAcNFcVLD1KCq» in the sandbox"),
    StepExample("maps key «google_api_key:AIzaABTPu1m0ugeWOg7GLqwSBIPt3oILT9RIKTz» in the page"),
    StepExample("OPENAI_API_KEY=«openai_api_key:sk-proj-ZTcVE4RLpMS3EDQnrVrLT3BlbkFJRwyyXevrSM1XYEBo1xoU»"),
    StepExample("client = Anthropic(api_key=\"«anthropic_api_key:sk-ant-api03-RFiME6Zuxk5Sb0IfSWJ9mdbzfK1n_jDwVEgbf55KuQdBN7VHik5qNvO8fy5lShwlQOmOSZ1MtkW17ePjjKvL77qDjStJeAA»\")"),
    StepExample("login with «huggingface_token:hf_Xf8BlobesrjeZrHp9yMR0lJU0RmioeYFwp»"),
    StepExample("git clone https://oauth2:«gitlab_token:glpat-83ecdzH6kXVqAf0rHAcM»@gitlab.com/group/app.git"),
    StepExample("publish with «npm_token:npm_XSXFRO9O0q8WKLi5qJI4mijOXd47EAMQBl9n»"),
    StepExample("//registry.npmjs.org/:_authToken=«npm_token:6f1c2a9e-4b7d-4e21-9c3a-8d5e7f0b1a24»"),
    StepExample("password = «pypi_token:pypi-AgEIcHlwaS5vcmcPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6ilI8ihN5KXSc7Tvo-hBKqFYY-k»"),
    StepExample("SENDGRID_API_KEY=«sendgrid_api_key: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»"),
    StepExample("session «jwt:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiAic3ZjLXdvcmtlciIsICJpYXQiOiAxNzMxMDAwMDAwfQ.V3Zw-r9h9xVl62DmX-7bzEesW8rauyH8j1vwhIT-A7r»"),
    StepExample("-H \"Authorization: Bearer «jwt:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiAic3ZjLXdvcmtlciIsICJpYXQiOiAxNzMxMDAwMDAwfQ.V3Zw-r9h9xVl62DmX-7bzEesW8rauyH8j1vwhIT-A7r»\""),
    // Private keys, also inside a JSON string with literal \n escapes.
    StepExample("«private_key:-----BEGIN RSA PRIVATE KEY-----\nP/eAmILknoqgR9M9Jx3PW8IlGeptr97mucY5sGF99cbEnSp+mDf9/jSkWP0DGIap\neMoEsO05h/7lBQqfEdzjVJzMpn1fYCRyrqpgPm+u1Z9k1vdk5f2nGNvn2a7AH1xx\n-----END RSA PRIVATE KEY-----»"),
    StepExample(#"{"type": "service_account", "private_key": "«private_key:-----BEGIN PRIVATE KEY-----\nP/eAmILknoqgR9M9Jx3PW8IlGeptr97mucY5sGF99cbEnSp+mDf9/jSkWP0DGIap\nVGj6dQrR4xKwXcFn1z6iQRluTYKD3HJ3vJVAsLf9PunlCmjzNKZNNHLFriCv/FXV\n-----END PRIVATE KEY-----»\n"}"#),
    // Connection strings, URLs, headers.
    StepExample("DATABASE_URL=postgres://app:«connection_string:cJqKKwoTKxNGMm1P7O»@db.internal:5432/orders"),
    StepExample("mongodb+srv://reporting:«connection_string:yiSOSX9yKCvRl0Jv»@cluster0.mongodb.net/analytics"),
    StepExample("git remote add origin https://deploy:«basic_auth:8jJb2pFzXPO8C4su»@git.acme.io/app.git"),
    StepExample("curl -u deploy:«basic_auth:8jJb2pFzXPO8C4su» https://api.acme.io/v1/builds"),
    StepExample("curl -H \"Authorization: Bearer «bearer_token:ojJXZiAjEXbUseepbruei7HItOmrv3ARNR2FAw-a»\" https://api.acme.io"),
    StepExample("DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=«azure_credential:uqtvC0PrpONlXWRwoXh677n/Lhm4eMtovg5kBdxNDLRzD4mQtC5dsq62JlYIArGzm0sJjcXV8Om6s+AbB4y8ru==»;EndpointSuffix=core.windows.net"),
    StepExample("TWILIO_AUTH_TOKEN=«twilio_credential:1274ffa3c72e3f921b6ebaf982306d59»"),
    StepExample("alerts go to «slack_webhook:https://hooks.slack.com/services/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»"),
    StepExample("«discord_webhook:https://discord.com/api/webhooks/901951762619532665/3UL_FL2L_qSSIoEYdZAbRc7UnRee7ZUZL3R7yonRit_EcMbdDHwgzdkNGdXE0hKpyLwt»"),
    // Passwords and keyed secrets.
    StepExample("DB_PASSWORD=«generic_password:cJqKKwoTKxNGMm1P7O»"),
    StepExample("password: \"«generic_password:fO*Zd%&60dCj0R»\""),
    StepExample("if (db_pass != \"«generic_password:fO*Zd%&60dCj0R»\") {"),
    StepExample("client_secret = '«generic_secret:rvQAhk2No3nn2MGz2yE5lq6C7sss7Dn4»'"),
    StepExample("<secret>{AQAAABAAAA «generic_secret:7VtU3D-2hPMlTQQdfDaS36bfuKgbqIAawali»}</secret>"),
    StepExample("acme token = '«api_key:n8n0yguftm300z3yn91kkjrb61bwl8rcs84s5mxs»'"),
    StepExample("[DEBUG] using Key=«api_key:rvQAhk2No3nn2MGz2yE5lq6C7sss7Dn4»"),
    StepExample("sourcegraph: «api_key:eb6101852dc5cecfef22b3ac24f2aaa13f50040b»"),
    StepExample("Here is my token: «api_key:rvQAhk2No3nn2MGz2yE5lq6C7sss7Dn4»", role: .user),
    StepExample(#"req.Header.Set("X-Acme-Api-Key", "«api_key:rvQAhk2No3nn2MGz2yE5lq6C7sss7Dn4»")"#),
    StepExample(#"if ("«generic_password:fO*Zd%&60dCj0R»" == password) {"#),
    StepExample("teams webhook url = '«webhook_url:https://acme.webhook.office.com/webhookb2/9f3c1a77-2b4e-4d1a-9a0e-5c2f8e1d7b36@4f1e/IncomingWebhook/8c2d4e6f1a3b5c7d9e0f2a4b6c8d0e1f/7a9b»'"),
    StepExample("acmecloud «api_key:rvQAhk2No3nn2MGz2yE5lq6C7sss7Dn4» (prod)"),
    StepExample("acmecloud '«api_key:n8n0yguftm300z3yn91kkjrb61bwl8rcs84s5mxs»'"),
    StepExample("LicenseKey «api_key:n8n0yguftm300z3yn91kkjrb61bwl8rcs84s5mxs»"),
    StepExample("export BUNDLE_GEMS__ACME__IO=«generic_password:deploy:cJqKKwoTKxNGMm1P7O»"),
    StepExample("The deploy key is «github_pat: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».", role: .output),
  ]

  static let nonTriggering: [StepExample] = [
    // Placeholders and documentation values.
    StepExample("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    StepExample("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"),
    StepExample("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    StepExample(#"api_key = "YOUR_API_KEY""#),
    StepExample("password: ${DB_PASSWORD}"),
    StepExample("token: {{ .Values.apiToken }}"),
    StepExample(#"password = os.environ["DB_PASSWORD"]"#),
    StepExample("const apiKey = process.env.API_KEY;"),
    StepExample("secret_key = <your-secret-key>"),
    StepExample("password: changeme"),
    StepExample("password: real_key"),
    StepExample(#"api_key: "****************""#),
    StepExample("token = get_token(user)"),
    StepExample("secret_key = os.urandom(24)"),
    StepExample("Authorization: Bearer <token>"),
    StepExample("postgres://user:password@localhost:5432/mydb"),
    StepExample("curl -u \"$USERNAME:$PASSWORD\" https://api.acme.io"),
    StepExample(#"SLACK_TOKEN="xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d""#),
    StepExample("OPENAI_API_KEY=sk-proj-KutZkS8vjpZWKAg2aYsWT4BlbkFJkbiPJXujzTp2xeuREAsc"),
    StepExample("publishable: pk_live_TSgQpFjZ46UGS7PNKyLtBT1p"),
    StepExample("sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzAA"),
    // Hashes, ids and versions in ordinary context.
    StepExample("Fixed in commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39, see the changelog."),
    StepExample("commit: eb6101852dc5cecfef22b3ac24f2aaa13f50040b"),
    StepExample("request id 6f1c2a9e-4b7d-4e21-9c3a-8d5e7f0b1a24 failed"),
    StepExample("sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    StepExample("version = \"2.14.3-beta.1+build.5678\""),
    StepExample("<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">"),
    StepExample("The key: remember that the password must be at least 12 characters long."),
    StepExample("Use the token-based auth flow; the secret is rotated weekly."),
    StepExample("Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May."),
    StepExample("public key = MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr7Qx2"),
    StepExample("mounted at /var/lib/docker/overlay2/3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d/merged"),
    StepExample("attach report_2024_final_version_v2_signed.pdf to the ticket"),
    StepExample("await page.fill('#password', 'password123');"),
    StepExample("Set `POSTGRES_PASSWORD`, `CF_R2_ACCESS_KEY_ID`, `CF_R2_SECRET_ACCESS_KEY` in the environment."),
    StepExample(#"{"model": "veo-3.1", "task": "image_to_video_360_product_rotation", "method": "constrained_true_3d_reconstruction"}"#),
    StepExample("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"),
    StepExample("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"),
  ]

  /// Every configuration option, exercised.
  static let configured: [StepExample] = [
    StepExample("client_secret = '«generic_secret:k9k9m2m2p7p7q4q4r»'", config: #"{"min_entropy": 3.0}"#),
    StepExample("client_secret = 'k9k9m2m2p7p7q4q4r'", config: #"{"min_entropy": 3.5}"#),
    StepExample("client_secret = 'rvQAhk2No3nn2MGz2yE5lq6C7sss7Dn4'", config: #"{"min_length": 40}"#),
    StepExample("DB_PASSWORD=k9#mPq2", config: #"{"min_password_length": 10}"#),
    StepExample("DB_PASSWORD=«generic_password:k9#mPq2»", config: #"{"min_password_length": 6}"#),
    StepExample("client_secret = 'stagingrvQAhk2No3nn2MGz2yE5lq6C7'", config: #"{"extra_placeholders": ["staging"]}"#),
    StepExample("decoded eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiAic3ZjLXdvcmtlciIsICJpYXQiOiAxNzMxMDAwMDAwfQ.V3Zw-r9h9xVl62DmX-7bzEesW8rauyH8j1vwhIT-A7r", config: #"{"disabled_types": ["jwt"]}"#),
    StepExample("sourcegraph: eb6101852dc5cecfef22b3ac24f2aaa13f50040b", config: #"{"unkeyed_assignments": false}"#),
  ]
}
