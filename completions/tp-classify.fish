function __tp-classify_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tp-classify_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tp-classify_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tp-classify_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tp-classify_parse_tokens -S
    set -l unparsed_tokens (__tp-classify_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tp-classify'
        __tp-classify_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'records'
            __tp-classify_parse_subcommand -r 1 'max-record-bytes=' 'max-depth=' 'no-progress' 'policy=' 'steps=+' 'threads=' 'explain' 'version' 'h/help'
        case 'policy'
            __tp-classify_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __tp-classify_parse_subcommand 1 'catalogue=' 'version' 'h/help'
            case 'diff'
                __tp-classify_parse_subcommand 2 'records=' 'max-record-bytes=' 'max-depth=' 'no-progress' 'version' 'h/help'
            end
        case 'help'
            __tp-classify_parse_subcommand -r 1 'version'
        end
    end
end

function __tp-classify_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tp-classify_parse_subcommand -S -a positional_count
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

function __tp-classify_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tp-classify_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tp-classify_tokens -p)
    if test -z "$(__tp-classify_tokens -t)"
        set -l index (count (__tp-classify_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tp-classify' -f
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify" version' -l 'version' -d 'Show the version.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify" -eq 1' -fa 'records' -d 'Classify JSON Lines records (the default subcommand).'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify" -eq 1' -fa 'policy' -d 'Validate a classification policy or compare two versions.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records" max-record-bytes' -l 'max-record-bytes' -d 'Longest accepted input line in bytes; longer lines become error records.' -rfka ''
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records" max-depth' -l 'max-depth' -d 'Deepest accepted JSON nesting; deeper records become error records.' -rfka ''
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records" no-progress' -l 'no-progress' -d 'Never draw progress on standard error.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records" policy' -l 'policy' -d 'Classification policy (JSON, docs/policy-format.md); built-in tables without it.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records"' -l 'steps' -d 'Steps to run on records without findings (default: the data-protection steps).' -rfka ''
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records" threads' -l 'threads' -d 'Worker threads (0: one per CPU, at most 8). Output order is the input order either way.' -rfka ''
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records" explain' -l 'explain' -d 'Print a human-readable explanation per record instead of JSON Lines.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify records" -ge 1' -F
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records" version' -l 'version' -d 'Show the version.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify records" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy" version' -l 'version' -d 'Show the version.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify policy" -eq 1' -fa 'check' -d 'Validate a policy file strictly and compile its recognisers.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify policy" -eq 1' -fa 'diff' -d 'Show what changed between two policy versions, in terms of decisions.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify policy check" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy check" catalogue' -l 'catalogue' -d 'Also check the routing section against this model catalogue.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy check" version' -l 'version' -d 'Show the version.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify policy diff" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_positional "tp-classify policy diff" -eq 2' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy diff" records' -l 'records' -d 'JSON Lines records to classify under both versions.' -rF
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy diff" max-record-bytes' -l 'max-record-bytes' -d 'Longest accepted input line in bytes; longer lines become error records.' -rfka ''
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy diff" max-depth' -l 'max-depth' -d 'Deepest accepted JSON nesting; deeper records become error records.' -rfka ''
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy diff" no-progress' -l 'no-progress' -d 'Never draw progress on standard error.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy diff" version' -l 'version' -d 'Show the version.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify policy diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-classify' -n '__tp-classify_should_offer_completions_for_flags_or_options "tp-classify help" version' -l 'version' -d 'Show the version.'
