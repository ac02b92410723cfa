public import AWS

/// A failed step of a transfer, named the way the state machine's retry table expects.
///
/// `errorType` is what Step Functions matches `ErrorEquals` against: `ThrottlingError` and
/// `TransientError` are retried with backoff, `NonRetryableError` never is (access denied, a
/// missing object, a malformed request: trying again cannot help).
public struct TransferError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case throttling = "ThrottlingError"
        case transient = "TransientError"
        case nonRetryable = "NonRetryableError"
    }

    public var kind: Kind
    public var errorMessage: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.errorMessage = message
    }

    /// Classifies an AWS failure; `context` says what was being done (`copying s3://a/b to s3://c/d`).
    public init(_ error: AWSError, context: String) {
        switch error.kind {
        case .throttled: kind = .throttling
        case .connection, .credentials: kind = .transient
        case .other: kind = error.isRetryable ? .transient : .nonRetryable
        case .accessDenied, .invalidSignature, .notFound, .invalidRequest, .preconditionFailed, .conditionalCheckFailed:
            kind = .nonRetryable
        }
        errorMessage = "\(context): \(error)"
    }

    public static func nonRetryable(_ message: String) -> TransferError {
        TransferError(kind: .nonRetryable, message: message)
    }

    /// The transfer stopped at a checkpoint because its process is shutting down (`StopFlag`):
    /// transient, since a retry resumes from that checkpoint.
    public static func stopped(_ context: String) -> TransferError {
        TransferError(kind: .transient, message: "\(context): stopped because the process is shutting down")
    }

    public var errorType: String { kind.rawValue }
    public var description: String { "\(errorType): \(errorMessage)" }
}
