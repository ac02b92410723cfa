/// An answer as the Lambda proxy integration expects it back: status, headers, JSON body.
public struct APIResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: JSONBody?

    public init(status: Int, body: JSONBody?, headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    public init(_ error: APIError) {
        self.init(status: error.status, body: error.body)
    }

    /// The proxy response document: `{"statusCode", "headers", "body"}`.
    public var proxyResponse: String {
        var headers = self.headers
        if body != nil { headers["Content-Type"] = "application/json" }
        return JSONBody.members([
            ("statusCode", .int(Int64(status))),
            ("headers", .object(headers.mapValues { .string($0) })),
            ("body", .string(body?.text ?? "")),
            ("isBase64Encoded", .bool(false)),
        ]).text
    }
}
