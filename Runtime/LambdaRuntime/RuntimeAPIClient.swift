public import LineLogging

/// The four calls a runtime makes to the Lambda Runtime API.
///
/// The loop talks only to this protocol, so it can be driven in memory by tests and over libcurl
/// in a function. Calls block: a Lambda sandbox runs one invocation at a time, and the loop has
/// nothing else to do while it waits.
public protocol RuntimeAPIClient {
    /// Waits, without a time limit, for the next invocation.
    func nextInvocation(logger: LambdaLogger) throws -> Invocation
    /// Sends a handler's answer for the invocation.
    func sendResponse(_ response: LambdaResponse, requestID: String) throws
    /// Reports that the invocation failed.
    func sendError(_ report: ErrorReport, requestID: String) throws
    /// Reports that the function could not initialise; the process exits after it.
    func sendInitError(_ report: ErrorReport) throws
}
