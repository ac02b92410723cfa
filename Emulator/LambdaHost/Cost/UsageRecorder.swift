import Foundation
public import StateMachine
import Synchronization

/// Measures an execution's `ExecutionUsage` from its progress events and its functions' `REPORT`
/// log lines, as the execution runs (both arrive from many tasks at once).
///
/// A state whose path starts inside a top-level Distributed Map (`TransferAll[3]/…`) belongs to
/// that child execution; every other state entered or retried is a transition of the execution
/// itself, and so is each child execution started, as Step Functions bills a Distributed Map.
public final class UsageRecorder: Sendable {
    private struct Child {
        var type: String
        var start: Date
        var end: Date
    }

    private struct State {
        var usage: ExecutionUsage
        var children: [Substring: Child] = [:]
        var items: [String: Int] = [:]
    }

    /// Top-level Distributed Map states and their children's `ExecutionType`.
    private let distributedMaps: [String: String]
    private let state: Mutex<State>

    public init(execution: String, stateMachine: String, definition: JSONValue) {
        var maps: [String: String] = [:]
        if case .object(let states)? = definition["States"] {
            for (name, spec) in states where spec["Type"]?.stringValue == "Map" {
                let config = (spec["ItemProcessor"] ?? spec["Iterator"])?["ProcessorConfig"]
                guard config?["Mode"]?.stringValue == "DISTRIBUTED" else { continue }
                maps[name] = config?["ExecutionType"]?.stringValue ?? "STANDARD"
            }
        }
        distributedMaps = maps
        state = Mutex(State(usage: ExecutionUsage(execution: execution, stateMachine: stateMachine)))
    }

    public func record(_ event: ExecutionEvent) {
        switch event {
        case .stateEntered(_, let path), .retrying(_, let path, _, _, _):
            transition(at: path)
        case .stateSucceeded(_, let path), .stateFailed(_, let path, _), .caught(_, let path, _, _):
            guard let (child, _) = childPrefix(of: path) else { return }
            let now = Date()
            state.withLock { $0.children[child]?.end = now }
        case .mapProgress(let name, let path, _, _, let total) where path == name && distributedMaps[name] != nil:
            state.withLock { $0.items[name] = total }
        default:
            return
        }
    }

    /// Counts an invocation from its `REPORT` line (`Billed Duration: N ms`, `Memory Size: N MB`).
    public func record(function: String, line: String) {
        guard line.hasPrefix("REPORT RequestId:"), let billed = Self.number(after: "Billed Duration: ", in: line),
            let memory = Self.number(after: "Memory Size: ", in: line)
        else { return }
        state.withLock { state in
            var calls = state.usage.functions[function] ?? ExecutionUsage.Invocations()
            calls.count += 1
            calls.billedMilliseconds += billed
            calls.memoryMB = Int(memory)
            calls.gbSeconds += Double(billed) / 1000 * Double(memory) / 1024
            state.usage.functions[function] = calls
        }
    }

    /// The usage so far.
    public var usage: ExecutionUsage {
        state.withLock { state in
            var usage = state.usage
            usage.items = state.items.values.reduce(0, +)
            for child in state.children.values {
                let seconds = max(0, child.end.timeIntervalSince(child.start))
                usage.children[child.type, default: ExecutionUsage.Children()].billedSeconds += (seconds * 10).rounded(.up) / 10
            }
            return usage
        }
    }

    private func transition(at path: String) {
        let now = Date()
        guard let (child, map) = childPrefix(of: path) else {
            state.withLock { $0.usage.stateTransitions += 1 }
            return
        }
        let type = distributedMaps[map] ?? "STANDARD"
        state.withLock { state in
            if state.children[child] == nil {
                state.children[child] = Child(type: type, start: now, end: now)
                state.usage.stateTransitions += 1
                state.usage.children[type, default: ExecutionUsage.Children()].count += 1
            }
            state.usage.children[type, default: ExecutionUsage.Children()].stateTransitions += 1
        }
    }

    /// `("TransferAll[3]", "TransferAll")` for a path inside child 3 of the Distributed Map
    /// `TransferAll`; nil for the execution's own states.
    private func childPrefix(of path: String) -> (Substring, String)? {
        guard let slash = path.firstIndex(of: "/"), let bracket = path[..<slash].firstIndex(of: "[") else { return nil }
        let map = String(path[..<bracket])
        guard distributedMaps[map] != nil else { return nil }
        return (path[..<slash], map)
    }

    private static func number(after label: String, in line: String) -> Int64? {
        guard let start = line.range(of: label)?.upperBound else { return nil }
        return Int64(line[start...].prefix(while: \.isNumber))
    }
}
