import ArgumentParser

/// The files that configure routing, shared by `tp-route` and `tp-route check`.
struct RouteOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Model catalogue (JSON, docs/catalogue-format.md).", valueName: "file"),
    completion: .file(extensions: ["json"]))
  var catalogue: String

  @Option(name: .long, help: ArgumentHelp("Routing rules (JSON); default: the policy file's \"routing\" section.", valueName: "file"),
    completion: .file(extensions: ["json"]))
  var routing: String?

  @Option(name: .long, help: ArgumentHelp("Provider health: degraded or open-circuit providers and models.", valueName: "file"),
    completion: .file(extensions: ["json"]))
  var health: String?

  /// The router, with the routing rules from `--routing`, else from the
  /// policy file, else none (the cost-aware default alone).
  func router(policyFile: String?) throws -> Router {
    let catalogue = try CatalogueLoader.load(path: catalogue)
    var rules = RoutingPolicy()
    if let routing {
      rules = try RoutingPolicyLoader.load(path: routing)
    } else if let policyFile, let section = try RoutingPolicyLoader.section(of: StrictJSON.load(path: policyFile)) {
      rules = section
    }
    let health = try self.health.map { try ProviderHealth.load(path: $0, catalogue: catalogue) } ?? ProviderHealth()
    return try Router(catalogue: catalogue, policy: rules, health: health)
  }
}
