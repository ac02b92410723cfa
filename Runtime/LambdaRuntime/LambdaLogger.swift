import JSONText
#if canImport(Glibc)
import Glibc
#endif

/// Writes a function's log lines to standard error, where Lambda (and the emulator) collect them.
///
/// The format and the threshold come from `AWS_LAMBDA_LOG_FORMAT` (`Text` or `JSON`) and
/// `AWS_LAMBDA_LOG_LEVEL`, the variables Lambda sets from a function's logging configuration.
/// Every line carries the request id of the invocation it belongs to, so lines from one
/// invocation can be found among thousands.
public struct LambdaLogger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, warn, error, fatal

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

        public init?(name: String) {
            guard let level = Level.allCases.first(where: { $0.name == name.uppercased() }) else { return nil }
            self = level
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Format: Sendable {
        case text, json
    }

    public let format: Format
    public let minimumLevel: Level
    public let requestID: String?
    private let write: @Sendable (String) -> Void

    /// - Parameter write: where a finished line goes; standard error unless a test captures it.
    public init(
        format: Format, minimumLevel: Level, requestID: String? = nil,
        write: @escaping @Sendable (String) -> Void = LambdaLogger.writeToStandardError
    ) {
        self.format = format
        self.minimumLevel = minimumLevel
        self.requestID = requestID
        self.write = write
    }

    /// The logger Lambda's environment variables ask for: Text at INFO when they are unset.
    public init(environment: [String: String]) {
        let format: Format = environment["AWS_LAMBDA_LOG_FORMAT"]?.uppercased() == "JSON" ? .json : .text
        let level = environment["AWS_LAMBDA_LOG_LEVEL"].flatMap(Level.init(name:)) ?? .info
        self.init(format: format, minimumLevel: level)
    }

    /// The same logger, stamping `requestID` on every line.
    public func forRequest(_ requestID: String) -> LambdaLogger {
        LambdaLogger(format: format, minimumLevel: minimumLevel, requestID: requestID, write: write)
    }

    public func trace(_ message: @autoclosure () -> String) { log(.trace, message()) }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func warn(_ message: @autoclosure () -> String) { log(.warn, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    public func fatal(_ message: @autoclosure () -> String) { log(.fatal, message()) }

    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard level >= minimumLevel else { return }
        write(line(level: level, message: message(), timestamp: Timestamp.now()))
    }

    /// One formatted line, newline included.
    func line(level: Level, message: String, timestamp: String) -> String {
        switch format {
        case .text:
            return "\(timestamp)\t\(requestID ?? "-")\t\(level.name)\t\(message)\n"
        case .json:
            let request = requestID.map { #","requestId":\#(JSONText.quoted($0))"# } ?? ""
            return #"{"timestamp":"\#(timestamp)","level":"\#(level.name)"\#(request),"message":\#(JSONText.quoted(message))}"#
                + "\n"
        }
    }

    @Sendable public static func writeToStandardError(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// RFC 3339 timestamps in UTC with milliseconds, formatted without Foundation.
enum Timestamp {
    static func now() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return format(seconds: now.tv_sec, milliseconds: Int(now.tv_nsec / 1_000_000))
    }

    static func format(seconds: time_t, milliseconds: Int) -> String {
        var seconds = seconds
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.utf8.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds), 3))Z"
    }
}
