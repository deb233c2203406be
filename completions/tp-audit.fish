function __tp-audit_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tp-audit_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tp-audit_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tp-audit_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tp-audit_parse_tokens -S
    set -l unparsed_tokens (__tp-audit_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tp-audit'
        __tp-audit_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'append'
            __tp-audit_parse_subcommand -r 1 'db=' 'busy-timeout=' 'max-record-bytes=' 'max-depth=' 'no-progress' 'org=' 'agent=' 'batch-size=' 'sync=' 'quiet' 'version' 'h/help'
        case 'verify-chain'
            __tp-audit_parse_subcommand 0 'db=' 'busy-timeout=' 'pubkey=' 'version' 'h/help'
        case 'keygen'
            __tp-audit_parse_subcommand 0 'out=' 'version' 'h/help'
        case 'checkpoint'
            __tp-audit_parse_subcommand 0 'db=' 'busy-timeout=' 'key=' 'org=' 'version' 'h/help'
        case 'prove'
            __tp-audit_parse_subcommand 0 'db=' 'busy-timeout=' 'org=' 'inclusion=' 'size=' 'consistency=+' 'timing' 'repeat-random=' 'version' 'h/help'
        case 'verify-proof'
            __tp-audit_parse_subcommand 0 'proof=' 'checkpoint=' 'old-checkpoint=' 'pubkey=' 'version' 'h/help'
        case 'evidence'
            __tp-audit_parse_subcommand 0 'db=' 'busy-timeout=' 'org=' 'from=' 'to=' 'agent=' 'key=' 'out=' 'version' 'h/help'
        case 'verify-evidence'
            __tp-audit_parse_subcommand 0 'bundle=' 'pubkey=' 'version' 'h/help'
        case 'export'
            __tp-audit_parse_subcommand 0 'db=' 'busy-timeout=' 'format=' 'org=' 'from-seq=' 'hmac-key=' 'follow' 'poll-interval=' 'stop-after=' 'version' 'h/help'
        case 'health'
            __tp-audit_parse_subcommand 0 'db=' 'busy-timeout=' 'org=' 'agent=' 'alert-below=' 'webhook=' 'webhook-attempts=' 'version' 'h/help'
        case 'drift'
            __tp-audit_parse_subcommand 0 'db=' 'busy-timeout=' 'org=' 'baseline-hours=' 'recent-hours=' 'now=' 'agent=' 'alert-at=' 'webhook=' 'webhook-attempts=' 'version' 'h/help'
        case 'metrics'
            __tp-audit_parse_subcommand 0 'db=' 'busy-timeout=' 'baseline-hours=' 'recent-hours=' 'now=' 'version' 'h/help'
        case 'help'
            __tp-audit_parse_subcommand -r 1 'version'
        end
    end
end

function __tp-audit_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tp-audit_parse_subcommand -S -a positional_count
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

function __tp-audit_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tp-audit_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tp-audit_tokens -p)
    if test -z "$(__tp-audit_tokens -t)"
        set -l index (count (__tp-audit_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tp-audit' -f
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'append' -d 'Append JSON Lines records to the audit store.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'verify-chain' -d 'Recompute every hash chain and Merkle tree; report the first tampered entry.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'keygen' -d 'Create an Ed25519 key pair for signing checkpoints.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'checkpoint' -d 'Sign the current tree head (size, root hash, time) of an org log.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'prove' -d 'Print an RFC 9162 inclusion or consistency proof.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'verify-proof' -d 'Check a proof against a signed checkpoint, offline.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'evidence' -d 'Write a self-contained evidence bundle for auditors.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'verify-evidence' -d 'Check an evidence bundle offline.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'export' -d 'Stream entries to a SIEM as OCSF, CEF or HMAC-signed JSON Lines, redacted.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'health' -d 'Print the 5-dimension health score of each agent.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'drift' -d 'Measure behavioural drift of each agent over 8 signals.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'metrics' -d 'Print Prometheus metrics (text exposition format).'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_positional "tp-audit" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" max-record-bytes' -l 'max-record-bytes' -d 'Longest accepted input line in bytes; longer lines become error records.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" max-depth' -l 'max-depth' -d 'Deepest accepted JSON nesting; deeper records become error records.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" no-progress' -l 'no-progress' -d 'Never draw progress on standard error.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" org' -l 'org' -d 'Org log for every record (default: from the record, else "default").' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" agent' -l 'agent' -d 'Agent for every record (default: from the record, else "unknown").' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" batch-size' -l 'batch-size' -d 'Records per transaction.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" sync' -l 'sync' -d 'Durability of each commit: normal (survives a crash) or full (survives power loss).' -rfka 'normal full'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" quiet' -l 'quiet' -d 'Do not print acknowledgements.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit append" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-chain" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-chain" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-chain" pubkey' -l 'pubkey' -d 'Require checkpoints to be signed by this Ed25519 public key (PEM).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-chain" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-chain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit keygen" out' -l 'out' -d 'Path of the private key to create.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit keygen" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit keygen" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit checkpoint" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit checkpoint" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit checkpoint" key' -l 'key' -d 'Ed25519 private key (PEM).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit checkpoint" org' -l 'org' -d 'The org log (required when the store holds several).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit checkpoint" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit checkpoint" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" org' -l 'org' -d 'The org log (required when the store holds several).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" inclusion' -l 'inclusion' -d 'Entry to prove inclusion of.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" size' -l 'size' -d 'Tree size for an inclusion proof.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove"' -l 'consistency' -d 'Old and new tree sizes.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" timing' -l 'timing' -d 'Print the time spent computing the proof on standard error.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" repeat-random' -l 'repeat-random' -d 'With --timing and --inclusion: also time this many proofs of random entries in this process.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit prove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-proof" proof' -l 'proof' -d 'The proof (output of `tp-audit prove`).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-proof" checkpoint' -l 'checkpoint' -d 'The signed checkpoint the proof must lead to.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-proof" old-checkpoint' -l 'old-checkpoint' -d 'For consistency proofs: the checkpoint of the old tree.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-proof" pubkey' -l 'pubkey' -d 'The Ed25519 public key (PEM) checkpoints must be signed with.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-proof" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-proof" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" org' -l 'org' -d 'The org log (required when the store holds several).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" from' -l 'from' -d 'Start of the time range (inclusive).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" to' -l 'to' -d 'End of the time range (inclusive).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" agent' -l 'agent' -d 'Only entries of this agent.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" key' -l 'key' -d 'Ed25519 private key (PEM) to sign the checkpoint and manifest.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" out' -l 'out' -d 'Where to write the bundle (a new file).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit evidence" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-evidence" bundle' -l 'bundle' -d 'The evidence bundle.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-evidence" pubkey' -l 'pubkey' -d 'The Ed25519 public key (PEM) the bundle must be signed with.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-evidence" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit verify-evidence" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" format' -l 'format' -d 'Output format: ocsf, cef or jsonl-hmac.' -rfka 'ocsf cef jsonl-hmac'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" org' -l 'org' -d 'The org log (required when the store holds several).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" from-seq' -l 'from-seq' -d 'First sequence number to export.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" hmac-key' -l 'hmac-key' -d 'HMAC key file for jsonl-hmac (at least 16 bytes).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" follow' -l 'follow' -d 'Keep streaming entries as they are appended.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" poll-interval' -l 'poll-interval' -d 'With --follow: how often to look for new entries.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" stop-after' -l 'stop-after' -d 'Stop after exporting this many entries.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" org' -l 'org' -d 'The org log (required when the store holds several).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" agent' -l 'agent' -d 'Only this agent.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" alert-below' -l 'alert-below' -d 'Emit an alert record for agents whose overall score is below this.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" webhook' -l 'webhook' -d 'Also POST each alert record to this http:// URL (retried with backoff).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" webhook-attempts' -l 'webhook-attempts' -d 'Attempts per alert for --webhook.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit health" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" org' -l 'org' -d 'The org log (required when the store holds several).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" baseline-hours' -l 'baseline-hours' -d 'Length of the baseline window, ending where the recent one starts.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" recent-hours' -l 'recent-hours' -d 'Length of the recent window, ending now.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" now' -l 'now' -d 'Evaluate as if the time were this (ms or RFC 3339); default now.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" agent' -l 'agent' -d 'Only this agent.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" alert-at' -l 'alert-at' -d 'Severity that raises an alert: low, medium, high or critical.' -rfka 'none low medium high critical'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" webhook' -l 'webhook' -d 'Also POST each alert record to this http:// URL (retried with backoff).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" webhook-attempts' -l 'webhook-attempts' -d 'Attempts per alert for --webhook.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit drift" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit metrics" db' -l 'db' -d 'The audit database (SQLite).' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit metrics" busy-timeout' -l 'busy-timeout' -d 'How long to wait for another writer\'s lock before failing.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit metrics" baseline-hours' -l 'baseline-hours' -d 'Length of the baseline window, ending where the recent one starts.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit metrics" recent-hours' -l 'recent-hours' -d 'Length of the recent window, ending now.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit metrics" now' -l 'now' -d 'Evaluate as if the time were this (ms or RFC 3339); default now.' -rfka ''
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit metrics" version' -l 'version' -d 'Show the version.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit metrics" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tp-audit' -n '__tp-audit_should_offer_completions_for_flags_or_options "tp-audit help" version' -l 'version' -d 'Show the version.'
