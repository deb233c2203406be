#compdef tp-audit

__tp-audit_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__tp-audit_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __tp-audit_complete "${completions[@]:0:-1}"
    fi
}

__tp-audit_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_tp-audit() {
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
            'append:Append JSON Lines records to the audit store.'
            'verify-chain:Recompute every hash chain and Merkle tree; report the first tampered entry.'
            'keygen:Create an Ed25519 key pair for signing checkpoints.'
            'checkpoint:Sign the current tree head (size, root hash, time) of an org log.'
            'prove:Print an RFC 9162 inclusion or consistency proof.'
            'verify-proof:Check a proof against a signed checkpoint, offline.'
            'evidence:Write a self-contained evidence bundle for auditors.'
            'verify-evidence:Check an evidence bundle offline.'
            'export:Stream entries to a SIEM as OCSF, CEF or HMAC-signed JSON Lines, redacted.'
            'health:Print the 5-dimension health score of each agent.'
            'drift:Measure behavioural drift of each agent over 8 signals.'
            'metrics:Print Prometheus metrics (text exposition format).'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        append|verify-chain|keygen|checkpoint|prove|verify-proof|evidence|verify-evidence|export|health|drift|metrics|help)
            "_tp-audit_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tp-audit_append() {
    local -i ret=1
    local -ar ___sync=('normal' 'full')
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--max-record-bytes[Longest accepted input line in bytes; longer lines become error records.]:bytes:'
        '--max-depth[Deepest accepted JSON nesting; deeper records become error records.]:levels:'
        '--no-progress[Never draw progress on standard error.]'
        '--org[Org log for every record (default\: from the record, else "default").]:org:'
        '--agent[Agent for every record (default\: from the record, else "unknown").]:agent:'
        '--batch-size[Records per transaction.]:n:'
        '--sync[Durability of each commit\: normal (survives a crash) or full (survives power loss).]:mode:{__tp-audit_complete "${___sync[@]}"}'
        '--quiet[Do not print acknowledgements.]'
        '*:files:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_verify-chain() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--pubkey[Require checkpoints to be signed by this Ed25519 public key (PEM).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_keygen() {
    local -i ret=1
    local -ar arg_specs=(
        '--out[Path of the private key to create.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_checkpoint() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--key[Ed25519 private key (PEM).]:file:'
        '--org[The org log (required when the store holds several).]:org:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_prove() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--org[The org log (required when the store holds several).]:org:'
        '--inclusion[Entry to prove inclusion of.]:seq:'
        '--size[Tree size for an inclusion proof.]:size:'
        '--consistency[Old and new tree sizes.]:old new:'
        '--timing[Print the time spent computing the proof on standard error.]'
        '--repeat-random[With --timing and --inclusion\: also time this many proofs of random entries in this process.]:n:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_verify-proof() {
    local -i ret=1
    local -ar arg_specs=(
        '--proof[The proof (output of `tp-audit prove`).]:file:'
        '--checkpoint[The signed checkpoint the proof must lead to.]:file:'
        '--old-checkpoint[For consistency proofs\: the checkpoint of the old tree.]:file:'
        '--pubkey[The Ed25519 public key (PEM) checkpoints must be signed with.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_evidence() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--org[The org log (required when the store holds several).]:org:'
        '--from[Start of the time range (inclusive).]:time:'
        '--to[End of the time range (inclusive).]:time:'
        '--agent[Only entries of this agent.]:agent:'
        '--key[Ed25519 private key (PEM) to sign the checkpoint and manifest.]:file:'
        '--out[Where to write the bundle (a new file).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_verify-evidence() {
    local -i ret=1
    local -ar arg_specs=(
        '--bundle[The evidence bundle.]:file:'
        '--pubkey[The Ed25519 public key (PEM) the bundle must be signed with.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_export() {
    local -i ret=1
    local -ar ___format=('ocsf' 'cef' 'jsonl-hmac')
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--format[Output format\: ocsf, cef or jsonl-hmac.]:format:{__tp-audit_complete "${___format[@]}"}'
        '--org[The org log (required when the store holds several).]:org:'
        '--from-seq[First sequence number to export.]:seq:'
        '--hmac-key[HMAC key file for jsonl-hmac (at least 16 bytes).]:file:'
        '--follow[Keep streaming entries as they are appended.]'
        '--poll-interval[With --follow\: how often to look for new entries.]:ms:'
        '--stop-after[Stop after exporting this many entries.]:n:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_health() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--org[The org log (required when the store holds several).]:org:'
        '--agent[Only this agent.]:agent:'
        '--alert-below[Emit an alert record for agents whose overall score is below this.]:score:'
        '--webhook[Also POST each alert record to this http\:// URL (retried with backoff).]:url:'
        '--webhook-attempts[Attempts per alert for --webhook.]:n:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_drift() {
    local -i ret=1
    local -ar ___alert_at=('none' 'low' 'medium' 'high' 'critical')
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--org[The org log (required when the store holds several).]:org:'
        '--baseline-hours[Length of the baseline window, ending where the recent one starts.]:hours:'
        '--recent-hours[Length of the recent window, ending now.]:hours:'
        '--now[Evaluate as if the time were this (ms or RFC 3339); default now.]:time:'
        '--agent[Only this agent.]:agent:'
        '--alert-at[Severity that raises an alert\: low, medium, high or critical.]:severity:{__tp-audit_complete "${___alert_at[@]}"}'
        '--webhook[Also POST each alert record to this http\:// URL (retried with backoff).]:url:'
        '--webhook-attempts[Attempts per alert for --webhook.]:n:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_metrics() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The audit database (SQLite).]:file:'
        '--busy-timeout[How long to wait for another writer'\''s lock before failing.]:ms:'
        '--baseline-hours[Length of the baseline window, ending where the recent one starts.]:hours:'
        '--recent-hours[Length of the recent window, ending now.]:hours:'
        '--now[Evaluate as if the time were this (ms or RFC 3339); default now.]:time:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-audit_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _tp-audit ]]; then
    _tp-audit "${@}"
else
    compdef _tp-audit tp-audit
fi
