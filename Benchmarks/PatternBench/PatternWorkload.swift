import EventPatterns
import StateMachine

/// The rules and events both matchers run: rules as an application's bus holds them (a source and
/// a detail type each, most with a condition on the detail too), and events of which a few match.
struct PatternWorkload {
    let rules: [String]
    let events: [JSONValue]

    /// - Parameters:
    ///   - ruleCount: the rules on the bus.
    ///   - eventCount: distinct events, matched in turn.
    init(ruleCount: Int, eventCount: Int = 200) {
        var rules: [String] = []
        for index in 0..<ruleCount {
            switch index % 4 {
            case 0: rules.append(#"{"source": ["app.\#(index)"], "detail-type": ["Object Created"]}"#)
            case 1:
                rules.append(
                    #"{"source": ["app.\#(index)"], "detail": {"object": {"key": [{"prefix": "in/"}], "size": [{"numeric": [">", 100]}]}}}"#)
            case 2:
                rules.append(#"{"source": ["app.\#(index)"], "detail": {"state": [{"anything-but": ["failed", "cancelled"]}]}}"#)
            default:
                rules.append(#"{"detail-type": ["Job \#(index)"], "detail": {"object": {"key": [{"suffix": ".csv"}]}}}"#)
            }
        }
        self.rules = rules
        events = (0..<eventCount).map { index in
            let source = index % 3 == 0 ? "app.\(index % max(ruleCount, 1))" : "elsewhere.\(index)"
            return .object([
                "version": "0", "id": .string("event-\(index)"), "source": .string(source),
                "detail-type": .string(index % 2 == 0 ? "Object Created" : "Job \(index)"),
                "account": "123456789012", "time": "2025-03-01T12:00:00Z", "region": "us-east-1",
                "resources": ["arn:aws:s3:::landing"],
                "detail": [
                    "object": ["key": .string(index % 5 == 0 ? "in/file-\(index).csv" : "out/\(index).bin"), "size": .int(Int64(index * 7))],
                    "state": .string(index % 7 == 0 ? "failed" : "running"),
                ],
            ])
        }
    }

    /// The workload as the Python peer reads it.
    var json: JSONValue {
        .object(["rules": .array(rules.map(JSONValue.string)), "events": .array(events)])
    }
}
