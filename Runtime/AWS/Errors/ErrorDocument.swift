#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The code, message and request id of an error response, whichever protocol it came in.
///
/// AWS has three error shapes: REST-XML (`<Error><Code>`, S3), query XML
/// (`<ErrorResponse><Error><Code>`, STS/SNS/IAM) and JSON (`{"__type": "ns#Code", "message"}`,
/// DynamoDB, SQS, Secrets Manager, Step Functions). Some servers answer signature failures in XML
/// even for JSON services, so the body is sniffed rather than trusted to the protocol. A body-less
/// response (HEAD) gets a code from its status.
struct ErrorDocument {
    var code: String
    var message: String
    var requestID: String?

    init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        func header(_ name: String) -> String? {
            headers.first { $0.name.equalsIgnoringASCIICase(name) }?.value
        }
        requestID = header("x-amz-request-id") ?? header("x-amzn-requestid")
        code = Self.code(forStatus: status)
        message = ""
        let firstByte = body.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if firstByte == UInt8(ascii: "<"), let root = try? MiniXMLParser.parse(body) {
            let error = root.name == "Error" ? root : root.descendant("Error") ?? root
            if let code = error.value("Code"), !code.isEmpty { self.code = code }
            message = error.value("Message") ?? ""
            requestID = requestID ?? root.value("RequestId") ?? root.descendant("RequestId")?.text
        } else if firstByte == UInt8(ascii: "{"), let json = try? JSONDecoder().decode(JSONError.self, from: Data(body)) {
            if let type = json.type, !type.isEmpty { code = Self.shortCode(type) }
            message = json.message ?? json.Message ?? ""
        }
        // The SQS JSON protocol keeps the legacy query code in this header.
        if let queryError = header("x-amzn-query-error"), let legacy = queryError.split(separator: ";").first {
            code = String(legacy)
        } else if let type = header("x-amzn-errortype"), code == Self.code(forStatus: status) {
            code = Self.shortCode(type)
        }
    }

    /// `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` and
    /// `ValidationException:http://…` both reduce to the bare code.
    static func shortCode(_ type: String) -> String {
        let afterHash = type.split(separator: "#").last.map(String.init) ?? type
        return afterHash.split(separator: ":").first.map(String.init) ?? afterHash
    }

    static func code(forStatus status: Int) -> String {
        switch status {
        case 301: "PermanentRedirect"
        case 304: "NotModified"
        case 400: "BadRequest"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 412: "PreconditionFailed"
        case 416: "InvalidRange"
        case 429: "TooManyRequestsException"
        case 500: "InternalError"
        case 503: "ServiceUnavailable"
        default: "HTTP\(status)"
        }
    }

    private struct JSONError: Decodable {
        var type: String?
        var message: String?
        var Message: String?

        enum CodingKeys: String, CodingKey {
            case type = "__type"
            case message
            case Message
        }
    }
}
