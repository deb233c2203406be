#compdef tp-route

__tp-route_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__tp-route_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __tp-route_complete "${completions[@]:0:-1}"
    fi
}

__tp-route_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_tp-route() {
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
            'records:Route JSON Lines records (the default subcommand).'
            'check:Validate a catalogue, with its routing rules and health file.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        records|check|help)
            "_tp-route_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tp-route_records() {
    local -i ret=1
    local -ar arg_specs=(
        '--max-record-bytes[Longest accepted input line in bytes; longer lines become error records.]:bytes:'
        '--max-depth[Deepest accepted JSON nesting; deeper records become error records.]:levels:'
        '--no-progress[Never draw progress on standard error.]'
        '--catalogue[Model catalogue (JSON, docs/catalogue-format.md).]:file:_files -g '\''*.json'\'''
        '--routing[Routing rules (JSON); default\: the policy file'\''s "routing" section.]:file:_files -g '\''*.json'\'''
        '--health[Provider health\: degraded or open-circuit providers and models.]:file:_files -g '\''*.json'\'''
        '--policy[Classification policy (JSON, docs/policy-format.md); built-in tables without it.]:file:_files -g '\''*.json'\'''
        '*--steps[Steps to run on records without findings (default\: the data-protection steps).]:steps:'
        '--threads[Worker threads (0\: one per CPU, at most 8). Output order is the input order either way.]:count:'
        '--explain[Print a human-readable explanation per record instead of JSON Lines.]'
        '--exit-code[Exit status when a record is blocked.]:status:'
        '*:file:_files'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-route_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--catalogue[Model catalogue (JSON, docs/catalogue-format.md).]:file:_files -g '\''*.json'\'''
        '--routing[Routing rules (JSON); default\: the policy file'\''s "routing" section.]:file:_files -g '\''*.json'\'''
        '--health[Provider health\: degraded or open-circuit providers and models.]:file:_files -g '\''*.json'\'''
        '--policy[Policy file whose "routing" section to check.]:file:_files -g '\''*.json'\'''
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tp-route_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _tp-route ]]; then
    _tp-route "${@}"
else
    compdef _tp-route tp-route
fi
