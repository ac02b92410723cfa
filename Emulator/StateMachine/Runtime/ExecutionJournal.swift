public import Foundation
import Synchronization

/// What an execution has finished, written as it runs (one JSON line per record), so that an
/// execution cut short (its host killed, or failed) can be redriven as Step Functions'
/// `RedriveExecution` does: from the state that did not finish, its Distributed Map running only
/// the children that did not succeed.
///
/// Records: `started` (state machine, name, input), `state` (a top-level state finished: its
/// output and the state it went to), `child` (a top-level Distributed Map's child succeeded, by
/// index), `redriven`, and `succeeded` or `failed`. Appends are not synced to disk: the journal
/// survives its process, not its machine.
public final class ExecutionJournal: Sendable {
    /// Where a redriven execution starts, and what it already has.
    public struct Progress: Sendable {
        public var stateMachine: String
        public var executionName: String
        public var input: JSONValue
        /// The state to run next and its input; nil when no state finished (start from `StartAt`).
        public var resume: (state: String, input: JSONValue)?
        /// Succeeded children of each top-level Distributed Map, by child index.
        public var children: [String: [Int: Child]]
        public var redriveCount: Int
        /// The execution's end when it ended: nil while it ran (or its host died).
        public var outcome: Result<JSONValue, StateFailure>?
    }

    /// A child execution that succeeded.
    public struct Child: Sendable {
        public var name: String
        public var output: JSONValue
        public var startDate: Date
        public var stopDate: Date
    }

    /// Why a journal cannot be used.
    public struct JournalError: Error, CustomStringConvertible {
        public let description: String
    }

    public let path: String
    /// What the journal held when it was opened; empty for a new one.
    public let progress: Progress?
    private let file: Mutex<FileHandle>

    /// Starts the journal of a new execution at `path` (its folder is made).
    public static func create(
        at path: String, stateMachine: String, executionName: String, input: JSONValue
    ) throws -> ExecutionJournal {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw JournalError(description: "cannot write the execution journal \(path)")
        }
        let journal = try ExecutionJournal(path: path, progress: nil)
        journal.append([
            "record": "started", "stateMachine": .string(stateMachine), "name": .string(executionName), "input": input,
        ])
        return journal
    }

    /// Opens the journal at `path` to redrive its execution, and records the redrive; refuses an
    /// execution that succeeded (`ExecutionNotRedrivable`).
    public static func openForRedrive(at path: String) throws -> ExecutionJournal {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError(description: "no execution journal at \(path)")
        }
        let progress = try Self.read(data, path: path)
        if case .success = progress.outcome {
            throw JournalError(description: "\(progress.executionName) succeeded; only a failed or interrupted execution can be redriven")
        }
        let journal = try ExecutionJournal(path: path, progress: progress)
        journal.append(["record": "redriven", "count": .int(Int64(progress.redriveCount + 1))])
        return journal
    }

    private init(path: String, progress: Progress?) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw JournalError(description: "cannot write the execution journal \(path)")
        }
        handle.seekToEndOfFile()
        self.path = path
        self.progress = progress
        file = Mutex(handle)
    }

    func stateFinished(_ name: String, next: String, output: JSONValue) {
        append(["record": "state", "name": .string(name), "next": .string(next), "output": output])
    }

    func childSucceeded(state: String, index: Int, child: Child) {
        append([
            "record": "child", "state": .string(state), "index": .int(Int64(index)), "name": .string(child.name), "output": child.output,
            "start": .double(child.startDate.timeIntervalSince1970), "stop": .double(child.stopDate.timeIntervalSince1970),
        ])
    }

    func finished(_ result: Result<JSONValue, StateFailure>) {
        switch result {
        case .success(let output): append(["record": "succeeded", "output": output])
        case .failure(let failure): append(["record": "failed", "error": .string(failure.error), "cause": .string(failure.cause)])
        }
    }

    /// The child `index` of the top-level Map `state` when an earlier run of this execution
    /// finished it.
    func succeededChild(state: String, index: Int) -> Child? {
        progress?.children[state]?[index]
    }

    private func append(_ record: [String: JSONValue]) {
        let line = Data((JSONValue.object(record).serialized() + "\n").utf8)
        file.withLock { $0.write(line) }
    }

    private static func read(_ data: Data, path: String) throws -> Progress {
        var progress: Progress?
        let lines = data.split(separator: UInt8(ascii: "\n"))
        for (number, line) in lines.enumerated() {
            guard let record = try? JSONValue(parsing: Data(line)) else {
                // A line cut short by a kill is the last one; anything else is damage.
                if number == lines.count - 1 { break }
                throw JournalError(description: "\(path):\(number + 1) is not a journal record")
            }
            switch record["record"]?.stringValue {
            case "started":
                guard let machine = record["stateMachine"]?.stringValue, let name = record["name"]?.stringValue else {
                    throw JournalError(description: "\(path):\(number + 1): the started record names no state machine")
                }
                progress = Progress(
                    stateMachine: machine, executionName: name, input: record["input"] ?? .object([:]), resume: nil,
                    children: [:], redriveCount: 0, outcome: nil)
            case "state":
                if let name = record["next"]?.stringValue { progress?.resume = (name, record["output"] ?? .null) }
            case "child":
                guard let state = record["state"]?.stringValue, let index = record["index"]?.integerValue.map(Int.init),
                    let name = record["name"]?.stringValue
                else { continue }
                progress?.children[state, default: [:]][index] = Child(
                    name: name, output: record["output"] ?? .null,
                    startDate: Date(timeIntervalSince1970: record["start"]?.doubleValue ?? 0),
                    stopDate: Date(timeIntervalSince1970: record["stop"]?.doubleValue ?? 0))
            case "redriven":
                let count = record["count"]?.integerValue.map(Int.init) ?? (progress?.redriveCount ?? 0) + 1
                progress?.redriveCount = count
                progress?.outcome = nil
            case "succeeded":
                progress?.outcome = .success(record["output"] ?? .null)
            case "failed":
                progress?.outcome = .failure(
                    StateFailure(error: record["error"]?.stringValue ?? "", cause: record["cause"]?.stringValue ?? ""))
            default:
                continue
            }
        }
        guard let progress else { throw JournalError(description: "\(path) records no execution start") }
        return progress
    }
}
