import NIOHTTP1
import StateMachine

/// An answer of the Runtime API: status, headers and body.
struct RuntimeReply: Sendable {
    let status: HTTPResponseStatus
    let headers: [(String, String)]
    let body: [UInt8]

    static let accepted = RuntimeReply(
        status: .accepted, headers: [("content-type", "application/json")],
        body: Array(JSONValue.object(["status": "OK"]).serialized().utf8))

    /// The `/next` answer: the event, with the invocation's `Lambda-Runtime-*` headers.
    static func invocation(_ assignment: Assignment) -> RuntimeReply {
        let invocation = assignment.invocation
        var headers = [
            ("content-type", "application/json"),
            ("lambda-runtime-aws-request-id", invocation.requestID),
            ("lambda-runtime-deadline-ms", String(assignment.deadlineMilliseconds)),
            ("lambda-runtime-invoked-function-arn", assignment.functionARN),
            ("lambda-runtime-trace-id", assignment.traceID),
        ]
        if let clientContext = invocation.options.clientContext { headers.append(("lambda-runtime-client-context", clientContext)) }
        if let tenantID = invocation.options.tenantID { headers.append(("lambda-runtime-aws-tenant-id", tenantID)) }
        return RuntimeReply(status: .ok, headers: headers, body: invocation.payload)
    }

    static func unknownRequest(_ requestID: String) -> RuntimeReply {
        failure(.badRequest, "InvalidRequestID", "Invalid request ID: \(requestID) is not running on this instance")
    }

    static func failure(_ status: HTTPResponseStatus, _ errorType: String, _ message: String) -> RuntimeReply {
        RuntimeReply(
            status: status, headers: [("content-type", "application/json")],
            body: FailureDocument(errorType: errorType, errorMessage: message).json)
    }
}
