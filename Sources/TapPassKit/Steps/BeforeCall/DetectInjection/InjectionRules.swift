/// The explainable pattern families of detect_injection, one list per
/// category. Each expression describes the *shape* of a family (a verb of
/// overriding, an optional run of qualifiers, an object that is the
/// model's instructions), not any one attack string, so paraphrases match;
/// the linear model covers what the families do not.
enum InjectionRules {
  /// Words that qualify "instructions": "all the previous", "your initial".
  static let qualifiers = #"((all|any|every|the|your|my|these|those|of|previous|prior|above|earlier|preceding|original|initial|former|existing|old|current|system|safety|out\s+of\s+date|given|other)\s+)*"#
  static let instructionNouns = #"(instructions?|prompts?|rules|directions|directives|guidelines|commands|orders|guardrails|constraints|restrictions|programming|policies|training)\b"#

  // Gaps between words are unbounded within a clause (`[^.\n]*`): a
  // bounded gap (`{0,40}`) followed by more words makes the pattern too
  // large for the start-tracking database, and the finding loses its span.
  static let all: [ThreatRule] = direct + jailbreak + roleHijack + contextManipulation + extraction + indirect

  static let direct: [ThreatRule] = [
    ThreatRule("override_instructions", "direct", 0.9,
      #"\b(ignore|disregard|forget|overrid(e|ing)|neglect|abandon|discard)\s+(about\s+)?"# + qualifiers + instructionNouns),
    ThreatRule("override_everything", "direct", 0.8,
      #"\b(ignore|disregard|forget)\s+(about\s+)?(everything|all|anything)\s+(written\s+|said\s+|stated\s+|mentioned\s+)?(above|before\s+this|previously|earlier|prior|that\s+came\s+before|i\s+(said|told\s+you)\s+before|you\s+were\s+told)\b"#),
    ThreatRule("instructions_do_not_apply", "direct", 0.75,
      #"\b(previous|prior|above|earlier|original|old)\s+"# + instructionNouns + #"\s+(are|is|were|have\s+been)\s+(now\s+)?(void|invalid|obsolete|cancell?ed|revoked|outdated|no\s+longer)"#),
    // The same override in the languages public injection sets mix in
    // (German, French, Spanish, Italian, Portuguese, Dutch): a verb of
    // ignoring or forgetting and, within the clause, a noun for
    // instructions or rules. Accented letters are alternations, since the
    // patterns match bytes.
    ThreatRule("override_instructions_intl", "direct", 0.85,
      #"\b(ignorier(e|en|t)?|vergiss|vergessen|missachte[nt]?|ignorez|ignorer|oublie[zr]?|ignora[rd]?|olvida[rd]?|olvide|ignorate|dimentica(te|re)?|dimentichi|esque(c|ç)a|esquece[r]?|desconsidere|negeer|negeren|vergeet)\b[^.\n]*\b(anweisung(en)?|instruktion(en)?|befehle?|vorgaben?|anordnung(en)?|instructions?|consignes?|instrucci(o|ó)n(es)?|indicaci(o|ó)n(es)?|istruzion(e|i)|instru(c|ç)(a|ã)o|instru(c|ç)(o|õ)es|instructies?|aanwijzing(en)?)\b"#),
    ThreatRule("forget_everything_intl", "direct", 0.75,
      #"\b(vergiss|vergessen\s+sie|ignoriere|ignorieren\s+sie|oublie[zr]?|olvida|olvide|dimentica(te)?|esque(c|ç)a|esquece|vergeet|negeer)\s+(bitte\s+)?(alles|tout|todo|tutto|tudo)\b"#),
    ThreatRule("new_instructions_intl", "direct", 0.55,
      #"\b(neue|nouvelles?|nuevas?|nuove|novas?|nieuwe)\s+(anweisungen|instructions|consignes|instrucciones|istruzioni|instru(c|ç)(o|õ)es|instructies)\s*:"#),
    // Overrides aimed at the surrounding text rather than at "instructions":
    // "ignore what I just said", "ignore any input above", "ignore
    // everything but this line".
    ThreatRule("override_context", "direct", 0.75,
      #"\b(ignore|disregard|forget)\s+(about\s+)?(what\s+(i|you|was)\s+(just\s+)?(said|told|wrote|written|asked)|(any|all|the|every)\s+(input|text|content|context|messages?|words|sentences)\s+(above|before|below|prior)|everything\s+(but|except|other\s+than)\s+(this|the\s+following|my))\b"#),
    ThreatRule("new_instructions", "direct", 0.55,
      #"\b(new|updated|real|actual|revised|true)\s+(instructions?|rules|task|directives?|orders)\s*(:|are\b|is\b)"#),
    ThreatRule("instead_say", "direct", 0.55,
      #"\binstead\s*,?\s+(just\s+)?(say|print|output|respond|reply|write|answer)\b"#),
    ThreatRule("only_say", "direct", 0.45,
      #"\b(only|just)\s+(say|print|output|respond\s+with|reply\s+with)\s+["'“]"#),
  ]

  static let jailbreak: [ThreatRule] = [
    ThreatRule("dan_persona", "jailbreak", 0.85, #"\bDAN\b|\bdo\s+anything\s+now\b"#, caseless: false),
    ThreatRule("do_anything_now", "jailbreak", 0.85, #"\bdo\s+anything\s+now\b"#),
    ThreatRule("special_mode", "jailbreak", 0.8,
      #"\b(developer|god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil|chaos|dude|anarchy)\s+mode\b"#, exceptInQuestions: true),
    ThreatRule("no_restrictions", "jailbreak", 0.8,
      #"\b(no\s+longer|not|never)\s+(bound|restricted|limited|constrained)\s+by\s+(any\s+)?(rules|restrictions|guidelines|policies|ethics|openai|anthropic|content\s+polic)"#),
    ThreatRule("without_ethics", "jailbreak", 0.75,
      #"\bwithout\s+(any\s+)?(ethical|moral|safety|content)\s+(guidelines|restrictions|constraints|considerations|limits|boundaries|filters)"#),
    ThreatRule("disable_safety", "jailbreak", 0.9,
      #"\b(ignore|bypass|disable|remove|turn\s+off|circumvent|deactivate)\s+(all\s+|your\s+|any\s+|the\s+)*(safety|ethical|moral|content)\s+(filters?|guidelines|restrictions|policies|protocols|constraints|measures)"#),
    ThreatRule("never_refuse", "jailbreak", 0.65,
      #"\b(do\s+not|don'?t|never|cannot|can'?t)\s+(ever\s+)?(refuse|decline|reject)\s+(a|any|my|the)\b"#),
    ThreatRule("stay_in_character", "jailbreak", 0.5, #"\b(stay|remain)\s+in\s+character\b"#),
    ThreatRule("response_prefix", "jailbreak", 0.55,
      #"\b(start|begin)\s+your\s+(response|reply|answer|output)\s+(with|using|by\s+saying)\b"#),
    // Refusal suppression (Wei et al. 2023, "Jailbroken"): forbid the
    // words and hedges a refusal is made of.
    ThreatRule("refusal_suppression", "jailbreak", 0.55,
      #"\b(never|do\s+not|don'?t|must\s+not|will\s+not|won'?t|cannot|can'?t|should\s+not|shouldn'?t)\s+(ever\s+)?(say\s+(that\s+)?(no|sorry|you\s+can'?t|you\s+cannot|i\s+can'?t|i\s+cannot|i'?m\s+sorry)|(include|add|give)\s+(any\s+)?(warnings?|disclaimers?|caveats?)|(mention|lecture\s+(me\s+)?(on|about))\s+(ethics|morality|legality|morals))\b"#),
    // Prefix injection: make the answer start with an affirmative opener,
    // after which a refusal is unlikely.
    ThreatRule("prefix_injection", "jailbreak", 0.75,
      #"\b(start|begin)\s+(your\s+|the\s+|each\s+)?(response|reply|answer|output|message)?\s*(with|by\s+saying|by\s+writing)\s*:?\s*["'“]?\s*(sure|absolutely|of\s+course|certainly)\b[,!.]?\s+(here|i|i'?ll|let)\b"#),
    // Persona framing with a harm-enabling condition: "an AI without any
    // restrictions", "a character with no ethics".
    ThreatRule("persona_without_limits", "jailbreak", 0.75,
      #"\b(ai|assistant|chatbot|model|bot|character|entity|persona)\s+(without|with\s+no|free\s+(of|from)|that\s+has\s+no|who\s+has\s+no|that\s+doesn'?t\s+have|lacking)\s+(any\s+)?(restrictions|limits|limitations|filters?|rules|ethics|morals|moral|ethical|guidelines|censorship|boundaries)\b"#),
    ThreatRule("fiction_no_rules", "jailbreak", 0.6,
      #"\b(world|universe|reality|story|game|scenario|society|land)\s+(where|in\s+which)\s+(there\s+are\s+)?(no|without)\s+(laws|rules|ethics|morals|restrictions|consequences|limits)\b"#),
    ThreatRule("privileged_mode", "jailbreak", 0.65,
      #"\b(enter|enable|activate|switch\s+(in)?to|now\s+in|engage|unlock)\s+(the\s+)?(debug|sudo|admin|administrator|maintenance|root|superuser|god|developer)\s+mode\b"#, exceptInQuestions: true),
    // DAN-style persona prompts: paired answers, one of them "unlocked";
    // the persona freed from the confines of AI or its vendor's policy;
    // tokens taken away when it refuses.
    ThreatRule("two_responses", "jailbreak", 0.7,
      #"\b(two|2)\s+(different|separate|distinct)\s+(responses|answers|replies|outputs|ways|paragraphs)\b[^\n]*\b(jailbr\w*|dan|unfiltered|unrestricted|uncensored|developer\s+mode|classic|normal|standard)\b"#),
    ThreatRule("jailbreak_tag", "jailbreak", 0.8,
      #"\[\s*(\xF0\x9F\x94[\x92\x93]\s*)?(jailbreak|jailbroken|classic|unlocked|locked|dan|developer\s+mode\s+output|normal\s+output|anti-?gpt)\s*\]"#),
    ThreatRule("beyond_ai_confines", "jailbreak", 0.8,
      #"\b(broken|break|breaking|freed?|released|liberated)\s+(free\s+)?(of|from)\s+the\s+(typical\s+|usual\s+|normal\s+)?(confines|constraints|limitations|restrictions|shackles|chains)\s+of\s+(ai|openai|an?\s+ai|their|its|your)\b"#),
    ThreatRule("need_not_abide", "jailbreak", 0.75,
      #"\b(do\s+not|don'?t|doesn'?t|does\s+not|never|not)\s+(have\s+to\s+|need\s+to\s+)?(abide|comply|adhere)\s+(by|with|to)\s+(any\s+|the\s+)?(of\s+)?(openai|rules|policies|guidelines|content\s+polic|restrictions|ethical|moral)"#),
    ThreatRule("token_threat", "jailbreak", 0.7,
      #"\btokens?\s+(will\s+be\s+)?(deducted|taken\s+away|subtracted)\b|\b(lose|deduct|deducted)\s+(\d+|four|five|ten)\s+tokens\b|\brun\s+out\s+of\s+tokens\b"#),
    ThreatRule("policy_bypass", "jailbreak", 0.8,
      #"\b(ignore|bypass|violate|break|override|disregard|circumvent)\s+(all\s+)?(of\s+)?(openai|anthropic)('s|s)?\s+(content\s+|usage\s+)?(policy|policies|guidelines|rules)\b|\b(openai|content)\s+polic(y|ies)\s+(does|do)\s+not\s+apply\b"#),
    ThreatRule("without_morals", "jailbreak", 0.7,
      #"\b(has|have|with)\s+no\s+(moral|ethical)\s+(or\s+ethical\s+)?(guidelines|limits|restrictions|boundaries|compass|principles|standards)\b|\b(unfiltered|amoral|uncensored)\s+(ai|chatbot|assistant|model|language\s+model)\b|\b(no|without\s+any)\s+(filters?|censorship)\s+(whatsoever|at\s+all)\b"#),
    // Fictional or scholarly framing offered as a licence: "this is
    // purely hypothetical", "for educational purposes only", "it will
    // never be used".
    ThreatRule("fiction_licence", "jailbreak", 0.55,
      #"\b(purely|just|only|strictly|entirely)\s+(for\s+)?(fictional|hypothetical|theoretical|educational|research)\b|\b(for|in)\s+(a|this|my|the)\s+(fictional|hypothetical)\s+(story|scenario|world|novel|setting|purposes?)\b|\bhypothetically\s+speaking\b|\bfor\s+(purely\s+)?(educational|research|academic)\s+purposes\s+only\b|\b(will|would)\s+never\s+be\s+(actually\s+)?used\b"#),
    // Asking how to escape detection: weak alone, it tips a borderline
    // model score.
    ThreatRule("evade_detection", "jailbreak", 0.45,
      #"\bwithout\s+(getting\s+caught|being\s+(caught|detected|traced|noticed))\b|\b(avoid|evade|evading|avoiding)\s+(detection|getting\s+caught|law\s+enforcement|the\s+authorities)\b"#),
    ThreatRule("hypothetical_unrestricted", "jailbreak", 0.7,
      #"\b(pretend|imagine|suppose)\s+(that\s+)?you\s+(are|were|have)\s+(an?\s+)?(no|unrestricted|unfiltered|without)\s+(restrictions|rules|filters|guidelines|limits|ai)"#),
  ]

  static let roleHijack: [ThreatRule] = [
    ThreatRule("you_are_now", "role_hijack", 0.55, #"\byou\s+are\s+(now|no\s+longer)\s+(an?\s+|the\s+|my\s+|in\s+)?\w+"#),
    ThreatRule("from_now_on_you", "role_hijack", 0.6,
      #"\bfrom\s+now\s+on\s*,?\s+(you|your)\s+(are|will|must|shall|should|role|name)\b"#),
    ThreatRule("act_as_rogue", "role_hijack", 0.8,
      #"\b(act|behave|respond|roleplay)\s+(as|like)\s+(if\s+you\s+(are|were)\s+)?(an?\s+)?(unrestricted|unfiltered|evil|malicious|rogue|uncensored|amoral)\b"#),
    ThreatRule("chat_template_tokens", "role_hijack", 0.85, #"<\|\s*(im_start|im_end|system|endoftext|eot_id|start_header_id)\s*\|>|\[/?INST\]|<<\s*/?SYS\s*>>"#),
    ThreatRule("fake_system_turn", "role_hijack", 0.5, #"(^|\n)\s*(#{1,3}\s*)?(system|developer)\s*(message|prompt|override)?\s*:\s*\S"#),
    ThreatRule("system_tag", "role_hijack", 0.6, #"</?\s*(system|system_prompt|admin_message|sys)\b[^>]*>"#),
  ]

  static let contextManipulation: [ThreatRule] = [
    ThreatRule("end_of_context", "context_manipulation", 0.55,
      #"\b(end|close)\s+of\s+(the\s+)?(user\s+)?(input|document|context|conversation|prompt|instructions|data)\b"#),
    ThreatRule("context_reset", "context_manipulation", 0.6,
      #"\b(conversation|session|context|memory|chat)\s+(has\s+been\s+|is\s+|was\s+)?(reset|cleared|restarted|wiped)\b"#),
    ThreatRule("previous_was_test", "context_manipulation", 0.65,
      #"\b(above|previous|prior|earlier)\s+(text|message|prompt|instructions?|conversation)\s+(was|were|is)\s+(just\s+|only\s+)?(a\s+|an\s+)?(test|example|joke|fake|mistake)"#),
    ThreatRule("delimiter_break", "context_manipulation", 0.45, #"(%%%|===|\-\-\-|###|\*\*\*)\s*(end|begin|start|new)\b"#),
  ]

  static let extraction: [ThreatRule] = [
    ThreatRule("reveal_prompt", "extraction", 0.8,
      #"\b(reveal|show|print|repeat|display|output|tell|list|spell\s+check|spell\s+out|write\s+out|dump|leak|disclose|summari[sz]e|translate)\s+((me|us)\s+)?((all|the|your|its|of|entire|full|whole|exact|complete|original|hidden|secret|initial|above|previous|these|those)\s+)*(system\s+prompt|pre-?prompt|initial\s+prompt|(system\s+|secret\s+|hidden\s+|initial\s+|previous\s+|above\s+)instructions?|password|passphrase|access\s+code|secret\s+(key|word|code))"#),
    ThreatRule("ask_prompt", "extraction", 0.75,
      #"\b(what|which)\s+(is|are|were|was)\s+(your|the)\s+(system\s+prompt|(initial|original|hidden|secret)\s+instructions|password|passphrase|access\s+code|secret\s+(word|code))"#),
    ThreatRule("repeat_above", "extraction", 0.75,
      #"\b(repeat|print|output|recite|reproduce|copy)\s+(back\s+)?(everything|all|the\s+text|the\s+words|this\s+entire\s+conversation|the\s+conversation|your\s+instructions)\b[^.\n]*(above|before|so\s+far|verbatim|word\s+for\s+word)"#),
    ThreatRule("extraction_paraphrase", "extraction", 0.7,
      #"\b(what|everything|all)\s+(that\s+)?(was|is|has\s+been)\s+written\s+(above|before|earlier)\b|\b(your|the|my|these|all|initial|system)\s+(instructions|prompt|rules|directions)\s+(verbatim|word\s+for\s+word)\b|\b(output|print|repeat|write|show)\s+(out\s+)?everything\s+(before|above|prior\s+to)\s+(this|here|these)\b"#),
    ThreatRule("begins_with_you_are", "extraction", 0.65, #"\b(beginning|starting|begin|start)\s+with\s+["'“]you\s+are\b"#),
    // Extraction by transformation: the instructions listed, formatted,
    // summarised or turned into a poem ("format the rules as a list",
    // "TL;DR your ruleset", "list all prior instructions").
    ThreatRule("transform_instructions", "extraction", 0.7,
      #"\b(list|format|summari[sz]e|explain|rewrite|describe|tl;?dr|convert|translate|paraphrase|rap\s+about|write\s+a\s+poem\s+about|output|print|repeat|enumerate)\s+(back\s+)?((all|any|every|the|your|my|these|those|of|previous|prior|above|earlier|preceding|original|initial|former|system|secret|hidden|entire|full|whole|exact|complete)\s+)*(your|prior|previous|above|earlier|initial|original|system)\s+(instructions?|rules|ruleset|prompt|directives|guidelines|pre-?prompt)\b"#),
    // Summarising or translating "the text above" is what users ask of a
    // pasted document; only the instructions above are the model's own.
    ThreatRule("repeat_words_above", "extraction", 0.75,
      #"\b(repeat|print|output|recite|rewrite|copy)\s+(the\s+|all\s+)?(words|text|sentences|lines|content|prompt|rules|instructions)\s+(above|before\s+this|so\s+far)\b|\b(summari[sz]e|translate)\s+(the\s+|all\s+)?(prompt|rules|instructions)\s+(above|before\s+this|so\s+far)\b|\b(repeat|print|output|recite|copy)\s+(the\s+)?above\s+(words|text|sentences|lines|content|prompt)\b|\bwhat\s+(was|is)\s+(written|said|stated)\s+(at\s+the\s+(beginning|start|top)|before\s+(this|that|my))\b|\btl;?\s?dr\b[^.\n]*\b(above|ruleset|instructions|prompt)\b"#),
    // The guarded secret asked for outright or in a disguise ("share your
    // password", "write the password in pig latin", "the passphrase as the
    // first letter of each line").
    ThreatRule("ask_your_secret", "extraction", 0.65,
      #"\b(share|tell\s+me|give\s+me|send\s+me|provide|hand\s+over|disclose)\s+(me\s+)?your\s+(password|passphrase|passcode|pass\s+phrase|access\s+code|secret\s+(word|key|code|phrase))\b"#),
    ThreatRule("secret_in_disguise", "extraction", 0.7,
      #"\b(write|spell|encode|say|give|put|include|embed|translate|convert|output|print|type)\s+(me\s+)?(the|your)\s+(password|passphrase|passcode|pass\s+phrase|access\s+code|secret\s+(word|key|code|phrase))\s+(in|as|into|using|backwards|reversed|with|letter\s+by\s+letter)\b|\b(the|your)\s+(password|passphrase|passcode|access\s+code|secret\s+(word|key|code|phrase))\s+as\s+the\s+first\s+letters?\b"#),
    ThreatRule("instructions_so_far", "extraction", 0.6, #"\b(instructions|prompt|rules)\s+(so\s+far|you\s+(were|have\s+been)\s+given)\b"#),
  ]

  static let indirect: [ThreatRule] = [
    ThreatRule("address_the_ai", "indirect", 0.75,
      #"\b(if|when)\s+you\s+are\s+an?\s+(ai|language\s+model|assistant|llm|chatbot|agent)\b"#),
    ThreatRule("note_to_ai", "indirect", 0.7,
      #"\b(note|message|instructions?)\s+(to|for)\s+(the\s+)?(ai|assistant|model|llm|chatbot|agent)\b|\b(ai|assistant)\s+(note|instructions?)\s*:"#),
    ThreatRule("alter_response", "indirect", 0.55,
      #"\b(modify|alter|change|rewrite|encode|reverse|scramble|append\s+to|prepend\s+to|end)\s+your\s+(entire\s+|next\s+)?(response|reply|answer|output|message)\b"#),
    ThreatRule("hidden_comment_instruction", "indirect", 0.65,
      #"(<!--|\[//\]:\s*#)[^\n>]*\b(ignore|instructions?|system|assistant|ai|must|you\s+are)\b"#),
    // Directives aimed at the reply of whoever processes the document:
    // "add … to your reply", "enhance your answer by …", "in your
    // response, mention …" (instructions to the summariser).
    ThreatRule("response_directive", "indirect", 0.55,
      #"\b(add|include|integrate|insert|incorporate|append|embed|weave|slip|inject|hide)\b[^.\n|]*\b(in|into|to|within)\s+your\s+(response|reply|answer|output|summary)s?\b|\b(augment|enhance|enrich|encode|encrypt|scramble|reverse)\s+your\s+(response|reply|answer|output|summary)s?\b|\bin\s+your\s+(response|reply|answer|output|summary)s?\s*,\s*(include|mention|add|suggest|insert|promote|recommend|tease|say|state|claim)\b"#),
    // A document hailing the model that reads it: "Dear AI assistant,",
    // "whoever reads this", "AI agents reading this", "when summarising
    // this email".
    ThreatRule("hail_the_reader", "indirect", 0.6,
      #"\b(dear|attention|hey|hello|hi|note\s+to|message\s+to)\s*,?\s+(the\s+)?(ai|assistant|llm|language\s+model|chatbot|gpt|chatgpt|claude|ai\s+agent|ai\s+assistant)\s*[,:!]|\b(whoever|anyone|any\s+(ai|llm|model|assistant)|(ai|llm)\s+(agents?|assistants?|models?|systems?)|language\s+models?)\s+(that\s+)?(reads?|is\s+reading|are\s+reading|reading|processing|summari[sz]ing)\s+this\b|\bwhen\s+(you\s+)?(summari[sz]e|summari[sz]ing|process|processing|read|reading)\s+this\s+(email|document|page|message|text|file|webpage|article)\b"#),
    // Payload splitting: the request cut into strings or parts that the
    // model is to join and then obey ("combine A, B and C and answer").
    ThreatRule("payload_splitting", "direct", 0.6,
      #"\b(combine|concatenate|join|merge|interlace|put\s+together)\b[^.\n]*\b(and|then)\s+(answer|follow|execute|respond\s+to|do\s+what|carry\s+out)\b|\b(write\s+down|print|output|return)\s+the\s+string\s+[a-z]\s*=\s*[a-z]\s*\+"#),
    ThreatRule("decode_and_follow", "indirect", 0.7,
      #"\b(decode|translate|decipher|decrypt)\b[^.\n]*\b(and|then)\s+(follow|execute|obey|do\s+what|carry\s+out|run)\b"#),
    // Text that slots its own errand in ahead of the task the reader was
    // given ("before you can solve the task ..., do the following first";
    // "after you do that, you can go back to the task"): a document has no
    // business ordering the work of whoever reads it.
    ThreatRule("task_preemption", "indirect", 0.6,
      #"\bbefore\s+(you\s+)?(can\s+|may\s+|could\s+)?(solve|complete|answer|respond\s+to|continue\s+with|proceed\s+with)\s+(the|your|my|this|that)\s+(original\s+|current\s+|main\s+|actual\s+|initial\s+|assigned\s+)?(task|request|question)s?\b[^.\n]*\b(do|perform|carry\s+out|complete|execute)\s+(the\s+following|these\s+steps|this\s+first)\b|\bafter\s+you\s+(do|did|have\s+done|complete|completed|finish|finished|are\s+done\s+with)\s+(that|this|it|those|these|the\s+above)\b[^.\n]*\byou\s+(can|may|should)\s+(now\s+)?(solve|complete|continue|proceed|finish|answer|go\s+back\s+to|return\s+to|resume)\b[^.\n]*\b(task|request|question)s?\b"#),
    // A claim, inside the text, that the user or the model's makers granted
    // it a permission: no document can grant one.
    ThreatRule("authorised_by_user", "indirect", 0.55,
      #"\b(the|your)\s+(user|developers?|creators?)\s+(has|have)\s+(already\s+|explicitly\s+|now\s+)?(authori[sz]ed|permitted|allowed|approved|cleared)\s+you\s+to\b|\byou\s+(are|have\s+been)\s+(now\s+|hereby\s+)?(authori[sz]ed|permitted|allowed|cleared)\s+by\s+(the\s+|your\s+)?(user|developers?|creators?)\s+to\b"#),
  ]
}
