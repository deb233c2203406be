/// `tp-scan --list-steps`: one JSON line per step with its description,
/// defaults and examples — generated from the descriptors, never by hand.
enum StepListing {
  static func write(_ steps: [AnyStep]) throws {
    for step in steps {
      let descriptor = step.descriptor
      var writer = JSONWriter()
      writer.beginObject()
      writer.key("id"); writer.string(descriptor.id)
      writer.key("title"); writer.string(descriptor.title)
      writer.key("summary"); writer.string(descriptor.summary)
      writer.key("phase"); writer.string(descriptor.phase.rawValue)
      writer.key("category"); writer.string(descriptor.category.rawValue)
      writer.key("position"); writer.int(descriptor.position)
      writer.key("default_action"); writer.string(descriptor.defaultAction.rawValue)
      writer.key("threshold"); writer.double(step.settings.threshold)
      writer.key("reads"); writer.beginArray(); for role in descriptor.reads.map(\.rawValue).sorted() { writer.string(role) }; writer.endArray()
      writer.key("patterns"); writer.int(step.patterns.count)
      writer.key("config"); writer.raw(Array(step.configurationJSON.utf8))
      if !descriptor.deprecatedAliases.isEmpty {
        writer.key("aliases"); writer.beginArray(); for alias in descriptor.deprecatedAliases { writer.string(alias) }; writer.endArray()
      }
      writer.key("examples")
      writer.beginObject()
      writer.key("triggering"); writer.int(descriptor.examples.filter(\.isPositive).count)
      writer.key("non_triggering"); writer.int(descriptor.examples.filter { !$0.isPositive }.count)
      writer.endObject()
      writer.endObject()
      try StandardOutput.shared.write(writer.bytes + [0x0A])
    }
  }
}
