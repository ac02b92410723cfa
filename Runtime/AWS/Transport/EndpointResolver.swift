/// Chooses each service's endpoint: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the
/// service's public AWS endpoint in the region.
///
/// The variables are parsed once, when the resolver is made, since every request asks for its
/// endpoint.
public struct EndpointResolver: Sendable {
    /// `AWS_ENDPOINT_URL_<SERVICE>` endpoints by `<SERVICE>`.
    private let serviceEndpoints: [String: Endpoint]
    /// `AWS_ENDPOINT_URL`.
    private let sharedEndpoint: Endpoint?

    /// - Parameter environment: the variables to read; pass the process environment in production
    ///   and a literal dictionary in tests, so tests never mutate global state. Values that are not
    ///   `http(s)://` URLs are ignored.
    public init(environment: [String: String]) {
        let servicePrefix = "AWS_ENDPOINT_URL_"
        var serviceEndpoints: [String: Endpoint] = [:]
        for (name, value) in environment where name.hasPrefix(servicePrefix) {
            if let endpoint = Endpoint(url: value) { serviceEndpoints[String(name.dropFirst(servicePrefix.count))] = endpoint }
        }
        self.serviceEndpoints = serviceEndpoints
        sharedEndpoint = environment["AWS_ENDPOINT_URL"].flatMap { Endpoint(url: $0) }
    }

    /// One endpoint for every service, e.g. a moto or MinIO server.
    public init(allServices url: String) {
        self.init(environment: ["AWS_ENDPOINT_URL": url])
    }

    public func endpoint(for service: ServiceDescriptor, region: String) -> Endpoint {
        if !serviceEndpoints.isEmpty, let endpoint = serviceEndpoints[service.environmentName] { return endpoint }
        if let sharedEndpoint { return sharedEndpoint }
        if let global = service.globalEndpoint {
            return Endpoint(scheme: "https", host: global.host, isCustom: false)
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return Endpoint(scheme: "https", host: "\(service.endpointPrefix).\(region).\(suffix)", isCustom: false)
    }
}
