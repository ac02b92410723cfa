import Foundation
import Timestamps

/// Times as EventBridge writes them in events: `2025-03-01T12:00:00Z`, whole seconds, UTC.
enum EventTime {
    static func format(_ date: Date) -> String {
        let civil = CivilTime(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down)))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))T\(pad(civil.hour, 2)):\(pad(civil.minute, 2)):\(pad(civil.second, 2))Z"
    }
}
