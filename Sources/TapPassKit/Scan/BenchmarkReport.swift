/// The hidden `--benchmark FILE` option: thread CPU time per step and for the
/// shared pattern scan, sorted slowest first, as JSON.
enum BenchmarkReport {
  static func write(engine: ScanEngine, seconds: Double, records: Int, recordMicroseconds: [Double], to path: String) throws {
    let sorted = recordMicroseconds.sorted()
    func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("records"); writer.int(records)
    writer.key("total_seconds"); writer.double(seconds, digits: 6)
    writer.key("pattern_scan_seconds"); writer.double(engine.scanSeconds, digits: 6)
    writer.key("record_p50_us"); writer.double(percentile(0.5), digits: 2)
    writer.key("record_p99_us"); writer.double(percentile(0.99), digits: 2)
    writer.key("steps")
    writer.beginArray()
    for (id, time) in engine.stepSeconds.sorted(by: { $0.value > $1.value }) {
      writer.beginObject()
      writer.key("step"); writer.string(id)
      writer.key("seconds"); writer.double(time, digits: 6)
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    try FileBytes.write(writer.bytes + [0x0A], to: path)
  }
}
