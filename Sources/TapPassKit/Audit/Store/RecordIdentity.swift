/// Which org log and agent a record belongs to.
///
/// Looked up in this order (first string wins): the `--org`/`--agent`
/// override, then `tappass.org` / `tappass.agent`, then the top-level
/// `org_id`/`org` and `agent_id`/`agent` members that agent frameworks
/// commonly carry. Records with none go to org `default`, agent `unknown`.
public struct RecordIdentity: Sendable {
  public static let defaultOrg = "default"
  public static let unknownAgent = "unknown"

  public var orgOverride: String?
  public var agentOverride: String?

  public init(orgOverride: String? = nil, agentOverride: String? = nil) {
    self.orgOverride = orgOverride
    self.agentOverride = agentOverride
  }

  public func org(of document: JSONDocument) -> String {
    orgOverride ?? Self.lookup(document, section: "org", topLevel: ["org_id", "org"]) ?? Self.defaultOrg
  }

  public func agent(of document: JSONDocument) -> String {
    agentOverride ?? Self.lookup(document, section: "agent", topLevel: ["agent_id", "agent"]) ?? Self.unknownAgent
  }

  static func lookup(_ document: JSONDocument, section: String, topLevel: [String]) -> String? {
    if let tappass = document.member("tappass", of: 0), let value = document.member(section, of: tappass),
       let text = document.string(value), !text.isEmpty {
      return text
    }
    for key in topLevel {
      if let value = document.member(key, of: 0), let text = document.string(value), !text.isEmpty { return text }
    }
    return nil
  }
}
