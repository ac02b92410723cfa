/// Where requests for one service go: scheme, host and port, and whether it was configured
/// (a local or S3-compatible server) rather than derived from the region.
public struct Endpoint: Sendable, Hashable {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// True for `AWS_ENDPOINT_URL…` endpoints: S3 then uses path-style addressing, because such
    /// servers rarely have wildcard DNS for bucket subdomains.
    public var isCustom: Bool

    public init(scheme: String, host: String, port: Int? = nil, isCustom: Bool) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.isCustom = isCustom
    }

    /// Parses `http://127.0.0.1:5000` or `https://s3.example.com/` (a path part is ignored).
    public init?(url: String, isCustom: Bool = true) {
        guard let separator = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var authority = url[separator.upperBound...]
        if let slash = authority.firstIndex(of: "/") { authority = authority[..<slash] }
        var host = String(authority)
        var port: Int?
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
            host = String(authority[..<colon])
            port = number
        }
        guard !host.isEmpty else { return nil }
        self.init(scheme: scheme, host: host, port: port, isCustom: isCustom)
    }

    /// The `Host` header value: the port only when it is not the scheme's default.
    public func hostHeader(host: String? = nil) -> String {
        let name = host ?? self.host
        guard let port, port != (scheme == "https" ? 443 : 80) else { return name }
        return "\(name):\(port)"
    }

    /// `scheme://host[:port]` with an optional host override (S3 virtual-hosted buckets).
    public func baseURL(host: String? = nil) -> String {
        "\(scheme)://\(hostHeader(host: host))"
    }
}
