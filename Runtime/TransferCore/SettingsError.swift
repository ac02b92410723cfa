/// A setting that is missing or malformed; the function or worker cannot start.
public struct SettingsError: Error, CustomStringConvertible {
    public var variable: String
    public var message: String

    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    /// The error type a Lambda function reports for it.
    public var errorType: String { "ConfigurationError" }
    public var errorMessage: String { "\(variable) \(message)" }
    public var description: String { errorMessage }
}
