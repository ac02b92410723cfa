import JSONText

/// The worker's log lines: one JSON object per line, `level` and `event` first, so CloudWatch
/// Logs Insights (or `jq`) can filter on any field.
public enum WorkerLog {
    /// `{"level":"…","event":"…","k":"v",…}` with the fields in the order given.
    public static func line(level: String, event: String, _ fields: KeyValuePairs<String, String?> = [:]) -> String {
        var text = "{\"level\":" + JSONText.quoted(level) + ",\"event\":" + JSONText.quoted(event)
        for (name, value) in fields {
            guard let value else { continue }
            text += "," + JSONText.quoted(name) + ":" + JSONText.quoted(value)
        }
        return text + "}"
    }
}
