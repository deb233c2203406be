#compdef tp-classify

__tp-classify_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__tp-classify_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __tp-classify_complete "${completions[@]:0:-1}"
    fi
}

__tp-classify_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_tp-classify() {
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
            'records:Classify JSON Lines records (the default subcommand).'
            'policy:Validate a classification policy or compare two versions.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        records|policy|help)
            "_tp-classify_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tp-classify_records() {
    local -i ret=1
    local -ar arg_specs=(
        '--max-record-bytes[Longest accepted input line in bytes; longer lines become error records.]:bytes:'
        '--max-depth[Deepest accepted JSON nesting; deeper records become error records.]:levels:'
        '--no-progress[Never draw progress on standard error.]'
        '--policy[Classification policy (JSON, docs/policy-format.md); built-in tables without it.]:file:_files -g '\''*.json'\'''
        '*--steps[Steps to run on records without findings (default\: the data-protection steps).]:steps:'
        '--threads[Worker threads (0\: one per CPU, at most 8). Output order is the input order either way.]:count:'
        '--explain[Print a human-readable explanation per record instead of JSON Lines.]'
        '*:file:_files'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-classify_policy() {
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
            'check:Validate a policy file strictly and compile its recognisers.'
            'diff:Show what changed between two policy versions, in terms of decisions.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        check|diff)
            "_tp-classify_policy_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tp-classify_policy_check() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:_files -g '\''*.json'\'''
        '--catalogue[Also check the routing section against this model catalogue.]:file:_files -g '\''*.json'\'''
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-classify_policy_diff() {
    local -i ret=1
    local -ar arg_specs=(
        ':old:_files -g '\''*.json'\'''
        ':new:_files -g '\''*.json'\'''
        '--records[JSON Lines records to classify under both versions.]:file:_files'
        '--max-record-bytes[Longest accepted input line in bytes; longer lines become error records.]:bytes:'
        '--max-depth[Deepest accepted JSON nesting; deeper records become error records.]:levels:'
        '--no-progress[Never draw progress on standard error.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-classify_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _tp-classify ]]; then
    _tp-classify "${@}"
else
    compdef _tp-classify tp-classify
fi
