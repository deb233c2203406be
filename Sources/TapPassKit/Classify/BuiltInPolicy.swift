/// The levels TapPass uses when a policy says nothing: every policy file is
/// laid over these tables (a policy maps a name to IGNORE to drop one).
///
/// Finding types follow the finding contract of the data-protection steps
/// (`tappass.findings[].type`); a type not listed falls back to its step's
/// level. Threat findings (injection, Unicode attacks) say nothing about
/// how sensitive the data is and map to no level.
enum BuiltInPolicy {
  static let findingSteps: [String: ClassificationLevel] = [
    "detect_pii": .confidential,
    "detect_secrets": .restricted,
    "detect_infra": .internal,
    "detect_business": .confidential,
  ]

  static let findingTypes: [String: ClassificationLevel] = [
    // Identity documents and payment data: regulated, breach-notifiable.
    "ssn": .restricted, "us_ssn": .restricted, "national_id": .restricted, "passport": .restricted,
    "driver_license": .restricted, "us_driver_license": .restricted,
    "credit_card": .restricted, "iban": .restricted, "bank_account": .restricted, "crypto_wallet": .restricted,
    "medical_record": .restricted, "health": .restricted, "tax_id": .restricted,
    // Contact data and names: personal data under GDPR.
    "email": .confidential, "phone": .confidential, "address": .confidential,
    "person_name": .confidential, "person": .confidential, "date_of_birth": .confidential,
    "location": .confidential,
    // Credentials: anyone holding them can act as the owner.
    "private_key": .restricted, "password": .restricted, "api_key": .restricted,
    "aws_access_key": .restricted, "connection_string": .restricted, "jwt": .restricted,
    // Infrastructure identifiers: useful to an attacker, not personal.
    "ip_address": .internal, "host_name": .internal, "mac_address": .internal, "arn": .internal,
    "domain_name": .internal,
  ]

  static let categories: [String: ClassificationLevel] = [
    "public": .public,
    "internal": .internal,
    "personal": .confidential, "financial": .confidential, "customer": .confidential,
    "health": .restricted, "biometric": .restricted, "credentials": .restricted,
    "children": .restricted, "legal": .restricted,
  ]

  /// The original product's data-protection step ids, accepted in
  /// `findings.steps` even before a step is registered in this build.
  static let dataStepIDs: Set<String> = [
    "detect_pii", "detect_secrets", "detect_infra", "detect_business", "detect_unicode", "scan_output",
  ]

  static func profile() -> ClassificationPolicy.Profile {
    var profile = ClassificationPolicy.Profile()
    func entries(_ table: [String: ClassificationLevel]) -> [String: ClassificationPolicy.Entry] {
      table.mapValues { ClassificationPolicy.Entry(level: $0, origin: .builtIn) }
    }
    profile.findingSteps = entries(findingSteps)
    profile.findingTypes = entries(findingTypes)
    profile.categories = entries(categories)
    for marker in Marker.builtIn {
      // A header's level is read from the match; its table entry caps it.
      profile.markers[marker.name] = ClassificationPolicy.Entry(level: marker.level ?? .topSecret, origin: .builtIn)
    }
    return profile
  }
}
