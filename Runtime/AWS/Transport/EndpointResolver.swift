/// Chooses each service's endpoint: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the
/// service's public AWS endpoint in the region.
public struct EndpointResolver: Sendable {
    private let environment: [String: String]

    /// - Parameter environment: the variables to read; pass the process environment in production
    ///   and a literal dictionary in tests, so tests never mutate global state.
    public init(environment: [String: String]) {
        self.environment = environment.filter { $0.key.hasPrefix("AWS_ENDPOINT_URL") }
    }

    /// One endpoint for every service, e.g. a moto or MinIO server.
    public init(allServices url: String) {
        self.init(environment: ["AWS_ENDPOINT_URL": url])
    }

    public func endpoint(for service: ServiceDescriptor, region: String) -> Endpoint {
        for name in ["AWS_ENDPOINT_URL_\(service.environmentName)", "AWS_ENDPOINT_URL"] {
            if let value = environment[name], let endpoint = Endpoint(url: value) { return endpoint }
        }
        if let global = service.globalEndpoint {
            return Endpoint(scheme: "https", host: global.host, isCustom: false)
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return Endpoint(scheme: "https", host: "\(service.endpointPrefix).\(region).\(suffix)", isCustom: false)
    }
}
