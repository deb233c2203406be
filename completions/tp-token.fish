function __tp-token_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tp-token_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tp-token_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tp-token_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tp-token_parse_tokens -S
    set -l unparsed_tokens (__tp-token_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tp-token'
        __tp-token_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'keygen'
            __tp-token_parse_subcommand 0 'alg=' 'out=' 'version' 'h/help'
        case 'mint'
            __tp-token_parse_subcommand 0 'key=' 'kid=' 'iss=' 'sub=' 'aud=+' 'org=' 'scope=+' 'ttl=' 'ttl-config=' 'tier=' 'health=' 'ceiling=' 'cnf=' 'jti=' 'batch' 'now=' 'version' 'h/help'
        case 'verify'
            __tp-token_parse_subcommand -r 1 'key=+' 'jwks=+' 'aud=' 'iss=' 'require=+' 'leeway=' 'max-depth=' 'revocations=+' 'revocation-db=' 'now=' 'version' 'h/help'
        case 'delegate'
            __tp-token_parse_subcommand 0 'token=' 'key=' 'sub=' 'scope=+' 'ttl=' 'cnf=' 'jti=' 'now=' 'version' 'h/help'
        case 'revoke'
            __tp-token_parse_subcommand -r 1 'db=' 'token=+' 'reason=' 'now=' 'version' 'h/help'
        case 'revocations'
            __tp-token_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'export'
                __tp-token_parse_subcommand 0 'db=' 'key=' 'iss=' 'out=' 'now=' 'version' 'h/help'
            case 'list'
                __tp-token_parse_subcommand 0 'db=' 'version' 'h/help'
            end
        case 'inspect'
            __tp-token_parse_subcommand -r 1 'version' 'h/help'
        case 'help'
            __tp-token_parse_subcommand -r 1 'version'
        end
    end
end

function __tp-token_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tp-token_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __tp-token_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tp-token_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tp-token_tokens -p)
    if test -z "$(__tp-token_tokens -t)"
        set -l index (count (__tp-token_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tp-token' -f
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token" -eq 1' -fa 'keygen' -d 'Generate a signing key pair (ES256 or EdDSA).'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token" -eq 1' -fa 'mint' -d 'Mint a signed capability token (compact JWS).'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token" -eq 1' -fa 'verify' -d 'Verify tokens or delegation chains; print one JSON verdict each.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token" -eq 1' -fa 'delegate' -d 'Narrow a token for a sub-agent, offline, with the holder key.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token" -eq 1' -fa 'revoke' -d 'Revoke tokens by jti in the revocation database (SQLite).'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token" -eq 1' -fa 'revocations' -d 'Export or list the revocation database.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token" -eq 1' -fa 'inspect' -d 'Decode tokens WITHOUT verifying them (marked unverified).'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token keygen" alg' -l 'alg' -d 'Signature algorithm: ES256 (P-256) or EdDSA (Ed25519).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token keygen" out' -l 'out' -d 'Path prefix of the files to write.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token keygen" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token keygen" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" key' -l 'key' -d 'Private key file (PKCS#8 PEM).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" kid' -l 'kid' -d 'kid header; default: the key\'s RFC 7638 thumbprint.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" iss' -l 'iss' -d 'Issuer (iss).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" sub' -l 'sub' -d 'Agent id (sub).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint"' -l 'aud' -d 'Audience (aud); repeat for several.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" org' -l 'org' -d 'Organisation (org).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint"' -l 'scope' -d 'Granted scope tool:resource-glob; repeat (e.g. read_file:/workspace/**).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" ttl' -l 'ttl' -d 'Lifetime in seconds (overrides --ttl-config).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" ttl-config' -l 'ttl-config' -d 'JSON file of per-tool lifetimes.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" tier' -l 'tier' -d 'Trust tier (tier).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" health' -l 'health' -d 'Health score in [0, 1] (health).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" ceiling' -l 'ceiling' -d 'Classification ceiling: public, internal, confidential, restricted.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" cnf' -l 'cnf' -d 'Public key (PEM/JWK) of the holder allowed to delegate (cnf).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" jti' -l 'jti' -d 'Token id (jti); default: 128 random bits.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" batch' -l 'batch' -d 'Mint one token per JSON Lines record on standard input.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" now' -l 'now' -d 'Use this time (seconds since the epoch) instead of the clock: for tests and for replaying audited decisions.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token mint" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify"' -l 'key' -d 'Trusted public key: PEM, JWK or JWK Set file; repeat for several.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify"' -l 'jwks' -d 'Trusted JWK Set file; repeat for several.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify" aud' -l 'aud' -d 'Required audience (aud).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify" iss' -l 'iss' -d 'Required issuer (iss) of the root token.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify"' -l 'require' -d 'Scope the token must grant, e.g. read_file:/workspace/a.txt; repeat.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify" leeway' -l 'leeway' -d 'Tolerated clock skew for exp, nbf and iat.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify" max-depth' -l 'max-depth' -d 'Most delegation links after the root.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify"' -l 'revocations' -d 'Signed revocation list (from `revocations export`), verified with the trusted keys.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify" revocation-db' -l 'revocation-db' -d 'Revocation database (SQLite) to read revoked jtis from.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify" now' -l 'now' -d 'Use this time (seconds since the epoch) instead of the clock: for tests and for replaying audited decisions.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" token' -l 'token' -d 'The token or chain to narrow; - reads one line from standard input.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" key' -l 'key' -d 'The holder\'s private key (PKCS#8 PEM) named by the token\'s cnf.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" sub' -l 'sub' -d 'The sub-agent\'s id (sub).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate"' -l 'scope' -d 'Narrowed scope; repeat. Default: the parent\'s scope.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" ttl' -l 'ttl' -d 'Lifetime in seconds, capped by the parent\'s exp.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" cnf' -l 'cnf' -d 'Public key (PEM/JWK) of the next holder, to allow further delegation.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" jti' -l 'jti' -d 'Token id of the new link; default: 128 random bits.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" now' -l 'now' -d 'Use this time (seconds since the epoch) instead of the clock: for tests and for replaying audited decisions.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token delegate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revoke" db' -l 'db' -d 'Revocation database; created if missing.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revoke"' -l 'token' -d 'Revoke this token\'s (or chain\'s last link\'s) jti.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revoke" reason' -l 'reason' -d 'Why (stored with the record).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revoke" now' -l 'now' -d 'Use this time (seconds since the epoch) instead of the clock: for tests and for replaying audited decisions.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revoke" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token revocations" -eq 1' -fa 'export' -d 'Write a signed revocation list that verifiers load offline.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_positional "tp-token revocations" -eq 1' -fa 'list' -d 'Print the revoked jtis, one JSON string per line.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations export" db' -l 'db' -d 'Revocation database.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations export" key' -l 'key' -d 'Issuer private key (PKCS#8 PEM) to sign the list.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations export" iss' -l 'iss' -d 'Issuer name written into the list (iss).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations export" out' -l 'out' -d 'Write here instead of standard output (refuses to overwrite).' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations export" now' -l 'now' -d 'Use this time (seconds since the epoch) instead of the clock: for tests and for replaying audited decisions.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations export" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations list" db' -l 'db' -d 'Revocation database.' -rfka ''
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations list" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token revocations list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token inspect" version' -l 'version' -d 'Show the version.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token inspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-token' -n '__tp-token_should_offer_completions_for_flags_or_options "tp-token help" version' -l 'version' -d 'Show the version.'
