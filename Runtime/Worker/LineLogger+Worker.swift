public import LineLogging

extension LineLogger {
    /// The worker's logger: one JSON object per line, `level` and `event` first, then the fields
    /// in the order given, so CloudWatch Logs Insights (or `jq`) can filter on any field.
    ///
    /// Lines carry no time, since the container's log driver stamps each one, and no threshold:
    /// the worker writes only what an operator reads.
    ///
    /// - Parameter write: where each line goes, newline included (standard output in the executable).
    public static func worker(write: @escaping @Sendable (String) -> Void) -> LineLogger {
        LineLogger(format: .json, minimumLevel: .trace, messageKey: "event", timestamped: false, write: write)
    }
}
