import Foundation
import Synchronization

/// Collects the worker's JSON log lines.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    /// The `event` of each line, in order.
    var events: [String] {
        lines.withLock { lines in
            lines.compactMap { line in
                guard let start = line.range(of: "\"event\":\"")?.upperBound, let end = line[start...].firstIndex(of: "\"")
                else { return nil }
                return String(line[start..<end])
            }
        }
    }
}
