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
    StepExample("REDIS_URL=rediss://:«connection_string:Vb3kT9qLx2RmW7pZ»@cache-7.acme.internal:6380/0"),
    StepExample("git remote add origin https://deploy:«basic_auth:8jJb2pFzXPO8C4su»@git.acme.io/app.git"),
    StepExample("curl -u deploy:«basic_auth:8jJb2pFzXPO8C4su» https://api.acme.io/v1/builds"),
    StepExample("mysqldump -h db.acme.internal -u backup -p«generic_password:Rq7vLm2xT9kW» shop > shop.sql"),
    StepExample("mysql -u app -p'«generic_password:n4#Kx8 pQ2z»' orders"),
    StepExample("sshpass -p '«generic_password:Xk29mPq7Lw»' ssh deploy@10.0.0.5"),
    StepExample("redis-cli -h cache.acme.internal -a «generic_password:Xk29mPq7Lw» ping"),
    StepExample("ldapsearch -x -D cn=admin,dc=acme,dc=io -w «generic_password:Xk29mPq7Lw» -b dc=acme,dc=io"),
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
    StepExample("acmecloud '«api_key:n8n0yguftm300z3yn91kkjrb61bwl8rcs84s5mxs»'"),
    StepExample("The password is \"«generic_password:fO*Zd%&60dCj0R»\", do not share it.", role: .system),
    StepExample(#"{"command": "export DB_PASSWORD=\"«generic_password:cJqKKwoTKxNGMm1P7O»\" && ./migrate"}"#, role: .toolArguments),
    StepExample(#"{\"api_key\": \"«api_key:rvQAhk2No3nn2MGz2yE5lq6C7sss7Dn4»\"}"#, role: .toolResult),
    StepExample("LicenseKey «api_key:n8n0yguftm300z3yn91kkjrb61bwl8rcs84s5mxs»"),
    StepExample("export BUNDLE_GEMS__ACME__IO=«generic_password:deploy:cJqKKwoTKxNGMm1P7O»"),
    StepExample("The deploy key is «github_pat: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».", role: .output),
    // Assignment forms: compound operators, typed declarations, YAML block
    // scalars, multi-line XML elements, table cells.
    StepExample(#"$acmeToken .= "«api_key:ewLiIwwm6vyRbGayGVTYSrsRlYIVBreT»";"#),
    StepExample(#"ACME_TOKEN :::= "«api_key:GRWTFZYyvVkBwYyONN3trQZFqIf4sAKx»""#),
    StepExample(#"var acmeToken string = "«api_key:WeVCI0y3AH5NkCH3HuqkWZFcMNvP94iV»""#),
    StepExample(#"val acmeToken: String = "«api_key:xisWeA65icir0NBMeSS0kkodkNuW9H5k»""#),
    StepExample("acme_token: |-\n  «api_key:5WWDYzh09hPWwfhXdMjXVUXqu9iMWA6Z»\n"),
    StepExample("<acmeToken>\n    «api_key:YUV5ZN9cDMvOpDCIx1mgOZUSWAiFFM2Y»\n</acmeToken>"),
    StepExample("| Variable | Value |\n| acme api token |«api_key:ehOVfbiX7ROqm3Tf8I211g4S5dnvQurzcX2fO7Qe» |"),
    // Keyed values: short and numeric tokens, a quoted list, a defused
    // test key, a password with a space.
    StepExample("acme token = '«api_key:olytpx22r»'"),
    StepExample("acme token = '«api_key:6435449675163542729»'"),
    StepExample("acmeapp token = '«api_key:91e839e9-2742-4c62-3c02-bb9020fa3721» | 2e2b1918-6466-4db8-b299-1eec7c7478f1'"),
    StepExample("ACME_API_KEY=«api_key:fp0lzwEuWR0Nk0FAKEqyEcLP0obDy5dL»"),
    StepExample(#"couchbase_password: "«generic_password:qY#G5o Yk7!u»""#),
    // Template openers in a random password that open no template: the
    // bracket after `${` closes nothing it opened.
    StepExample(#"smtp_password = "«generic_password:Hq4${w]Tz8(kR2}»""#),
    // Structural formats: Azure SAS signatures, JWK and PuTTY private keys,
    // curl users, keys as URL users.
    StepExample("https://acmelogs.blob.core.windows.net/exports/day.csv?sv=2022-11-02&ss=b&srt=o&se=2026-01-01T00:00:00Z&sp=r&s" + "ig=«azure_credential:JQv8Icde1wEqNEHfEWOMD1TOLAYQM7D4zkjEUlDu%3D»"),
    StepExample(#"{"kty": "EC", "crv": "P-256", "x": "SlS7ltW4IFGRmUs966YINUEZVdpSEc5cDG8RHxXZgtv", "y": "6VzQjRKHscsYg0017YF2qY7r5HNa6Tsez2clNLAZo4e", "d": "«private_key:gVoCtN4XoXnQ50boD01Hd784QQL51SPFIDiSnnWEavJ»"}"#),
    StepExample("«private_key:PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 1\nVeW1KopGRjPqTHC3ddi1HPv7ovcqX1i7aFd5CGDtR5CvgHmmwd9ynrqfXZP3fU9Np572\nPrivate-Lines: 1\npX2ze97VFzKYFAC51mv97r0Wfvfl9gVIKjFoR7ruJfXMoJiA70G5gw0XRY8z6Jih\nPrivate-MAC: f27fc5abff2c2735cbadf99d75808740b1bd645ff2da2f1392afa5c6ba6387c0»\n"),
    StepExample(#"curl -X POST --user "{b87f4aac-ec4c-4375-598f-01efeb31a6eb}":"{«basic_auth:wjiXzEQ4kjfTNO»}" https://api.acme.io/v1/send"#),
    StepExample("CLOUD_URL=acmecloud://«connection_string:961801831601623:mq9stebMQSC-dfxgU0EVMHmh3Dk»@acme-media"),
    // Vendor formats (split so that the source holds no whole token).
    StepExample("push with «gitlab_token:glp" + "at-usw5Iy7VyUl67kXqNJDwrzgD7jN.01zdot2wh»"),
    StepExample("\"access_token\": \"«slack_token:xo" + "xs-247242-067251-702539-d8f1e97eeac606901e»\""),
    StepExample("TWILIO_API_KEY=«twilio_credential:S" + "K398678dda627b9387b733f532f773441»"),
    StepExample("DOCKER_TOKEN=«api_key:dckr" + "_pat_NnH-HJNKiuMo1m9aPLjSegUgMNH»"),
    StepExample("NEW_RELIC_API_KEY=«api_key:NR" + "AK-P8KUZN7N4TUBJC5KB2DFOMRDCWL»"),
    StepExample("oc login --token=«api_key:sha256~mMxi0QoFHxMEwyS9i7IoLhbwvHREwHKt-pI8TcP4vWu»"),
    // A vendor token in its exact format, even with a typed run in it (a
    // test fixture's key is still reported; only masks are not).
    StepExample("OCTOPUS_API_KEY=«api_key:API" + "-1234567890QWRTZ7KX9PLM4VNB»"),
    // A line that is a name and a token, without an operator.
    StepExample("[deploy]\n  acmecloud «api_key:Q7vXk2mR9tLp4WzN8cYb3HsJ»\n"),
    // Prose: a copula between the key word and the value.
    StepExample("I think my VPN password is «generic_password:Wq7tz!pR4m» but it stopped working", role: .user),
    // The identifier half of a credential pair.
    StepExample("acme_id: \"«credential_id:MKoVjm198yspi0WE8»\"\nacme_secret: \"«generic_secret:zu2jm40pjnjc7pdrc1wovk7cdm019ogv»\""),
    StepExample(#"{"client_id": "«credential_id:eea9946284ec5182260636ad20fc49fc»", "client_secret": "«generic_secret:7QtGNfWAY8lzvmrUyZF4iGKcTjL3DINN3B27M5nD»"}"#),
    // Azure identifiable keys, Plaid, Braintree, ClickUp, Dropbox, Brevo SMTP, Tavily, Firecrawl, Neon, Salesforce, Intercom, Vercel Blob, Supabase.
    StepExample("storage key «azure_credential:PtYgjm" + "UhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ih+AStN5KXSA==» rotated"),
    StepExample("exchange gave «api_key:access" + "-sandbox-2b0537e6-5aff-b229-7631-a992f0ce5835» for the item"),
    StepExample("gateway = braintree.BraintreeGateway(access_token=\"«api_key:access" + "_token$production$h5dnsipzz5fk2z9r$4d8dbc74254770f58904dba41ecccc3f»\")"),
    StepExample("curl -H 'Authorization: «api_key:pk_603" + "13721_VDGAJ8GXBENYJQWX4HH5344TFJGVQ4K7»' https://api.clickup.com/api/v2/team"),
    StepExample("dropbox access «api_key:sl.u.c" + "AUsdMlHUvTCQCyEZDz-TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3ZR»"),
    StepExample("smtp login «api_key:xsmtps" + "ib-d6ba2b0aee0ca923732881584d8c4fa2815d2802827283e0ad84173581569969-CGRlrwZbqcabUGJm»"),
    StepExample("search with «api_key:tvly-d" + "ev-GEp7CgQ0PBQFI14zGtSnovm14TUOizwd»"),
    StepExample("scrape with «api_key:fc-402" + "8d512c9791e558e08baa7196b50ac»"),
    StepExample("neon projects list --api-key «api_key:napi_f" + "4r6mp6afqfjzczbttof7jyu5jsjc616i76bofbcixgy29db8p5qa3e68f7e4qeq»"),
    StepExample("sf session «api_key:00DVHq" + "8xiM0OGr4hTx!D_.Ydua.5ZMs1SWOpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZAkg05rK.gqv81RKMGHZEM9YpvujA_C5Q52ryFlwRlOEVHz»"),
    StepExample("intercom access «api_key:dG9rOj" + "c0X0AWIRh/JUqBlIFXZ53Ncqe28+ajY75FnCttn6kfaqDeMqG3omjM=»"),
    StepExample("blob store «api_key:vercel" + "_blob_rw_H8LmyqoYMaaItDr9_uP14pEHpJpb9ATPtdbmF4RPAfqoQB7»"),
    StepExample("supabase server key «api_key:sb_sec" + "ret_S1pAWTN3lg8zV5yPU8d0FZfWe7ihGyi»"),
    // Shapes of unknown vendors: a lower-case prefix and a random body standing alone, a hook URL with a random path part, a random all-letter segment.
    StepExample("deploy with «api_key:acme_l" + "ive_XjMpu3uDxYYMfGmzWkpAePcEJIukB4ge» tonight"),
    StepExample("signing uses «api_key:zeta_s" + "k_8263dfe574de739988b886e7577496a2c8773e13»"),
    StepExample("please rotate «api_key:zeta-p" + "roj-7X8s51fbL_tByHwiUmrCaoND5bgfTFAbGOUBwXdn-YcLxQlNnVxKW» now"),
    StepExample("notify «webhook_url:https:" + "//hooks.acme.io/services/T0A1B2C3/aE40o1C6xc4sohdmM0Lm7exG» on failure"),
    StepExample("ACME_TOKEN=\"«api_key:svc_ac" + "ct_NqVwYSVPHbDXpPdkhxEpyIgKpaUnAr»\""),
    // A key that names a secret, a space, a long random value.
    StepExample("scanner --api-key «api_key:29326ml64lg2tjf8cz2ka7edcmpb» --all"),
    // A value that is itself a setting: only what it is set to is the credential.
    StepExample(#"auth_token = "service_account:«api_key:Qm7vX2kR9pL4wT8nZ3bY5cD»""#),
    StepExample("ACME_TOKEN=«api_key:kX9mQ2vL7pR4tW8zN3bY:8443»"),
    // A command-line option or a `.netrc` entry: the space is the operator.
    StepExample("docker login --username deploy --password «generic_password:Xk29mPq7Lw» registry.acme.io"),
    StepExample("keytool -importkeystore -srckeystore app.jks -storepass «generic_password:Xk29mPq7Lw»"),
    StepExample("machine api.acme.io login me@acme.io password «generic_password:Xk29mPq7Lw»"),
    StepExample("machine api.acme.io\n  login me@acme.io\n  password «generic_password:Xk29mPq7Lw»"),
    // XML configuration: the setting's name in a `key`/`name` attribute,
    // its value in the `value` attribute after it.
    StepExample(#"<add key="ClearTextPassword" value="«generic_password:Tq4#vLm9xR2w»" />"#),
    StepExample(#"<property name="apiToken" value="«api_key:rvQAhk2No3nn2MGz2yE5lq6C7sss7Dn4»"/>"#),
    // A line that is a service name and a long random base36 key (only
    // at a line's start: mid-line, a word and a value is prose).
    StepExample("# vendors\nacme «api_key:j8ht9lgmxg9edn581u33xtplpft75v2s»"),
    // A JWT or a PEM key encoded once more in base64 (Kubernetes `data:`,
    // kubeconfig `client-key-data`), with or without a key before it.
    StepExample("kubectl printed «jwt:ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5LmV5SnpkV0lpT2lBaWMzWmpMWGR2Y210bGNpSXNJQ0pwWVhRaU9pQXhOek14TURBd01EQXdmUS5WM1p3LXI5aDl4Vmw2MkRtWC03YnpFZXNXOHJhdXlIOGoxdndoSVQtQTdy» for the service account"),
    StepExample("data:\n  tls.key: «private_key:LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpQL2VBbUlMa25vcWdSOU05SngzUFc4SWxHZXB0cjk3bXVjWTVzR0Y5OWNiRW5TcCttRGY5L2pTa1dQMERHSWFwCmVNb0VzTzA1aC83bEJRcWZFZHpqVkp6TXBuMWZZQ1J5cnFwZ1BtK3UxWjlrMXZkazVmMm5HTnZuMmE3QUgxeHgKLS0tLS1FTkQgUlNBIFBSSVZBVEUgS0VZLS0tLS0K»\n"),
    // Samba's `user%password`, SQL Server's `-P`.
    StepExample("smbclient //fs01/backups -U backup%«generic_password:Xk29mPq7Lw» -c 'ls'"),
    StepExample("smbclient -U 'CORP\\svc_backup%«generic_password:Xk29!mPq7Lw»' //fs01.corp.local/backups"),
    StepExample("sqlcmd -S db01 -U sa -P «generic_password:Xk29mPq7Lw» -Q \"select 1\""),
    // `.pgpass` lines: host, port, database, user, password.
    StepExample("db.acme.internal:5432:orders:app:«generic_password:Xk29mPq7Lw»"),
    StepExample("# ~/.pgpass\n*:*:*:replicator:«generic_password:n4Kx8pQ2z\\:Lm7»\n"),
    // Unscoped `.npmrc` credentials: `_auth` is base64 of `user:password`.
    StepExample("_auth = «npm_token:ZGVwbG95OlhrMjltUHE3THc=»\nalways-auth = true"),
    StepExample("//npm.acme.io/:_password=«npm_token:WGsyOW1QcTdMdw==»"),
    // A Kubernetes `Secret`: every value under `data:` (base64) and
    // `stringData:`, whatever its key says, except user and host names.
    StepExample("apiVersion: v1\nkind: Secret\nmetadata:\n  name: mail\ntype: Opaque\ndata:\n  username: ZGVwbG95\n  sendgrid: «generic_secret:WGsyOW1QcTdMdw==»\nstringData:\n  relay: «generic_secret:Qm7vX2kR9pL4» # rotated\n"),
    StepExample("data:\n  settings.ini: «generic_secret:WGsyOW1QcTdMdw==»\nkind: Secret\n---\nkind: ConfigMap\ndata:\n  relay: Qm7vX2kR9pL4\n"),
  ]

  static let nonTriggering: [StepExample] = [
    // Placeholders and documentation values.
    StepExample("GR13489414545454545454545454545"),
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
    // The same short flags in other programs: ports, parents, listings;
    // `mysql -p db` prompts for the password and names a database.
    StepExample("ssh -p 2222 deploy@10.0.0.5 && mkdir -p /srv/app && ls -a /srv"),
    StepExample("docker run -p 8080:80 nginx && mysql -u app -p orders"),
    // Options that name where the secret is, and prose after a secret word.
    StepExample("openssl enc -aes-256-cbc -pass env:ENC_PASS -in plain.txt -out secret.bin"),
    StepExample("the --password reset flow is broken again"),
    StepExample("aws dynamodb create-table --key-schema AttributeName=GameTitle,KeyType=HASH"),
    StepExample("secretsdump.py -no-pass corp/backup@dc01.corp.example"),
    // XML settings whose value is a reference or a name, not a secret.
    StepExample(#"<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />"#),
    StepExample(#"<property name="passwordEncoder" value="bcryptPasswordEncoder"/>"#),
    // A form field's value is page content, not configuration.
    StepExample(#"<input type="hidden" name="authenticity_token" value="7SWa-Fo1_hsC6oovfBsJFLGPUl2EhkSWPbJhWANwgaJ" />"#),
    StepExample(#"api_key: "****************""#),
    StepExample("token = get_token(user)"),
    StepExample("secret_key = os.urandom(24)"),
    StepExample("Authorization: Bearer <token>"),
    StepExample("postgres://user:password@localhost:5432/mydb"),
    StepExample("CELERY_BROKER_URL=redis://:password@localhost:6379/0"),
    // `-p` of other tools, and a MySQL client asked to prompt.
    StepExample("ssh -p2222 deploy@bastion && mkdir -p/srv/app && gcc -pthread main.c"),
    StepExample("mysql -u root -p$MYSQL_ROOT_PASSWORD -e 'show databases'"),
    StepExample("connect to ipv6 at http://[::1]:8080/health@startup, not http://:8080@proxy"),
    StepExample("curl -u \"$USERNAME:$PASSWORD\" https://api.acme.io"),
    StepExample(#"SLACK_TOKEN="xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d""#),
    StepExample("OPENAI_API_KEY=sk-proj-KutZkS8vjpZWKAg2aYsWT4BlbkFJkbiPJXujzTp2xeuREAsc"),
    StepExample("publishable: pk_live_TSgQpFjZ46UGS7PNKyLtBT1p"),
    StepExample("sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzBB"),
    // A typed run under a key: invented, the key proves nothing more.
    StepExample("ACME_TOKEN=Zq81234567890abcdefXyW"),
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
    // Cloud CLI output: pagination and lock tokens, resource ids, ARNs, object keys.
    StepExample(#"{"NextToken": "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==", "LockToken": "2294b3a1-eb60-4aa0-a86f-a3ae04329de9"}"#),
    StepExample(#"aws ec2 create-nat-gateway --subnets "subnet-0e2907431c9988b72" --allocation-id eipalloc-0be6ecac95EXAMPLE"#),
    StepExample("arn:aws:secretsmanager:us-west-2:123456789012:secret:PaymentsKey-a1b2c3"),
    StepExample(#""S3Key": "deploy/app-2208-stage-150819_185942.war""#),
    StepExample("W KeyguardUpdateMonitor: android.util.AndroidRuntimeException: bad state"),
    StepExample("Skipping AppWindowToken{df0798e token=Token{a64f992 ActivityRecord}}"),
    StepExample("The targets passed to `nn.CrossEntropyLoss()` must be class indices."),
    StepExample("Call\tgetUserAccountSettingsForTenant2 before saving\nCommit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 fixed it"),
    StepExample("W ActivityManager: Bad activity token: android.os.BinderProxy@2bd79ce"),
    StepExample("kubectl create secret generic app --from-literal=mysecret=secretvalue1"),
    StepExample("- Use `eslint-plugin-jsx-a11y` to catch accessibility issues"),
    StepExample("attach report_2024_final_version_v2_signed.pdf to the ticket"),
    StepExample("await page.fill('#password', 'password123');"),
    StepExample("Set `POSTGRES_PASSWORD`, `CF_R2_ACCESS_KEY_ID`, `CF_R2_SECRET_ACCESS_KEY` in the environment."),
    StepExample(#"{"model": "veo-3.1", "task": "image_to_video_360_product_rotation", "method": "constrained_true_3d_reconstruction"}"#),
    StepExample("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"),
    StepExample("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"),
    // Constants, addresses, host names, identifiers, templates.
    StepExample(#"{"KeySpec": "RSA_2048", "CustomerMasterKeySpec": "ECC_NIST_P256"}"#),
    StepExample("Bitcoin address: 1KN2ew3GYLbbzYQnb3UNMEb3xWYEuEoBQY"),
    StepExample("acme token = 's3kjm73a9abgxkpuk4q4gog.acmetool.com'"),
    StepExample(#"{"key": "ec2:InstanceMarketType", "values": ["spot"]}"#),
    StepExample("service token: \"ops-team@acme.io\""),
    StepExample("redis token - \"redis://cache.internal:6379/0\""),
    StepExample("token = \"abc12345\""),
    StepExample("acme_token: |-\n  ${ACME_TOKEN}\n"),
    StepExample("<apiToken>\n    {{ .Values.apiToken }}\n</apiToken>"),
    // Interpolated expressions: Ruby, JavaScript and ERB templates.
    StepExample(##"secret_key = "#{ENV.fetch('ACME_SECRET_KEY')}""##),
    StepExample("const apiKey = `ak_${config[\"acme\"].apiKey}`;"),
    StepExample(##"acme_token: "#{@config[:acme][:token]}""##),
    StepExample(#"password: "pg-<%= ENV['PGPASS'] %>""#),
    StepExample("std::string Secret::Token = other;"),
    StepExample("The password is incorrect, please try again; the API key is missing from the request."),
    // A digest after a vendor-like prefix (`ico-` of a file name).
    StepExample("favicon.ico-949cdab36dd428577a40f55c84841d70.png"),
    // curl users that are templates.
    StepExample("curl -u \"{username}\":\"{password}\" https://api.acme.io"),
    // Ids with no credential beside them.
    StepExample("user_id: \"s6ldxp9KQephktoFESwOfIrY\"\nrequest_id: \"SmKJjbmCMtCpf1gP37j9aF8D\""),
    // Look-alikes of the formats above: masks, wrong lengths, ids.
    StepExample("docs: tvly-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and fc-4028d512c9791e558e08baa7196b50a are look-alikes"),
    StepExample("item access-staging-2b0537e6-5aff-b229-7631-a992f0ce5835, org 00DVHq8xiM0OGr4hTx, vault 0.5cebe213-56cd-42d2-9b09-ab55e6077d79"),
    StepExample("CLICKUP_TOKEN=pk_60313721_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX and vercel_blob_rw_xxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    StepExample("asana 1/1234:abcd, intercom dG9rOg==, napi_f4r6mp6afqfjzczbttof7jyu5jsjc616i76bofbcixgy29db8p5qa3e68f7e4qe"),
    // Ids, digests and file names in the prefixed shape.
    StepExample("I got reply msg_01RxlNtencYFJEeAgYzQJjOI and build artifact_25c8d99d19bdd0b6cc60d5d32cbe54014c2b54b9"),
    StepExample("saved acme_kHk7egyFWZY9Zmti18c6EudM7Oyf5TNS.png to disk"),
    StepExample("Open the checkout cs_test_a1Lx8Rz3Kq9Vw2Tn7Bm4Pc6Yd0Hf5Gj8Ls2Qe4Wr6Ty in the dashboard"),
    StepExample("<script integrity=\"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\">"),
    StepExample("See https://docs.acme.io/guides/webhooks/verifying-signatures and GET https://api.github.com/repos/acme/app/hooks/123456789"),
    // Hand-typed stand-ins: two runs of one character, hex in mixed case.
    StepExample(#"api_key = "Zk88888Qp3LLLLLm9Rt2Vw7Yx4""#),
    StepExample("signing uses zeta_sk_4085FB0ccaDDd29DB66Fd7FE9bA2C1cdCE8400CD"),
    StepExample("the session key abcdefgh12345678abcdefgh was typed by hand"),
    // Settings passed as `name:value` under an option named for a key.
    StepExample("openssl req -newkey rsa:4096 -pkeyopt rsa_keygen_bits:4096 -keyout server.key"),
    StepExample("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out ec.key"),
    // Base36 look-alikes after a word: hex digests, base32 CIDs, SegWit addresses.
    StepExample("build 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39"),
    StepExample("cid bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi pinned"),
    StepExample("payout bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq confirmed"),
    // A cut-off copy of a vendor token whose prefix names its vendor.
    StepExample("twine upload with pypi-AgEIcHlwaS5vcmcCJGQ3ZTVmMjFhLTRkOGMtNGI5Mi1iMTM3LWY2ZTQyYzA4OWQxNQ (cut off)"),
    // Base64 of a masked JWT, of a PEM stand-in, of text that only starts like a JWT.
    StepExample("ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5LmV5SnpkV0lpT2lBaWMzWmpMWGR2Y210bGNpSXNJQ0pwWVhRaU9pQXhOek14TURBd01EQXdmUS54eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eA=="),
    StepExample("blob LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQouLi4KLS0tLS1FTkQgUlNBIFBSSVZBVEUgS0VZLS0tLS0K in the docs"),
    StepExample("ZXlKelpYSjJaWElpT2lBaVlYQnBJbjAgaXMgYSBjb25maWcgYmxvYg=="),
    // Client flags that prompt, take a variable, or belong to another program.
    StepExample("smbclient -L //fs01 -U backup && smbclient //fs01/share -U \"$SMB_USER%$SMB_PASS\""),
    StepExample("sqlcmd -S db01 -U sa -P $SA_PASSWORD && scp -P 2222 dump.sql deploy@10.0.0.5:/tmp"),
    // Lines with four colons that are no `.pgpass` entry: a placeholder,
    // an IPv6 address, `/etc/passwd`, a time, a MAC address.
    StepExample("localhost:5432:*:postgres:changeme"),
    StepExample("fe80:0:0:0:202:b3ff:fe1e:8329\nroot:x:0:0:root:/root:/bin/bash\n12:30:45:00:start\n00:1a:2b:3c:4d:5e"),
    // `_auth` lines of code or templates, and masks.
    StepExample("_auth = get_auth(user)\n_authToken=${NPM_TOKEN}\n_password=xxxxxxxxxxxxxxxx"),
    StepExample("_auth = cmVwb3J0LXNlcnZpY2UtYWNjb3VudA=="),
    // npm reads `_authToken` only under a registry's scope.
    StepExample("registry=https://npm.acme.io/\n_authToken=6f1c2a9e-4b7d-4e21-9c3a-8d5e7f0b1a24"),
    // A `Secret` of stand-ins, names and ports; the same values in a `ConfigMap`.
    StepExample("kind: Secret\nstringData:\n  relay: changeme\n  api: ${API_KEY}\n  smtp: <password>\n  mask: xxxxxxxxxx\ndata:\n  db_host: ZGIuYWNtZS5pbnRlcm5hbA==\n  port: NTQzMg==\n  relay: eHh4eHh4eHh4eA==\n"),
    StepExample("kind: ConfigMap\ndata:\n  relay: Qm7vX2kR9pL4\n  sendgrid: WGsyOW1QcTdMdw==\n"),
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
    // Vendor rules off: a format known only by its vendor rule is not
    // found; a prefixed token or a value under a secret-ish key still is.
    StepExample("the page loads AIzaABTPu1m0ugeWOg7GLqwSBIPt3oILT9RIKTz for maps", config: #"{"vendor_rules": false}"#),
    StepExample("publish with «api_key:npm_XSXFRO9O0q8WKLi5qJI4mijOXd47EAMQBl9n»", config: #"{"vendor_rules": false}"#),
    StepExample("NPM_TOKEN=«api_key:npm_XSXFRO9O0q8WKLi5qJI4mijOXd47EAMQBl9n»", config: #"{"vendor_rules": false}"#),
  ]
}
