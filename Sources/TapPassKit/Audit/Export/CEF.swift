/// ArcSight Common Event Format (CEF) rev 25 escaping and layout:
///
///     CEF:0|Vendor|Product|Version|Signature ID|Name|Severity|key=value key=value
///
/// - header fields escape `\` as `\\` and `|` as `\|` (and may not hold a
///   line break, so CR/LF become spaces);
/// - extension values escape `\` as `\\`, `=` as `\=`, and line breaks as
///   `\n` / `\r` (a `|` needs no escape there);
/// - extension keys are fixed alphanumeric names chosen by us.
public enum CEF {
  public static func escapeHeader(_ value: String) -> String {
    escape(value) { scalar in
      switch scalar {
      case "\\": "\\\\"
      case "|": "\\|"
      case "\r", "\n": " "
      default: nil
      }
    }
  }

  public static func escapeExtension(_ value: String) -> String {
    escape(value) { scalar in
      switch scalar {
      case "\\": "\\\\"
      case "=": "\\="
      case "\n": "\\n"
      case "\r": "\\r"
      default: nil
      }
    }
  }

  /// Replaces each scalar for which `replacement` returns a string.
  static func escape(_ value: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
    var output = ""
    output.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      if let replaced = replacement(scalar) { output += replaced } else { output.unicodeScalars.append(scalar) }
    }
    return output
  }

  /// One CEF line. `extensions` keys must be CEF dictionary keys or
  /// custom-string labels; values are escaped here.
  public static func line(
    signatureID: String, name: String, severity: Int, extensions: [(String, String)]
  ) -> String {
    var text = "CEF:0|TapPass|tp-audit|\(escapeHeader(TapPassVersion.string))|\(escapeHeader(signatureID))|\(escapeHeader(name))|\(max(0, min(10, severity)))|"
    text += extensions.map { "\($0.0)=\(escapeExtension($0.1))" }.joined(separator: " ")
    return text
  }
}
