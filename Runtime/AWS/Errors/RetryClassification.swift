/// Which failures are worth sending again.
///
/// Throttling, server errors and dropped connections are transient; everything else (access
/// denied, missing resources, validation, conditional checks) gives the same answer on every try,
/// so retrying it only burns time and request quota.
enum RetryClassification {
    static let throttlingCodes: Set<String> = [
        "SlowDown", "Throttling", "ThrottlingException", "ThrottledException",
        "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "LimitExceededException",
        "TransactionInProgressException", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    static let transientCodes: Set<String> = [
        "InternalError", "InternalFailure", "InternalServerError", "ServiceUnavailable",
        "RequestTimeout", "RequestTimeoutException", "ServiceUnavailableException",
    ]

    static let transientStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Whether an error response with this code and status should be retried. A known
    /// non-transient code wins over a 5xx status.
    static func isRetryable(code: String, httpStatus: Int) -> Bool {
        if throttlingCodes.contains(code) || transientCodes.contains(code) { return true }
        switch AWSErrorKind(code: code, httpStatus: httpStatus) {
        case .accessDenied, .invalidSignature, .notFound, .invalidRequest, .conditionalCheckFailed,
            .preconditionFailed, .credentials:
            return false
        case .throttled, .connection:
            return true
        case .other:
            return transientStatuses.contains(httpStatus)
        }
    }
}
