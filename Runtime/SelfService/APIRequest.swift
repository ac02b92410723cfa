#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One request as API Gateway's Lambda proxy event (REST API, payload 1.0) gives it: the route,
/// its parameters, the headers, the body, and the caller's IAM principal from `requestContext`.
public struct APIRequest: Sendable {
    public var method: String
    /// The route's resource path, e.g. `/jobs/{id}`.
    public var resource: String
    public var pathParameters: [String: String]
    /// Every value of each query parameter, in order.
    public var query: [String: [String]]
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]
    /// The signer's principal ARN (`requestContext.identity.userArn`); nil on an unsigned route.
    public var principalARN: String?
    public var requestID: String

    public init(
        method: String, resource: String, pathParameters: [String: String] = [:], query: [String: [String]] = [:],
        headers: [String: String] = [:], body: [UInt8] = [], principalARN: String?, requestID: String
    ) {
        self.method = method
        self.resource = resource
        self.pathParameters = pathParameters
        self.query = query
        self.headers = headers
        self.body = body
        self.principalARN = principalARN
        self.requestID = requestID
    }

    /// Reads a proxy event; nil when `event` is not one.
    public init?(proxyEvent event: [UInt8]) {
        guard let json = JSONBody(parsing: event), let method = json["httpMethod"]?.stringValue,
            let resource = json["resource"]?.stringValue
        else { return nil }
        self.method = method
        self.resource = resource
        pathParameters = Self.strings(json["pathParameters"])
        var query: [String: [String]] = [:]
        if case .object(let members) = json["multiValueQueryStringParameters"] {
            for (name, values) in members {
                if case .array(let list) = values { query[name] = list.compactMap(\.stringValue) }
            }
        } else {
            query = Self.strings(json["queryStringParameters"]).mapValues { [$0] }
        }
        self.query = query
        headers = Dictionary(Self.strings(json["headers"]).map { ($0.key.lowercased(), $0.value) }) { _, last in last }
        let text = json["body"]?.stringValue ?? ""
        if case .bool(true) = json["isBase64Encoded"] {
            body = Data(base64Encoded: text).map { Array($0) } ?? []
        } else {
            body = Array(text.utf8)
        }
        principalARN = json["requestContext"]?["identity"]?["userArn"]?.stringValue
        requestID = json["requestContext"]?["requestId"]?.stringValue ?? ""
    }

    /// The last value of query parameter `name`.
    public func queryValue(_ name: String) -> String? { query[name]?.last }

    /// `X-Correlation-Id` as the caller sent it, if it is a sane token.
    public var correlationID: String? {
        guard let value = headers["x-correlation-id"], !value.isEmpty, value.utf8.count <= 128,
            value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7f })
        else { return nil }
        return value
    }

    private static func strings(_ value: JSONBody?) -> [String: String] {
        guard case .object(let members) = value else { return [:] }
        return members.compactMapValues(\.stringValue)
    }
}
