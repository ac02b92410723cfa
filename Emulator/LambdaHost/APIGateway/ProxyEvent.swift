import AWS
import Foundation
import StateMachine

/// The REST API's Lambda proxy event (payload 1.0) for one request.
struct ProxyEvent {
    var api: RestAPI
    var route: RestAPI.Route
    var pathParameters: [String: String]
    var request: GatewayRequest
    var caller: CallerCredentials.Caller?
    var requestID: String
    var accountID: String
    var now: Date

    var json: JSONValue {
        let contentType = SignatureCheck.header("content-type", in: request.headers)
        let binary = api.isBinary(contentType: contentType)
        let body: JSONValue
        if request.body.isEmpty {
            body = .null
        } else if !binary, let text = String(validating: request.body, as: UTF8.self) {
            body = .string(text)
        } else {
            body = .string(Data(request.body).base64EncodedString())
        }
        let isBase64 = !request.body.isEmpty && (binary || String(validating: request.body, as: UTF8.self) == nil)
        let milliseconds = Int64(now.timeIntervalSince1970 * 1000)
        return [
            "resource": .string(route.resource),
            "path": .string(request.path),
            "httpMethod": .string(request.method),
            "headers": Self.single(request.headers.map { ($0.name, $0.value) }),
            "multiValueHeaders": Self.multiple(request.headers.map { ($0.name, $0.value) }),
            "queryStringParameters": Self.single(request.query),
            "multiValueQueryStringParameters": Self.multiple(request.query),
            "pathParameters": pathParameters.isEmpty ? .null : .object(pathParameters.mapValues { .string($0) }),
            "stageVariables": .null,
            "requestContext": [
                "accountId": .string(accountID),
                "apiId": .string(api.name),
                "resourceId": .string(route.resource),
                "resourcePath": .string(route.resource),
                "httpMethod": .string(request.method),
                "path": .string("/\(api.stage)\(request.path)"),
                "stage": .string(api.stage),
                "protocol": "HTTP/1.1",
                "requestId": .string(requestID),
                "extendedRequestId": .string(requestID),
                "requestTime": .string(Self.requestTime(now)),
                "requestTimeEpoch": .int(milliseconds),
                "domainName": .string(SignatureCheck.header("host", in: request.headers) ?? "localhost"),
                "identity": identity,
            ],
            "body": body,
            "isBase64Encoded": .bool(isBase64),
        ]
    }

    private var identity: JSONValue {
        var identity: [String: JSONValue] = [
            "sourceIp": .string(request.sourceIP),
            "userAgent": SignatureCheck.header("user-agent", in: request.headers).map { .string($0) } ?? .null,
            "accessKey": .null, "accountId": .null, "caller": .null, "user": .null, "userArn": .null,
            "apiKey": .null, "apiKeyId": .null, "principalOrgId": .null,
            "cognitoIdentityPoolId": .null, "cognitoIdentityId": .null, "cognitoAuthenticationType": .null,
            "cognitoAuthenticationProvider": .null,
        ]
        if let caller {
            identity["accessKey"] = .string(caller.credentials.accessKeyID)
            identity["accountId"] = .string(caller.accountID)
            identity["caller"] = caller.principalID.map { .string($0) } ?? .null
            identity["user"] = caller.principalID.map { .string($0) } ?? .null
            identity["userArn"] = .string(caller.principalARN)
        }
        return .object(identity)
    }

    /// Last value per name, as `headers` and `queryStringParameters` carry them; null when none.
    static func single(_ pairs: [(String, String)]) -> JSONValue {
        guard !pairs.isEmpty else { return .null }
        var values: [String: JSONValue] = [:]
        for (name, value) in pairs { values[name] = .string(value) }
        return .object(values)
    }

    /// Every value per name, in request order; null when none.
    static func multiple(_ pairs: [(String, String)]) -> JSONValue {
        guard !pairs.isEmpty else { return .null }
        var values: [String: [JSONValue]] = [:]
        for (name, value) in pairs { values[name, default: []].append(.string(value)) }
        return .object(values.mapValues { .array($0) })
    }

    /// `27/Nov/2026:09:05:22 +0000`, API Gateway's `requestTime`.
    static func requestTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

/// A function's answer to a proxy event, turned into the HTTP answer.
enum ProxyAnswer {
    /// The answer, or nil when the function's JSON is not a proxy response (API Gateway: 502).
    static func answer(from payload: [UInt8]) -> GatewayAnswer? {
        guard let value = try? JSONValue(parsing: Data(payload)), value.objectValue != nil,
            let status = value["statusCode"]?.integerValue, (100...599).contains(status)
        else { return nil }
        var headers: [(name: String, value: String)] = []
        var named: Set<String> = []
        for (name, values) in (value["multiValueHeaders"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let list = values.arrayValue else { return nil }
            named.insert(name.lowercased())
            headers += list.map { (name, Self.text($0)) }
        }
        for (name, header) in (value["headers"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where !named.contains(name.lowercased()) {
            headers.append((name, Self.text(header)))
        }
        if !headers.contains(where: { $0.name.lowercased() == "content-type" }) { headers.append(("Content-Type", "application/json")) }
        var body: [UInt8] = []
        if let text = value["body"]?.stringValue {
            if value["isBase64Encoded"]?.boolValue == true {
                guard let data = Data(base64Encoded: text) else { return nil }
                body = Array(data)
            } else {
                body = Array(text.utf8)
            }
        }
        return GatewayAnswer(status: Int(status), headers: headers, body: body)
    }

    private static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.serialized()
    }
}
