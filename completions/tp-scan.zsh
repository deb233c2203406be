#compdef tp-scan

__tp-scan_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__tp-scan_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __tp-scan_complete "${completions[@]:0:-1}"
    fi
}

__tp-scan_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_tp-scan() {
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
    local -ar ___format=('jsonl' 'text' 'sarif')
    local -ar arg_specs=(
        '--max-record-bytes[Longest accepted input line in bytes; longer lines become error records.]:bytes:'
        '--max-depth[Deepest accepted JSON nesting; deeper records become error records.]:levels:'
        '--no-progress[Never draw progress on standard error.]'
        '--threads[Worker threads (0\: one per CPU, at most 8). Output order is the input order either way.]:count:'
        '*--steps[Run only these steps (comma-separated ids or aliases; repeatable).]:steps:'
        '--list-steps[List the steps with their descriptions and exit.]'
        '--config[Per-step options (JSON, docs/config.md).]:file:_files -g '\''*.json'\'''
        '--tool-pins[Pinned tool-description hashes ({"tool"\: "sha256"}) for rug-pull detection.]:file:_files -g '\''*.json'\'''
        '--redact[Write records with found values replaced by stable tokens.]'
        '--baseline[Do not report findings whose fingerprints are in this file.]:file:_files'
        '--write-baseline[Write the fingerprints of all findings to this baseline file.]:file:_files'
        '--format[Output format\: jsonl, text or sarif.]:format:{__tp-scan_complete "${___format[@]}"}'
        '--diff[Scan the added lines of a unified diff read from standard input.]'
        '--git-staged[Scan the added lines of the staged git changes.]'
        '--exit-code[Exit status when something is found.]:status:'
        '*:file:_files'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        help)
            "_tp-scan_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tp-scan_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _tp-scan ]]; then
    _tp-scan "${@}"
else
    compdef _tp-scan tp-scan
fi
