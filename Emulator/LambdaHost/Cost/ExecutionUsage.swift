import Foundation

/// What one execution used that AWS bills: its state transitions, its Distributed Maps' child
/// executions, and its functions' invocations. `UsageRecorder` measures it while the execution
/// runs; `emulator cost` prices it.
public struct ExecutionUsage: Codable, Sendable, Equatable {
    public var execution: String
    public var stateMachine: String
    /// Transitions of the execution itself, billed as a STANDARD workflow's: each state entered
    /// or retried, and one per child execution a Distributed Map started.
    public var stateTransitions: Int
    /// Items the top-level Distributed Maps processed (0 when none ran).
    public var items: Int
    /// Child executions, by their `ExecutionType` (`EXPRESS` or `STANDARD`).
    public var children: [String: Children]
    /// Invocations, by function.
    public var functions: [String: Invocations]

    public struct Children: Codable, Sendable, Equatable {
        public var count = 0
        /// States entered or retried inside them.
        public var stateTransitions = 0
        /// Their durations added, each rounded up to 100 ms as Express workflows are billed.
        public var billedSeconds = 0.0

        public init(count: Int = 0, stateTransitions: Int = 0, billedSeconds: Double = 0) {
            self.count = count
            self.stateTransitions = stateTransitions
            self.billedSeconds = billedSeconds
        }
    }

    public struct Invocations: Codable, Sendable, Equatable {
        public var count = 0
        public var billedMilliseconds: Int64 = 0
        public var memoryMB = 0
        /// Billed duration times memory, in GB-seconds.
        public var gbSeconds = 0.0

        public init(count: Int = 0, billedMilliseconds: Int64 = 0, memoryMB: Int = 0, gbSeconds: Double = 0) {
            self.count = count
            self.billedMilliseconds = billedMilliseconds
            self.memoryMB = memoryMB
            self.gbSeconds = gbSeconds
        }
    }

    public init(execution: String, stateMachine: String) {
        self.execution = execution
        self.stateMachine = stateMachine
        stateTransitions = 0
        items = 0
        children = [:]
        functions = [:]
    }

    /// The transitions that do not grow with the items: the execution's own, less a transition
    /// per child started.
    public var fixedStateTransitions: Int { stateTransitions - children.values.reduce(0) { $0 + $1.count } }

    /// `self` and a later run of the same execution (a redrive) together.
    public func adding(_ other: ExecutionUsage) -> ExecutionUsage {
        var sum = self
        sum.stateTransitions += other.stateTransitions
        sum.items = max(items, other.items)
        for (type, more) in other.children {
            var children = sum.children[type] ?? Children()
            children.count += more.count
            children.stateTransitions += more.stateTransitions
            children.billedSeconds += more.billedSeconds
            sum.children[type] = children
        }
        for (name, more) in other.functions {
            var calls = sum.functions[name] ?? Invocations()
            calls.count += more.count
            calls.billedMilliseconds += more.billedMilliseconds
            calls.memoryMB = max(calls.memoryMB, more.memoryMB)
            calls.gbSeconds += more.gbSeconds
            sum.functions[name] = calls
        }
        return sum
    }

    /// Where `start-execution` keeps the usage of `execution` under its state folder.
    public static func path(stateDir: String, execution: String) -> String {
        stateDir + "/executions/" + execution + ".usage.json"
    }

    /// Writes the usage to `path`; for a redrive, added to what the earlier runs left there.
    public func save(to path: String, addingToEarlierRuns: Bool) throws {
        let earlier = addingToEarlierRuns ? try? Self.load(from: path) : nil
        let total = earlier.map { $0.adding(self) } ?? self
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(total).write(to: URL(fileURLWithPath: path))
    }

    public static func load(from path: String) throws -> ExecutionUsage {
        try JSONDecoder().decode(ExecutionUsage.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
