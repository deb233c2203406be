#compdef tp-token

__tp-token_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__tp-token_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __tp-token_complete "${completions[@]:0:-1}"
    fi
}

__tp-token_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_tp-token() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'keygen:Generate a signing key pair (ES256 or EdDSA).'
            'mint:Mint a signed capability token (compact JWS).'
            'verify:Verify tokens or delegation chains; print one JSON verdict each.'
            'delegate:Narrow a token for a sub-agent, offline, with the holder key.'
            'revoke:Revoke tokens by jti in the revocation database (SQLite).'
            'revocations:Export or list the revocation database.'
            'inspect:Decode tokens WITHOUT verifying them (marked unverified).'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        keygen|mint|verify|delegate|revoke|revocations|inspect|help)
            "_tp-token_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tp-token_keygen() {
    local -i ret=1
    local -ar arg_specs=(
        '--alg[Signature algorithm\: ES256 (P-256) or EdDSA (Ed25519).]:alg:'
        '--out[Path prefix of the files to write.]:prefix:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-token_mint() {
    local -i ret=1
    local -ar arg_specs=(
        '--key[Private key file (PKCS#8 PEM).]:file:'
        '--kid[kid header; default\: the key'\''s RFC 7638 thumbprint.]:kid:'
        '--iss[Issuer (iss).]:issuer:'
        '--sub[Agent id (sub).]:agent:'
        '*--aud[Audience (aud); repeat for several.]:audience:'
        '--org[Organisation (org).]:org:'
        '*--scope[Granted scope tool\:resource-glob; repeat (e.g. read_file\:/workspace/**).]:scope:'
        '--ttl[Lifetime in seconds (overrides --ttl-config).]:seconds:'
        '--ttl-config[JSON file of per-tool lifetimes.]:file:'
        '--tier[Trust tier (tier).]:tier:'
        '--health[Health score in \[0, 1\] (health).]:score:'
        '--ceiling[Classification ceiling\: public, internal, confidential, restricted.]:level:'
        '--cnf[Public key (PEM/JWK) of the holder allowed to delegate (cnf).]:file:'
        '--jti[Token id (jti); default\: 128 random bits.]:id:'
        '--batch[Mint one token per JSON Lines record on standard input.]'
        '--now[Use this time (seconds since the epoch) instead of the clock\: for tests and for replaying audited decisions.]:epoch-seconds:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-token_verify() {
    local -i ret=1
    local -ar arg_specs=(
        '*:tokens:'
        '*--key[Trusted public key\: PEM, JWK or JWK Set file; repeat for several.]:file:'
        '*--jwks[Trusted JWK Set file; repeat for several.]:file:'
        '--aud[Required audience (aud).]:audience:'
        '--iss[Required issuer (iss) of the root token.]:issuer:'
        '*--require[Scope the token must grant, e.g. read_file\:/workspace/a.txt; repeat.]:scope:'
        '--leeway[Tolerated clock skew for exp, nbf and iat.]:seconds:'
        '--max-depth[Most delegation links after the root.]:links:'
        '*--revocations[Signed revocation list (from `revocations export`), verified with the trusted keys.]:file:'
        '--revocation-db[Revocation database (SQLite) to read revoked jtis from.]:file:'
        '--now[Use this time (seconds since the epoch) instead of the clock\: for tests and for replaying audited decisions.]:epoch-seconds:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-token_delegate() {
    local -i ret=1
    local -ar arg_specs=(
        '--token[The token or chain to narrow; - reads one line from standard input.]:chain:'
        '--key[The holder'\''s private key (PKCS#8 PEM) named by the token'\''s cnf.]:file:'
        '--sub[The sub-agent'\''s id (sub).]:agent:'
        '*--scope[Narrowed scope; repeat. Default\: the parent'\''s scope.]:scope:'
        '--ttl[Lifetime in seconds, capped by the parent'\''s exp.]:seconds:'
        '--cnf[Public key (PEM/JWK) of the next holder, to allow further delegation.]:file:'
        '--jti[Token id of the new link; default\: 128 random bits.]:id:'
        '--now[Use this time (seconds since the epoch) instead of the clock\: for tests and for replaying audited decisions.]:epoch-seconds:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-token_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[Revocation database; created if missing.]:file:'
        '*:jtis:'
        '*--token[Revoke this token'\''s (or chain'\''s last link'\''s) jti.]:token:'
        '--reason[Why (stored with the record).]:text:'
        '--now[Use this time (seconds since the epoch) instead of the clock\: for tests and for replaying audited decisions.]:epoch-seconds:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-token_revocations() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'export:Write a signed revocation list that verifiers load offline.'
            'list:Print the revoked jtis, one JSON string per line.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        export|list)
            "_tp-token_revocations_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tp-token_revocations_export() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[Revocation database.]:file:'
        '--key[Issuer private key (PKCS#8 PEM) to sign the list.]:file:'
        '--iss[Issuer name written into the list (iss).]:issuer:'
        '--out[Write here instead of standard output (refuses to overwrite).]:file:'
        '--now[Use this time (seconds since the epoch) instead of the clock\: for tests and for replaying audited decisions.]:epoch-seconds:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-token_revocations_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[Revocation database.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-token_inspect() {
    local -i ret=1
    local -ar arg_specs=(
        '*:tokens:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-token_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _tp-token ]]; then
    _tp-token "${@}"
else
    compdef _tp-token tp-token
fi
