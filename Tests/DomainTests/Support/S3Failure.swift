import AWS

/// The errors S3 answers, as `S3Client` would throw them: S3's code, message and HTTP status, and
/// `isRetryable` as `AWSClient` classifies that code and status.
enum S3Failure {
    static func slowDown(_ request: StoreRequest) -> AWSError {
        error(request, "SlowDown", 503, "Please reduce your request rate.", retryable: true)
    }

    static func internalError(_ request: StoreRequest) -> AWSError {
        error(request, "InternalError", 500, "We encountered an internal error. Please try again.", retryable: true)
    }

    static func accessDenied(_ request: StoreRequest) -> AWSError {
        error(request, "AccessDenied", 403, "Access Denied")
    }

    static func preconditionFailed(_ request: StoreRequest) -> AWSError {
        error(request, "PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold")
    }

    /// A missing key: HEAD answers a bare 404 (no body, so no S3 code), GET and copies `NoSuchKey`.
    static func noSuchKey(_ request: StoreRequest) -> AWSError {
        request.operation == "HeadObject"
            ? error(request, "NotFound", 404, "") : error(request, "NoSuchKey", 404, "The specified key does not exist.")
    }

    static func noSuchUpload(_ request: StoreRequest) -> AWSError {
        error(request, "NoSuchUpload", 404, "The specified upload does not exist.")
    }

    static func invalidRequest(_ request: StoreRequest, _ message: String) -> AWSError {
        error(request, "InvalidRequest", 400, message)
    }

    static func invalidRange(_ request: StoreRequest) -> AWSError {
        error(request, "InvalidRange", 416, "The requested range is not satisfiable")
    }

    static func entityTooSmall(_ request: StoreRequest) -> AWSError {
        error(request, "EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.")
    }

    static func invalidPart(_ request: StoreRequest) -> AWSError {
        error(request, "InvalidPart", 400, "One or more of the specified parts could not be found.")
    }

    private static func error(
        _ request: StoreRequest, _ code: String, _ status: Int, _ message: String, retryable: Bool = false
    ) -> AWSError {
        AWSError(
            service: "S3", operation: request.operation,
            resource: request.key.map { "\(request.bucket)/\($0)" } ?? request.bucket, code: code, message: message,
            httpStatus: status, requestID: "in-memory", isRetryable: retryable)
    }
}
