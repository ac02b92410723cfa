extension AWSClient {
    /// Calls an operation of a query-protocol service (STS, SNS, IAM): a form-encoded `POST /`
    /// with `Action` and `Version`, answered in XML. Returns the `<…Result>` element (or the
    /// response root when there is none).
    public func query(
        _ service: ServiceDescriptor, action: String, parameters: [(name: String, value: String)] = [],
        resource: String? = nil
    ) throws(AWSError) -> MiniXMLElement {
        let form = [("Action", action), ("Version", service.queryVersion ?? "")] + parameters
        let request = AWSRequest(
            method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: .bytes(Array(FormEncoding.body(form).utf8)))
        let response = try send(request, to: service, operation: action, resource: resource)
        do {
            let root = try MiniXMLParser.parse(response.body)
            return root.child("\(action)Result") ?? root
        } catch {
            throw AWSError(
                service: service.name, operation: action, resource: resource, code: "ResponseParsing",
                message: "the response is not XML", httpStatus: response.status, cause: error)
        }
    }
}
