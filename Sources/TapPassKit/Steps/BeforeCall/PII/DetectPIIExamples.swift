/// detect_pii's triggering and non-triggering examples (the tests and the
/// docs). Every configuration option appears in at least one `config:`.
enum DetectPIIExamples {
  static let all: [StepExample] = positives + negatives + configured

  static let positives: [StepExample] = [
    StepExample("Contact me at «email:jane.doe@example.com» for details."),
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
    StepExample("Server at «ip_address:192.168.10.25» rejected the login."),
    StepExample("Peer «ip_address:2001:db8:85a3::8a2e:370:7334» connected."),
    StepExample("She was born «date_of_birth:March 4, 1990» in a small town."),
    StepExample("Date of birth: «date_of_birth:14/03/1985»"),
    StepExample("T.C. Kimlik No: «tr_tckimlik:10000000146»"),
    StepExample("Aadhaar «in_aadhaar:2341 2341 2346»"),
    StepExample("BSN «nl_bsn:111222333»"),
    StepExample("CPF do cliente: «br_cpf:390.533.447-05»"),
    StepExample("Dear «person:Sarah Connor», thanks for the update."),
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
    StepExample(#"{"to": "«email:bob@example.org»", "note": "urgent"}"#, role: .toolArguments),
    StepExample("Sure, I emailed «person:David Miller» at «email:d.miller@example.com».", role: .output),
  ]

  static let negatives: [StepExample] = [
    StepExample("Card 4111 1111 1111 1112 was declined."),
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
