/// One function of the template (`AWS::Serverless::Function` with `Globals.Function` applied, or
/// `AWS::Lambda::Function`), with every value resolved to what the function sees locally.
public struct FunctionConfiguration: Sendable, Equatable {
    /// The resource's logical id, which is also the name the emulator invokes it by.
    public var name: String
    /// The folder the function's code is in, absolute: the one `CodeUri` (or `Code`, or
    /// `--code-dir`) names, or for inline code the folder the host writes it to.
    public var codeURI: String
    /// `InlineCode` (`Code.ZipFile`), which the host writes to `codeURI` before the first start.
    public var inlineCode: String?
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
        reservedConcurrency: Int? = nil, logFormat: String? = nil, logLevel: String? = nil, inlineCode: String? = nil
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
        self.inlineCode = inlineCode
    }

    /// Whether AWS runs the function on a Python runtime (`python3.12`), which the host runs
    /// through AWS's runtime interface client, awslambdaric.
    public var isPython: Bool { runtime.hasPrefix("python3") }
}
