/// A failure talking to the Runtime API itself, as opposed to a failure of the function.
public struct RuntimeAPIError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// No HTTP exchange: the endpoint refused or dropped the connection. Worth retrying.
        case connectionFailed
        /// The API answered with a status the contract does not allow for that call.
        case unexpectedStatus(Int)
        /// A `/next` response without a header the contract requires.
        case missingHeader(String)
        /// `AWS_LAMBDA_RUNTIME_API` is not set: the binary was started outside a Lambda sandbox.
        case endpointNotConfigured
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
