/// The `Lambda-Runtime-*` headers of a `/next` response, gathered one by one as they are read.
struct InvocationHeaders {
    var requestID: String?
    var deadline: String?
    var functionARN: String?
    var traceID: String?
    var clientContext: String?
    var cognitoIdentity: String?
    var tenantID: String?

    /// Takes one header; `name` is lowercased, as ``TransportResponse`` keeps it.
    mutating func take(name: String, value: String) {
        switch name {
        case "lambda-runtime-aws-request-id": requestID = value
        case "lambda-runtime-deadline-ms": deadline = value
        case "lambda-runtime-invoked-function-arn": functionARN = value
        case "lambda-runtime-trace-id": traceID = value
        case "lambda-runtime-client-context": clientContext = value
        case "lambda-runtime-cognito-identity": cognitoIdentity = value
        case "lambda-runtime-aws-tenant-id": tenantID = value
        default: break
        }
    }

    /// The invocation, or an error naming the required header that is missing or malformed.
    func invocation(event: [UInt8], logger: LambdaLogger) throws -> Invocation {
        guard let requestID, !requestID.isEmpty else {
            throw RuntimeAPIError(.missingHeader("Lambda-Runtime-Aws-Request-Id"), "/next answered without a request id")
        }
        guard let deadline, let deadlineMilliseconds = Int64(deadline) else {
            throw RuntimeAPIError(
                .missingHeader("Lambda-Runtime-Deadline-Ms"),
                "/next answered request \(requestID) without a valid Lambda-Runtime-Deadline-Ms")
        }
        let context = LambdaContext(
            requestID: requestID, deadlineMilliseconds: deadlineMilliseconds,
            invokedFunctionARN: functionARN ?? "", traceID: traceID, clientContext: clientContext,
            cognitoIdentity: cognitoIdentity, tenantID: tenantID, logger: logger.forRequest(requestID))
        return Invocation(event: event, context: context)
    }
}
