/// One `AWS::Serverless::Function` of the template, with `Globals.Function` applied and every value
/// resolved to what the function sees locally.
public struct FunctionConfiguration: Sendable, Equatable {
    /// The resource's logical id, which is also the name the emulator invokes it by.
    public var name: String
    /// The folder the template's `CodeUri` names, absolute.
    public var codeURI: String
    public var handler: String
    public var runtime: String
    /// Seconds before an invocation is stopped (`Timeout`, 3 by default as on AWS).
    public var timeoutSeconds: Double
    /// `MemorySize` in MB (128 by default as on AWS); given to the function and shown in reports.
    public var memorySize: Int
    public var environment: [String: String]
    /// `ReservedConcurrentExecutions`: how many instances may run at once; nil when not reserved.
    public var reservedConcurrency: Int?
    /// `LoggingConfig.LogFormat`, `Text` or `JSON`.
    public var logFormat: String?
    /// `LoggingConfig.ApplicationLogLevel`.
    public var logLevel: String?

    public init(
        name: String, codeURI: String, handler: String = "bootstrap", runtime: String = "provided.al2023",
        timeoutSeconds: Double = 3, memorySize: Int = 128, environment: [String: String] = [:],
        reservedConcurrency: Int? = nil, logFormat: String? = nil, logLevel: String? = nil
    ) {
        self.name = name
        self.codeURI = codeURI
        self.handler = handler
        self.runtime = runtime
        self.timeoutSeconds = timeoutSeconds
        self.memorySize = memorySize
        self.environment = environment
        self.reservedConcurrency = reservedConcurrency
        self.logFormat = logFormat
        self.logLevel = logLevel
    }
}
