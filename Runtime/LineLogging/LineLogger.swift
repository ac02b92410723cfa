import JSONText
import UTCTime

/// Writes log lines, one per call and newline-terminated: JSON objects
/// (`{"timestamp":…,"level":…,"requestId":…,"message":…}`) or Lambda's tab-separated text.
///
/// The one logger of the Lambda runtime (as `LambdaLogger`) and of the transfer worker. It lives
/// in its own target so the worker can use it without linking the Lambda runtime. What differs
/// between the two is configuration: the key the message goes under (`message` for a function,
/// `event` for the worker), whether lines carry their time (CloudWatch stamps the worker's
/// container output itself), the fields every line carries (a function's request id), the
/// threshold and the format.
public struct LineLogger: Sendable {
    public enum Format: Sendable {
        /// `time`, the context's values (or `-`), `LEVEL`, then the message and `name=value`
        /// fields, tab-separated: Lambda's Text log format.
        case text
        /// One JSON object of strings: `timestamp`, `level`, the context, the message, the fields.
        case json
    }

    /// A name and a value written on a line; in JSON, a string member.
    public typealias Field = (name: String, value: String)

    public let format: Format
    public let minimumLevel: LogLevel
    /// The JSON member holding the message: `message`, or `event` for lines that name an event.
    public let messageKey: String
    /// Whether lines start with the time (RFC 3339 UTC with milliseconds).
    public let timestamped: Bool
    /// Fields every line carries, between the level and the message.
    public let context: [Field]
    private let write: @Sendable (String) -> Void

    /// - Parameters:
    ///   - write: where a finished line goes; standard error unless a test or a caller says otherwise.
    public init(
        format: Format = .json, minimumLevel: LogLevel = .trace, messageKey: String = "message", timestamped: Bool = true,
        context: [Field] = [], write: @escaping @Sendable (String) -> Void = LineLogger.writeToStandardError
    ) {
        self.format = format
        self.minimumLevel = minimumLevel
        self.messageKey = messageKey
        self.timestamped = timestamped
        self.context = context
        self.write = write
    }

    /// The same logger, writing `value` under `name` on every line (instead of any earlier value).
    public func adding(_ name: String, _ value: String) -> LineLogger {
        LineLogger(
            format: format, minimumLevel: minimumLevel, messageKey: messageKey, timestamped: timestamped,
            context: context.filter { $0.name != name } + [(name, value)], write: write)
    }

    public func trace(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String?> = [:]) {
        log(.trace, message(), fields)
    }

    public func debug(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String?> = [:]) {
        log(.debug, message(), fields)
    }

    public func info(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String?> = [:]) {
        log(.info, message(), fields)
    }

    public func warn(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String?> = [:]) {
        log(.warn, message(), fields)
    }

    public func error(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String?> = [:]) {
        log(.error, message(), fields)
    }

    public func fatal(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String?> = [:]) {
        log(.fatal, message(), fields)
    }

    /// Writes one line at `level` unless it is below the threshold; fields whose value is nil are left out.
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String?> = [:]) {
        guard level >= minimumLevel else { return }
        let timestamp = timestamped ? UTCTimestamp.format(millisecondsSinceEpoch: UTCTimestamp.nowMilliseconds()) : nil
        write(line(level: level, message: message(), fields: fields, timestamp: timestamp))
    }

    /// One formatted line, newline included; `timestamp` is nil for a logger that writes no time.
    func line(level: LogLevel, message: String, fields: KeyValuePairs<String, String?>, timestamp: String?) -> String {
        let given = fields.compactMap { name, value in value.map { (name: name, value: $0) } }
        switch format {
        case .text:
            var columns = timestamp.map { [$0] } ?? []
            columns.append(context.isEmpty ? "-" : context.map(\.value).joined(separator: "\t"))
            columns.append(level.name)
            columns.append(([message] + given.map { "\($0.name)=\($0.value)" }).joined(separator: " "))
            return columns.joined(separator: "\t") + "\n"
        case .json:
            var members: [Field] = timestamp.map { [("timestamp", $0)] } ?? []
            members.append(("level", level.name))
            members += context
            members.append((messageKey, message))
            members += given
            return "{" + members.map { JSONText.quoted($0.name) + ":" + JSONText.quoted($0.value) }.joined(separator: ",") + "}\n"
        }
    }
}
