/// A failed AWS call: which service and operation, on what, AWS's error code and message, the HTTP
/// status and request id, whether retrying can help, and the underlying cause when there is one.
///
/// One type for every service keeps callers' handling uniform: branch on `kind` for the outcomes a
/// program reacts to (a conditional write that lost, a missing object), log `description` for the
/// rest. `code` is AWS's own code (`NoSuchBucket`, `ConditionalCheckFailedException`), or one of
/// ours for local failures (`ConnectionFailure`, `CredentialsNotFound`, `ResponseParsing`).
public struct AWSError: Error, CustomStringConvertible {
    /// The service's short name, e.g. `S3`, `DynamoDB`.
    public var service: String
    /// The operation, e.g. `GetObject`.
    public var operation: String
    /// What the call was about (`bucket/key`, a table or queue), when known; for the log.
    public var resource: String?
    public var code: String
    public var message: String
    /// The HTTP status, nil when no response arrived.
    public var httpStatus: Int?
    /// `x-amz-request-id` / `x-amzn-RequestId`, what AWS support asks for.
    public var requestID: String?
    /// Whether sending the same request again may succeed (throttling, 5xx, connection resets).
    public var isRetryable: Bool
    /// The error underneath: a `TransportError`, a decoding error, the error a body source threw.
    public var cause: (any Error)?

    public init(
        service: String, operation: String, resource: String? = nil, code: String, message: String,
        httpStatus: Int? = nil, requestID: String? = nil, isRetryable: Bool = false, cause: (any Error)? = nil
    ) {
        self.service = service
        self.operation = operation
        self.resource = resource
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.requestID = requestID
        self.isRetryable = isRetryable
        self.cause = cause
    }

    /// The category of this error, derived from its code and status.
    public var kind: AWSErrorKind {
        AWSErrorKind(code: code, httpStatus: httpStatus)
    }

    public var description: String {
        var text = "\(service) \(operation)"
        if let resource { text += " on \(resource)" }
        text += " failed: \(code)"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if !message.isEmpty { text += ": \(message)" }
        if let requestID { text += " [request id \(requestID)]" }
        if let cause { text += " caused by \(cause)" }
        if let advice = kind.advice { text += ". \(advice)" }
        return text
    }
}
