/// How serious a log line is, from `TRACE` to `FATAL`: the levels and names Lambda's
/// `AWS_LAMBDA_LOG_LEVEL` uses, which the worker's lines share.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case trace, debug, info, warn, error, fatal

    /// The upper-case name written on every line.
    public var name: String {
        switch self {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .warn: "WARN"
        case .error: "ERROR"
        case .fatal: "FATAL"
        }
    }

    /// The level called `name`, in any case; nil for a name that is no level.
    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.name == name.uppercased() }) else { return nil }
        self = level
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
