/// ETags as S3 sends them (`"…"`) and as manifests keep them (bare).
public enum ETag {
    public static func unquoted(_ eTag: String) -> String {
        var value = Substring(eTag)
        if value.hasPrefix("W/") { value = value.dropFirst(2) }
        if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
        return String(value)
    }

    /// A multipart ETag (`md5-N`) depends on the part sizes, so it says nothing about the content
    /// compared with another object's.
    public static func isMultipart(_ eTag: String) -> Bool {
        eTag.contains("-")
    }
}
