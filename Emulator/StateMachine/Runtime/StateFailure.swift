/// An ASL error: the name Retry and Catch match on, and a human-readable cause.
///
/// Task resources throw this with their own names (a Lambda's `errorType`, `Lambda.Unknown`, ...);
/// the interpreter uses the reserved `States.*` names for failures of its own. A cancelled
/// execution ends with the name `Execution.Aborted`, which no Retry or Catch matches.
public struct StateFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var error: String
    public var cause: String

    public init(error: String, cause: String) {
        self.error = error
        self.cause = cause
    }

    public var description: String { cause.isEmpty ? error : "\(error): \(cause)" }
}
