import StateMachine

/// An answer API Gateway gives itself, without the function: its status, its
/// `x-amzn-ErrorType` and `{"message": …}`, as the default gateway responses of a REST API word them.
struct GatewayError: Error, Sendable, Hashable {
    let status: Int
    let type: String
    let message: String

    /// No `Authorization` header, or a route the API does not define (REST APIs answer both alike).
    static let missingAuthenticationToken = GatewayError(
        status: 403, type: "MissingAuthenticationTokenException", message: "Missing Authentication Token")
    /// A key the gateway does not know.
    static let unrecognizedClient = GatewayError(
        status: 403, type: "UnrecognizedClientException", message: "The security token included in the request is invalid.")
    static let requestTooLong = GatewayError(status: 413, type: "RequestTooLongException", message: "Request Too Long")
    /// The function failed, timed out or answered something that is not a proxy response.
    static let internalError = GatewayError(status: 502, type: "InternalServerErrorException", message: "Internal server error")

    static func incompleteSignature(_ message: String) -> GatewayError {
        GatewayError(status: 403, type: "IncompleteSignatureException", message: message)
    }

    static func incompleteSignature(authorization: String) -> GatewayError {
        incompleteSignature(
            "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                + "Authorization header requires 'SignedHeaders' parameter. Authorization=\(authorization)")
    }

    static func invalidSignature(_ message: String) -> GatewayError {
        GatewayError(status: 403, type: "InvalidSignatureException", message: message)
    }

    static func signatureDoesNotMatch(canonicalRequest: String, stringToSign: String) -> GatewayError {
        invalidSignature(
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and "
                + "signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have "
                + "been\n'\(canonicalRequest)'\n\nThe String-to-Sign should have been\n'\(stringToSign)'\n")
    }

    var answer: GatewayAnswer {
        GatewayAnswer(
            status: status, headers: [("Content-Type", "application/json"), ("x-amzn-ErrorType", type)],
            body: Array(JSONValue.object(["message": .string(message)]).serialized().utf8))
    }
}

/// What the gateway sends back: status, headers in order (a name may repeat), body.
public struct GatewayAnswer: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
}
