/// Times on the command line: milliseconds since the epoch, or RFC 3339
/// (`2026-03-06T12:00:00Z`, fractional seconds and `±hh:mm` offsets allowed).
public enum AuditTime {
  public static func parse(_ text: String) -> Int64? {
    if let milliseconds = Int64(text), milliseconds >= 0 { return milliseconds }
    let bytes = Array(text.utf8)
    func number(_ start: Int, _ length: Int) -> Int? {
      guard start + length <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[start..<start + length] {
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
          bytes[13] == 0x3A, bytes[16] == 0x3A,
          let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
          let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
          (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
    var position = 19
    var milliseconds = 0
    if position < bytes.count, bytes[position] == 0x2E {
      position += 1
      var digits = 0
      while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
        if digits < 3 { milliseconds = milliseconds * 10 + Int(bytes[position] - 0x30) }
        digits += 1
        position += 1
      }
      guard digits > 0 else { return nil }
      if digits < 3 { for _ in digits..<3 { milliseconds *= 10 } }
    }
    var offsetMinutes = 0
    guard position < bytes.count else { return nil }
    switch bytes[position] {
    case 0x5A, 0x7A:
      position += 1
    case 0x2B, 0x2D:
      guard let hours = number(position + 1, 2), bytes.count > position + 3, bytes[position + 3] == 0x3A,
            let minutes = number(position + 4, 2) else { return nil }
      offsetMinutes = (hours * 60 + minutes) * (bytes[position] == 0x2D ? -1 : 1)
      position += 6
    default:
      return nil
    }
    guard position == bytes.count else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
    return seconds * 1000 + Int64(milliseconds)
  }

  /// Days since 1970-01-01 (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
