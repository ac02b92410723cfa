// Re-exported so a function that imports LambdaRuntime can log through `context.logger` (and
// name `LogLevel`) without importing the logger's own target as well.
@_exported public import LineLogging

/// A function's logger: the shared `LineLogger`, writing to standard error, where Lambda (and
/// the emulator) collect the lines.
///
/// The format and the threshold come from `AWS_LAMBDA_LOG_FORMAT` (`Text` or `JSON`) and
/// `AWS_LAMBDA_LOG_LEVEL`, the variables Lambda sets from a function's logging configuration.
/// Every line carries the request id of the invocation it belongs to, so lines from one
/// invocation can be found among thousands.
public typealias LambdaLogger = LineLogger

extension LineLogger {
    /// The logger Lambda's environment variables ask for: Text at INFO when they are unset.
    public init(environment: [String: String]) {
        self.init(variable: { environment[$0] })
    }

    /// The same, reading each variable through `variable` (the name's value, nil when unset).
    public init(variable: (String) -> String?) {
        let format: Format = variable("AWS_LAMBDA_LOG_FORMAT")?.uppercased() == "JSON" ? .json : .text
        let level = variable("AWS_LAMBDA_LOG_LEVEL").flatMap(LogLevel.init(name:)) ?? .info
        self.init(format: format, minimumLevel: level)
    }

    /// The same logger, stamping `requestID` on every line as `requestId`.
    public func forRequest(_ requestID: String) -> LineLogger {
        adding("requestId", requestID)
    }

    /// The request id this logger stamps on its lines, if any.
    public var requestID: String? {
        context.first { $0.name == "requestId" }?.value
    }
}
