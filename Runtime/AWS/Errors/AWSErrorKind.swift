/// The outcomes of an AWS call that programs branch on, independent of the service's spelling.
///
/// Conditional writes are how the transfer engine stays idempotent, so the two ways to lose one
/// (DynamoDB's `ConditionalCheckFailedException`, S3's 412) are cases of their own.
public enum AWSErrorKind: Sendable, Hashable {
    /// A DynamoDB condition expression was false: another writer got there first.
    case conditionalCheckFailed
    /// An S3 precondition (`If-None-Match: *`, `If-Match`) failed: HTTP 412.
    case preconditionFailed
    /// IAM denied the action, or the key/token is not valid for it.
    case accessDenied
    /// The request signature did not verify: wrong secret, or a clock far off.
    case invalidSignature
    /// The bucket, key, table, queue or secret does not exist.
    case notFound
    /// The service asked us to slow down; retried with backoff.
    case throttled
    /// The request itself is wrong (validation, bad parameter); never retried.
    case invalidRequest
    /// No HTTP response: connection refused or reset, timeout.
    case connection
    /// No usable credentials were found or fetched.
    case credentials
    /// Anything else the service reported (5xx, unexpected codes), a response we could not read, or
    /// a TLS certificate that did not verify (`CertificateVerificationFailed`, never retried).
    case other

    init(code: String, httpStatus: Int?) {
        switch code {
        case "ConditionalCheckFailedException", "ConditionalCheckFailed":
            self = .conditionalCheckFailed
        case "PreconditionFailed":
            self = .preconditionFailed
        case "AccessDenied", "AccessDeniedException", "Forbidden", "InvalidAccessKeyId",
            "InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException":
            self = .accessDenied
        case "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature":
            self = .invalidSignature
        case "NoSuchBucket", "NoSuchKey", "NoSuchUpload", "NotFound", "ResourceNotFoundException",
            "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "NotFoundException",
            "ExecutionDoesNotExist", "StateMachineDoesNotExist", "NoSuchEntity":
            self = .notFound
        case "ConnectionFailure":
            self = .connection
        case "CredentialsNotFound", "CredentialsFetch":
            self = .credentials
        case "ValidationException", "ValidationError", "InvalidParameterValue", "InvalidParameter",
            "InvalidArgument", "InvalidRequest", "MissingParameter", "SerializationException",
            "InvalidParameterException", "InvalidRange", "EntityTooLarge", "EntityTooSmall", "InvalidPart":
            self = .invalidRequest
        default:
            if RetryClassification.throttlingCodes.contains(code) || httpStatus == 429 {
                self = .throttled
            } else if httpStatus == 412 {
                self = .preconditionFailed
            } else if httpStatus == 404 {
                self = .notFound
            } else if httpStatus == 403 {
                self = .accessDenied
            } else {
                self = .other
            }
        }
    }

    /// What to do about it, appended to the description of errors a person will read.
    var advice: String? {
        switch self {
        case .accessDenied: "Check the IAM policy of the function's role for this action and resource"
        case .invalidSignature: "Check the secret access key and the system clock"
        case .credentials: "Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the container credentials variables"
        case .connection: "Check the endpoint URL and network reachability"
        default: nil
        }
    }
}
