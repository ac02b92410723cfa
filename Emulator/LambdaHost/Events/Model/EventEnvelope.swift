import Foundation
import StateMachine

/// The envelope every EventBridge event has: version, id, detail-type, source, account, time,
/// region, resources and detail.
enum EventEnvelope {
    static func make(
        source: String, detailType: String, detail: JSONValue, resources: [String] = [], time: Date = Date(), region: String,
        account: String, id: String = UUID().uuidString.lowercased()
    ) -> JSONValue {
        [
            "version": "0", "id": .string(id), "detail-type": .string(detailType), "source": .string(source),
            "account": .string(account), "time": .string(EventTime.format(time)), "region": .string(region),
            "resources": .array(resources.map(JSONValue.string)), "detail": detail,
        ]
    }

    /// The event a scheduled rule sends: `Scheduled Event` from `aws.events`, naming the rule.
    static func scheduled(ruleARN: String, time: Date, region: String, account: String) -> JSONValue {
        make(source: "aws.events", detailType: "Scheduled Event", detail: [:], resources: [ruleARN], time: time, region: region, account: account)
    }
}
