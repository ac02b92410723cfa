/// What an invocation produced, as the Invoke API reports it.
public struct InvocationResult: Sendable {
    public let requestID: String
    /// The function's answer, or the error document when it failed.
    public let payload: [UInt8]
    public let contentType: String
    /// `Unhandled` when the invocation failed (as `X-Amz-Function-Error` says), nil on success.
    public let functionError: String?
    /// The failure's `errorType` (`Sandbox.Timedout`, `Runtime.ExitError`, or the function's own).
    public let errorType: String?
    /// The invocation's log lines, the host's START, END and REPORT lines included.
    public let logs: [UInt8]

    public var succeeded: Bool { functionError == nil }
}

/// Per-invocation options a caller of the Invoke API may set.
public struct InvokeOptions: Sendable {
    public var traceID: String?
    /// Base64 client context, passed to the function in `Lambda-Runtime-Client-Context`.
    public var clientContext: String?
    public var tenantID: String?

    public init(traceID: String? = nil, clientContext: String? = nil, tenantID: String? = nil) {
        self.traceID = traceID
        self.clientContext = clientContext
        self.tenantID = tenantID
    }
}

/// An invocation waiting for, or running in, an instance.
struct PendingInvocation: Sendable {
    let requestID: String
    let payload: [UInt8]
    let options: InvokeOptions
    let result = OneShot<InvocationResult>()
}
