/// detect_pii's triggering and non-triggering examples (the tests and the
/// docs). Every configuration option appears in at least one `config:`.
enum DetectPIIExamples {
  static let all: [StepExample] = positives + negatives + configured

  static let positives: [StepExample] = [
    StepExample("Contact me at «email:jane.doe@example.com» for details."),
    StepExample("Thanks for the review.\nSincerely, «person:Anna Kowalski»"),
    StepExample("Signed, «person:Giuseppe Bianchi»"),
    StepExample("Ask «person:Jan» about the invoice."),
    StepExample("Donations: «crypto_wallet:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa» or «crypto_wallet:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy»"),
    StepExample("Pay to «crypto_wallet:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4» today."),
    StepExample("Taproot: «crypto_wallet:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0»"),
    StepExample("My ETH wallet is «crypto_wallet:0x52908400098527886E0F7030069857D2E4169EE7»."),
    StepExample("Checksum broken: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"),
    StepExample("keccak digest 0x52908400098527886e0f7030069857d2e4169ee7 of the block"),
    StepExample("Trace id 3Kx9aBcDeFgHiJkLmNoPqRsTuVwXyZ2345 in the log"),
    StepExample("Send it to «email:ops+alerts@mail.example.co.uk»."),
    StepExample("Call «phone:+1 415-555-0132» tomorrow."),
    StepExample("Phone: «phone:(212) 555-0198»"),
    StepExample("Mobile: «phone:07700 900 123»"),
    StepExample("Fax «phone:+46 (0)8 928 571 38» or desk «phone:555-867-5309»."),
    StepExample("Can someone call me on «phone:9472 7916»?"),
    StepExample("Card «credit_card:4111 1111 1111 1111» expires 12/27."),
    StepExample("Amex: «credit_card:3782-822463-10005»"),
    StepExample("IBAN: «iban:DE89 3704 0044 0532 0130 00»"),
    StepExample("my account «iban:gb82west12345698765432» fails", role: .user),
    StepExample("SSN «us_ssn:536-22-1234» on file."),
    StepExample("Login from «ip_address:84.17.39.25» was rejected."),
    StepExample("Peer «ip_address:2a02:c7f:85a3::8a2e:370:7334» connected."),
    StepExample("The gateway 192.168.1.1 and 10.0.0.5 are internal; so is fe80::1ff:fe23:4567:890a."),
    StepExample("She was born «date_of_birth:March 4, 1990» in a small town."),
    StepExample("Date of birth: «date_of_birth:14/03/1985»"),
    StepExample("T.C. Kimlik No: «tr_tckimlik:10000000146»"),
    StepExample("Aadhaar «in_aadhaar:2341 2341 2346»"),
    StepExample("BSN «nl_bsn:111222333»"),
    StepExample("CPF do cliente: «br_cpf:390.533.447-05»"),
    StepExample("RIF (Venezuela): «ve_rif:J-30360145-6»"),
    StepExample("Codice fiscale «it_codicefiscale:RCCMNL83S18D969H»"),
    StepExample("Henkilötunnus «fi_hetu:150378-512R»"),
    StepExample("PPS No «ie_pps:7654321G», spouse «ie_pps:7654321PA»"),
    StepExample("Steuer-ID: «de_idnr:26581934271»"),
    StepExample("IRD number «nz_ird:098-123-458»"),
    StepExample("DNI (CUI) «pe_cui:49091850-2» or «pe_cui:49091850G»"),
    StepExample("MyKad NRIC «my_nric:850612-14-5123»"),
    StepExample("Cartão de Cidadão n.º «pt_cc:154203556ZX9»"),
    StepExample("Resident identity card «cn_ric:11010519491231002X»"),
    StepExample("KRA PIN «ke_pin:A012345678B»"),
    StepExample("Cédula de persona física «cr_cpf:2-0345-0671»"),
    StepExample("PEID «li_peid:1234567»"),
    StepExample("Abgabenkontonummer «at_tin:12 345678-2»"),
    StepExample("사업자 등록 번호 (BRN) «kr_brn:220-81-62157»"),
    StepExample("Thai juristic person MOA «th_moa:0-1055-58123-45-1»"),
    StepExample("Organisasjonsnummer «no_orgnr:918 723 056»"),
    StepExample("SARS tax reference «za_tin:0123456782»"),
    StepExample("NIF (Algérie) «dz_nif:001 516 002 345 678»"),
    StepExample("UEN «sg_uen:53308421X»; Singapore UEN «sg_uen:201912345R»"),
    StepExample("NCF «do_ncf:B0100000123», e-CF «do_ncf:E310000000123»"),
    StepExample("NIPT «al_nipt:K91234567A»"),
    StepExample("Cédula jurídica «cr_cpj:3-101-123456»"),
    StepExample("УНП «by_unp:290543217»"),
    StepExample("Egyptian tax registration number «eg_tn:100-200-300»"),
    StepExample("NINEA «sn_ninea:005123451»"),
    StepExample("Referencia catastral «es_referenciacatastral:4812309VK4741S0003FR»"),
    StepExample("Mauritian ID «mu_nid:B1502851234566»"),
    StepExample("Vinnutal «fo_vn:412345»; Steuernummer «de_stnr:93/815/08152»"),
    StepExample("SWIFT/BIC: «bic:DEUTDEFF500»"),
    // Ids the tokenizer cuts into groups.
    StepExample("NRT (Andorra) «ad_nrt:L-712345-K»; ONRC «ro_onrc:J40/1234/2015» and «ro_onrc:J2019012345405»"),
    // VAT numbers after their country code, or after their own name.
    StepExample("VAT FI «fi_alv:2468 1357»; USt-IdNr. DE «de_vat:812345673»; TVA LU «lu_tva:15432184»"),
    StepExample("NIP «pl_nip:527-123-45-63», Partita IVA «it_iva:01234560108»"),
    // Passes Luhn with a Visa prefix, but is introduced as an identity number.
    StepExample("South African identity number «za_idnr:4001015009081»"),
    StepExample("Dear «person:Sarah Connor», thanks for the update."),
    StepExample("«person:Francisco Ortega» moved from San Diego to Los Angeles."),
    StepExample("Signed by «person:Ravil G. Yefremov» and witnessed by «person:Ingrid Halvorsen»."),
    StepExample("The lease names «person:Bogusław Wiśniewski» as tenant."),
    // Accented names are looked up with their accents folded.
    StepExample("Please forward the invoice to «person:Zoë Brontë» in accounting."),
    StepExample("The contract was signed by «person:José Martínez» on Monday."),
    StepExample("The lease names «person:Juan del Castillo» as tenant."),
    // A first name that also starts a two-word place, on its own.
    StepExample("Our guide «person:Sierra Smith» met us in Hong Kong."),
    // A surname that is also an institution word stays a name.
    StepExample("The tickets from «person:Rachel Hall» arrived."),
    // First names only Faker's locales give (names/SOURCE.md), which the
    // 1990 Census lists miss.
    StepExample("Please send the signed contract to «person:Priya Sharma» and «person:Kwame Mensah»."),
    StepExample("Yesterday «person:Arjun» asked me to review the budget."),
    StepExample("«person:Ximena» and «person:Yusuf» wrote the tests."),
    StepExample("The report from «person:Hiroshi Tanaka» and «person:László Kovács» arrived on Monday."),
    StepExample("Please ask «person:Mr. Smith» to sign."),
    StepExample("Founders: «person:Maria Fleischer», «person:Mcintosh» and «person:Brabec»."),
    StepExample("what's your name? «person:olga krylova»"),
    StepExample("My name is «person:Maria Gonzalez» and I need help."),
    StepExample("«person:Emily Watson» will review the patch."),
    StepExample("The ticket was opened by «person:Anne-Marie O'Neil» yesterday."),
    StepExample("Forward it to «person:Robert J. Oppenheimer» please."),
    StepExample("my name is «person:janice» and my card is blocked"),
    StepExample("Ship it to «address:221 Baker Street» today."),
    StepExample("Office: «address:Via Franscini 71», Lugano"),
    StepExample("Deliver to «address:Hauptstraße 5»"),
    StepExample("Mail «address:1600 Pennsylvania Avenue Suite 200»"),
    StepExample("Ship to:\n«address:78 Rua das Pedras 930»\n«address:Apt. 4»\n«address:Japan 63161»"),
    StepExample("Send it to USNS Miller\n«address:FPO AP 12428»"),
    StepExample("My «address:zip code 94105-1234» and the office «address:postcode SW1A 1AA»"),
    StepExample(#"{"to": "«email:bob@example.org»", "note": "urgent"}"#, role: .toolArguments),
    StepExample("Sure, I emailed «person:David Miller» at «email:d.miller@example.com».", role: .output),
  ]

  static let negatives: [StepExample] = [
    // Spanish titles: a particle left once a common word goes ("del
    // Contribuyente"), an abstract noun ("Identificación"), and a run of
    // more than two capitalised words in another language.
    StepExample("RNC (Registro Nacional del Contribuyente, Dominican Republic tax number)"),
    // Two-word places whose words are also names.
    StepExample("We flew from Sierra Leone to Puerto Rico, then on to El Salvador, Hong Kong and St. Louis."),
    // Institutions, buildings and days named after people.
    StepExample("I studied at Stanford University and flew out of Harvey Milk Airport on Saint Patrick's Day."),
    StepExample("RIF (Registro de Identificación Fiscal, Venezuelan VAT number); NCF (Números de Comprobante Fiscal)"),
    // Business numbers with a wrong check digit, a juristic-person number
    // without its leading 0, and an Algerian NIF's 15 digits without its name.
    StepExample("BRN 220-81-62158, Organisasjonsnummer 918 723 057, MOA 0-1055-58123-45-2"),
    StepExample("SARS tax reference 5123456784; batch 001516002345678 shipped."),
    // Wrong check characters, a CPJ class that does not exist, and numbers
    // without a check character written without their names.
    StepExample("UEN 53308421M, UEN 201912345K, УНП 290543218, NINEA 005123452"),
    StepExample("Order B0100000123 and K91234567A shipped; batch 100-200-300 done, cédula jurídica 1-101-123456"),
    StepExample("Referencia catastral 4812309VK4741S0003FX, Mauritian ID B1502851234567"),
    StepExample("Order 412345 shipped, ref 93/815/08152"),
    StepExample("VAT FI 2468 1358, USt-IdNr. DE 812345674"),
    // An NRT below a company's range, an ONRC with a fourth group or a
    // wrong check digit, and both forms without their names.
    StepExample("NRT (Andorra) A-699999-X; ONRC J22/1515/2007/123, J2019012345406"),
    StepExample("Order J40/1234/2015 shipped, part L-712345-K"),
    // A BIC's shape with no country code, and capitals near the language's name.
    StepExample("BIC MULTIPLE"),
    StepExample("In Swift, mark it REQUIRED in the DATABASE"),
    // A country code alone, with no VAT word near, is not enough.
    StepExample("Invoice 01234560108 from LU 15432184 paid"),
    // A lone accented word is not looked up folded ("Ángel" folds to a
    // listed first name): only pairs are.
    StepExample("Ángel caído es un cuadro famoso. Está en el museo."),
    StepExample("-rw-r--r--  1 app app  220 Jan  2 10:00 .bashrc"),
    StepExample("DATABASE_URL=postgres://app:S3cure!Pass@orders-db.internal:5432/orders"),
    StepExample("Write to «email:dba@example.com» about redis://cache.example.com:6379."),
    StepExample("Card 4111 1111 1111 1112 was declined."),
    StepExample("We flew from San Francisco to Los Angeles, then drove on to Santa Monica and Fort Worth."),
    StepExample("Take Vitamin D Supplements, Then Think I Need A Break, and reread Appendix B Tables."),
    // First names of one Faker locale that are English words, or places,
    // peoples and months of the word list, are not in the list.
    StepExample("Restart the Server, then the Job Queue, and order the Salami Pizza."),
    StepExample("We flew from Bergen to Kingston on 3 Sep and ate Danish pastry with Nazi Germany on the radio."),
    StepExample("IBAN DE89 3704 0044 0532 0130 01 is wrong."),
    StepExample("SSN 000-12-3456 is not a valid number."),
    StepExample("Meeting on 2024-03-15 at 10:30 in room 4."),
    StepExample("Upgrade from version 10.4.2.1 to 1.2.3.4 soon."),
    StepExample("Order 48291375 shipped; invoice 2024-00017."),
    StepExample("Timestamp 20240315103000 was logged at 12:13:52."),
    StepExample("The total was 1,234,567.89 dollars and pi is 3.14159265."),
    StepExample("May I ask Will to pay the Bill?"),
    StepExample("The quick brown fox jumps over the lazy dog in March."),
    StepExample("Write a story about a dragon who learns to fly."),
    StepExample("Grant Writing and Project Management are on Monday."),
    StepExample("Use std::vector and a::b in the C++ code."),
    StepExample("T.C. Kimlik No: 10000000147"),
    // Wrong check characters (and a month 13): never reported, named or not.
    StepExample("Henkilötunnus 150378-512S"),
    // Valid, but a tracking code for all the text says.
    StepExample("Tracking: 011154B773C"),
    StepExample("PPS No 7654321H"),
    StepExample("Steuer-ID: 26581934272"),
    StepExample("IRD number 098-123-459"),
    StepExample("DNI (CUI) 49091850-3"),
    StepExample("MyKad NRIC 851312-14-5123"),
    StepExample("Cartão de Cidadão n.º 154203556ZX8"),
    StepExample("Resident identity card 11010519491231003X"),
    StepExample("Ticket A012345678B was closed."),
    StepExample("Costa Rica branch, batch 104001322 shipped."),
    StepExample("Abgabenkontonummer 12 345678-3"),
    StepExample("South African identity number 4001015009082"),
    StepExample("Australian Company Number: 002 724 334 / 43002724334"),
    StepExample("Enter your zip code (e.g. 12345) below."),
    StepExample("Montenegro tax number 02671931 (check digit wrong)"),
    StepExample("The hash is 5f4dcc3b5aa765d61d8327deb882cf99."),
    StepExample("Contact support at support@ or visit the help page."),
  ]

  static let configured: [StepExample] = [
    StepExample("Mail «email:jane@example.com» or call +1 415-555-0132", config: #"{"types": ["email"]}"#),
    StepExample("Emily arrived late.", config: #"{"name_min_score": 0.95}"#),
    StepExample("Mobile: 07700 900 123", config: #"{"phone_regions": ["US"]}"#),
    StepExample("Mobile: «phone:+44 7700 900123»", config: #"{"phone_regions": ["US"]}"#),
    StepExample("Call the office later today, the number is 9472 7916", config: #"{"context_window": 8}"#),
    StepExample("Call the office later today, the number is «phone:9472 7916»"),
  ]
}
