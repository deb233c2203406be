function __tp-scan_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tp-scan_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tp-scan_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tp-scan_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tp-scan_parse_tokens -S
    set -l unparsed_tokens (__tp-scan_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tp-scan'
        __tp-scan_parse_subcommand -r 1 'max-record-bytes=' 'max-depth=' 'no-progress' 'threads=' 'steps=+' 'list-steps' 'config=' 'tool-pins=' 'redact' 'baseline=' 'write-baseline=' 'format=' 'diff' 'git-staged' 'exit-code=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __tp-scan_parse_subcommand -r 1 'version'
        end
    end
end

function __tp-scan_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tp-scan_parse_subcommand -S -a positional_count
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

function __tp-scan_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tp-scan_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tp-scan_tokens -p)
    if test -z "$(__tp-scan_tokens -t)"
        set -l index (count (__tp-scan_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tp-scan' -f
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" max-record-bytes' -l 'max-record-bytes' -d 'Longest accepted input line in bytes; longer lines become error records.' -rfka ''
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" max-depth' -l 'max-depth' -d 'Deepest accepted JSON nesting; deeper records become error records.' -rfka ''
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" no-progress' -l 'no-progress' -d 'Never draw progress on standard error.'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" threads' -l 'threads' -d 'Worker threads (0: one per CPU, at most 8). Output order is the input order either way.' -rfka ''
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan"' -l 'steps' -d 'Run only these steps (comma-separated ids or aliases; repeatable).' -rfka ''
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" list-steps' -l 'list-steps' -d 'List the steps with their descriptions and exit.'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" config' -l 'config' -d 'Per-step options (JSON, docs/config.md).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" tool-pins' -l 'tool-pins' -d 'Pinned tool-description hashes ({"tool": "sha256"}) for rug-pull detection.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" redact' -l 'redact' -d 'Write records with found values replaced by stable tokens.'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" baseline' -l 'baseline' -d 'Do not report findings whose fingerprints are in this file.' -rF
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" write-baseline' -l 'write-baseline' -d 'Write the fingerprints of all findings to this baseline file.' -rF
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" format' -l 'format' -d 'Output format: jsonl, text or sarif.' -rfka 'jsonl text sarif'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" diff' -l 'diff' -d 'Scan the added lines of a unified diff read from standard input.'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" git-staged' -l 'git-staged' -d 'Scan the added lines of the staged git changes.'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" exit-code' -l 'exit-code' -d 'Exit status when something is found.' -rfka ''
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_positional "tp-scan" -ge 1' -F
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" version' -l 'version' -d 'Show the version.'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_positional "tp-scan" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tp-scan' -n '__tp-scan_should_offer_completions_for_flags_or_options "tp-scan help" version' -l 'version' -d 'Show the version.'
