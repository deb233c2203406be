import Testing
@testable import TapPassKit

/// `JSONWriter.double` writes scores from their scaled integer; these hold
/// it to the general definition (round, shortest representation, trim).
@Suite struct JSONDecimalTests {
  @Test func fixedCases() {
    let cases: [(Double, Int, String)] = [
      (0, 4, "0"), (-0.0, 4, "0"), (1, 4, "1"), (0.5, 4, "0.5"), (-0.5, 4, "-0.5"), (0.12345, 4, "0.1235"),
      (0.99996, 4, "1"), (-0.00004, 4, "0"), (12.3, 2, "12.3"), (0.05, 1, "0.1"), (3.14159, 0, "3"),
      (.infinity, 4, "0"), (.nan, 4, "0"), (1e17, 4, "100000000000000000"), (1e20, 4, "1e+20"), (0.000048, 6, "0.000048"), (-0.0000221, 6, "-0.000022"),
    ]
    for (value, digits, expected) in cases {
      #expect(JSONWriter.format(value, digits: digits) == expected, "\(value) with \(digits) digits")
    }
  }

  @Test func agreesWithTheGeneralFormatOnRandomValues() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200_000 {
      let digits = Int.random(in: 0...6, using: &generator)
      let magnitude = [1.0, 10, 1e3, 1e6, 1e9, 1e12, 1e14, 1e16][Int.random(in: 0..<8, using: &generator)]
      let value = Double.random(in: -magnitude...magnitude, using: &generator)
      // Tiny non-zero values: the general path's exponent form ("4.8e-05")
      // made it print 0; the fixed cases pin the new output instead.
      var scale = 1.0
      for _ in 0..<digits { scale *= 10 }
      let rounded = (value * scale).rounded() / scale
      if rounded != 0, abs(rounded) < 1e-4 { continue }
      #expect(JSONWriter.format(value, digits: digits) == JSONWriter.generalFormat(value, digits: digits), "\(value) with \(digits) digits")
    }
    // Exact multiples of the last digit, where trimming matters.
    for units in -20_000...20_000 {
      let value = Double(units) / 10_000
      #expect(JSONWriter.format(value, digits: 4) == JSONWriter.generalFormat(value, digits: 4), "\(value)")
    }
  }

  /// `JSONWriter.int` writes the digits without making a String: it must
  /// spell every value as `String(value)` does.
  @Test func integersAreSpelledAsStringSpellsThem() {
    var generator = SystemRandomNumberGenerator()
    var values = [0, 1, -1, 9, 10, -10, 99, 100, 1_000_000, Int.max, Int.min, Int.max - 1, Int.min + 1]
    for _ in 0..<20_000 {
      values.append(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63, using: &generator))
    }
    for value in values {
      var writer = JSONWriter()
      writer.int(value)
      #expect(writer.bytes == Array(String(value).utf8), "\(value)")
    }
  }
}
