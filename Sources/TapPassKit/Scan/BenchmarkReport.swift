/// The hidden `--benchmark FILE` option, as JSON: thread CPU time per step
/// and for the shared pattern scan (slowest first), and per-record latency.
///
/// Step timers cost enough to distort record latency, so the scan alternates
/// (ScanSession): half the records are timed per step, and those times are
/// scaled to the whole run; the other half are timed whole, with the step
/// timers off, for the latency percentiles. `record_2kb_*` are the
/// percentiles of records of 1.5 to 2.5 KB, the size the latency target is
/// stated for.
enum BenchmarkReport {
  static let band = 1536..<2560
  /// `slowest_records` lists this many latency-timed records, slowest
  /// first, with their input line and size: the tail to extract and
  /// profile on its own (a loaded machine also puts preempted records
  /// there, so compare several runs).
  static let slowestListed = 50

  static func write(engine: ScanEngine, seconds: Double, records: Int, stepTimedRecords: Int, recordTimes: [ScanSession.RecordTime],
                    to path: String) throws {
    let scale = stepTimedRecords == 0 ? 1 : Double(records) / Double(stepTimedRecords)
    let all = recordTimes.map(\.microseconds).sorted()
    let banded = recordTimes.filter { band.contains($0.bytes) }.map(\.microseconds).sorted()
    func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("records"); writer.int(records)
    writer.key("total_seconds"); writer.double(seconds, digits: 6)
    writer.key("step_timed_records"); writer.int(stepTimedRecords)
    writer.key("pattern_scan_seconds"); writer.double(engine.scanSeconds * scale, digits: 6)
    writer.key("latency_timed_records"); writer.int(all.count)
    writer.key("record_p50_us"); writer.double(percentile(all, 0.5), digits: 2)
    writer.key("record_p99_us"); writer.double(percentile(all, 0.99), digits: 2)
    writer.key("record_2kb_count"); writer.int(banded.count)
    writer.key("record_2kb_p50_us"); writer.double(percentile(banded, 0.5), digits: 2)
    writer.key("record_2kb_p99_us"); writer.double(percentile(banded, 0.99), digits: 2)
    writer.key("slowest_records")
    writer.beginArray()
    for time in recordTimes.sorted(by: { $0.microseconds > $1.microseconds }).prefix(slowestListed) {
      writer.beginObject()
      writer.key("line"); writer.int(time.line)
      writer.key("bytes"); writer.int(time.bytes)
      writer.key("us"); writer.double(time.microseconds, digits: 2)
      writer.endObject()
    }
    writer.endArray()
    writer.key("steps")
    writer.beginArray()
    for (id, time) in engine.stepSeconds.sorted(by: { $0.value > $1.value }) {
      writer.beginObject()
      writer.key("step"); writer.string(id)
      writer.key("seconds"); writer.double(time * scale, digits: 6)
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    try FileBytes.write(writer.bytes + [0x0A], to: path)
  }
}
