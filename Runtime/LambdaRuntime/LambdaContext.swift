public import LineLogging
import UTCTime

/// What the Runtime API says about one invocation, besides its event.
///
/// Every field comes from a `Lambda-Runtime-*` header of the `/next` response; optional ones are
/// absent when the caller did not send them (client context and Cognito identity come from mobile
/// SDKs, the tenant id from tenant-isolated functions).
public struct LambdaContext: Sendable {
    public let requestID: String
    /// When the invocation times out, in milliseconds since the Unix epoch.
    public let deadlineMilliseconds: Int64
    public let invokedFunctionARN: String
    public let traceID: String?
    public let clientContext: String?
    public let cognitoIdentity: String?
    public let tenantID: String?
    /// A logger whose every line carries this invocation's request id.
    public let logger: LambdaLogger

    public init(
        requestID: String, deadlineMilliseconds: Int64, invokedFunctionARN: String,
        traceID: String? = nil, clientContext: String? = nil, cognitoIdentity: String? = nil,
        tenantID: String? = nil, logger: LambdaLogger
    ) {
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
        self.logger = logger
    }

    /// Time left before the platform stops the invocation; negative once the deadline has passed.
    public var remainingTime: Duration {
        .milliseconds(deadlineMilliseconds - UTCTimestamp.nowMilliseconds())
    }
}

