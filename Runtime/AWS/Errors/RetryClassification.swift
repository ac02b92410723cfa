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

    /// The codes by which services reject credentials that have expired (S3's `ExpiredToken`, the
    /// JSON services' `ExpiredTokenException`, `RequestExpired` from the query services). Sending
    /// again only helps with fresh credentials, so these are not retried as they stand.
    static let expiredCredentialCodes: Set<String> = [
        "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired",
    ]

    /// Whether the code says the credentials used have expired.
    static func isExpiredCredentials(code: String) -> Bool {
        expiredCredentialCodes.contains(code)
    }

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
