/// Path normalisation for services other than S3.
///
/// AWS normalises the canonical URI per RFC 3986 for most services: `.` and `..` segments are
/// resolved and empty segments (`//`) collapse. S3 must not do this, because `a/../b` and `a//b`
/// are distinct, valid object keys; the signer therefore only calls this when `normalizesPath` is on.
enum PathNormalization {
    /// Returns `path` with dot segments removed and repeated slashes collapsed. A trailing slash is
    /// kept when the input ends in a directory (`/`, `/.`, `/..`), as RFC 3986's algorithm does.
    static func normalize(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var output: [Substring] = []
        for segment in segments {
            switch segment {
            case ".":
                continue
            case "..":
                _ = output.popLast()
            default:
                output.append(segment)
            }
        }
        guard !output.isEmpty else { return "/" }
        let endsInDirectory = path.hasSuffix("/") || segments.last == "." || segments.last == ".."
        return "/" + output.joined(separator: "/") + (endsInDirectory ? "/" : "")
    }
}
