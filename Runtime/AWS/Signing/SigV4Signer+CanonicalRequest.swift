/// Step 1: the canonical request, the exact text whose hash is signed.
extension SigV4Signer {
    /// Builds the canonical request:
    ///
    ///     METHOD\nCanonicalURI\nCanonicalQueryString\nCanonicalHeaders\nSignedHeaders\nPayloadHash
    ///
    /// Every header in `request.headers` is signed; the caller decides which headers to include.
    public func canonicalRequest(_ request: SigningRequest) -> String {
        canonicalRequest(request, headers: CanonicalHeaders(request.headers))
    }

    /// The canonical request with its headers already canonicalised (`sign` needs them twice).
    func canonicalRequest(_ request: SigningRequest, headers: CanonicalHeaders) -> String {
        let parts = [
            request.method, canonicalURI(request.path), URIEncoding.canonicalQueryString(request.query),
            headers.canonical, headers.signed, request.payloadHash.value,
        ]
        var text = ""
        text.reserveCapacity(parts.reduce(parts.count) { $0 + $1.utf8.count })
        for (index, part) in parts.enumerated() {
            if index > 0 { text += "\n" }
            text += part
        }
        return text
    }

    /// The canonical URI for a decoded path.
    ///
    /// S3 (`normalizesPath == false`): each segment encoded once, `//`, `.` and `..` kept.
    /// Other services: normalised, then each segment encoded twice, because AWS canonicalises the
    /// already-encoded wire path by encoding it again (a space is `%20` on the wire, `%2520` here).
    public func canonicalURI(_ path: String) -> String {
        guard normalizesPath else { return URIEncoding.encodePath(path) }
        return PathNormalization.normalize(path)
            .split(separator: "/", omittingEmptySubsequences: false)
            .map { URIEncoding.encode(URIEncoding.encode($0)) }
            .joined(separator: "/")
    }
}
