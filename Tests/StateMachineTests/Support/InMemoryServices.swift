import Foundation
import StateMachine
import Synchronization

/// In-memory services: tasks answered by closures keyed by resource, objects held in a
/// dictionary keyed by `bucket/key`. Every call is recorded, and the number of tasks running at
/// once is tracked so tests can check concurrency limits.
final class InMemoryServices: StateMachineServices {
    typealias Handler = @Sendable (JSONValue, TaskContext) async throws(StateFailure) -> JSONValue

    struct TaskCall: Sendable {
        var resource: String
        var input: JSONValue
        var context: TaskContext
    }

    private struct Record {
        var calls: [TaskCall] = []
        var objects: [String: Data] = [:]
        var written: [String] = []
        var running = 0
        var mostRunning = 0
    }

    private let handlers: [String: Handler]
    private let listings: [String: [JSONValue]]
    private let record: Mutex<Record>

    /// - Parameters:
    ///   - tasks: handlers by resource; an unknown resource fails with `InMemory.UnknownResource`.
    ///   - objects: stored objects by `bucket/key`.
    ///   - listings: `listObjects` answers by `bucket/prefix`.
    init(tasks: [String: Handler] = [:], objects: [String: Data] = [:], listings: [String: [JSONValue]] = [:]) {
        handlers = tasks
        self.listings = listings
        record = Mutex(Record(objects: objects))
    }

    var calls: [TaskCall] { record.withLock { $0.calls } }
    var mostRunningAtOnce: Int { record.withLock { $0.mostRunning } }
    /// Keys passed to `writeObject`, in order.
    var writtenKeys: [String] { record.withLock { $0.written } }

    func object(_ path: String) -> Data? { record.withLock { $0.objects[path] } }

    func invokeTask(resource: String, input: JSONValue, context: TaskContext) async throws(StateFailure) -> JSONValue {
        record.withLock { record in
            record.calls.append(TaskCall(resource: resource, input: input, context: context))
            record.running += 1
            record.mostRunning = max(record.mostRunning, record.running)
        }
        defer { record.withLock { $0.running -= 1 } }
        guard let handler = handlers[resource] else {
            throw StateFailure(error: "InMemory.UnknownResource", cause: resource)
        }
        return try await handler(input, context)
    }

    func readObject(bucket: String, key: String) async throws(StateFailure) -> Data {
        guard let data = object("\(bucket)/\(key)") else {
            throw StateFailure(error: "S3.NoSuchKey", cause: "no object s3://\(bucket)/\(key)")
        }
        return data
    }

    func listObjects(bucket: String, prefix: String) async throws(StateFailure) -> [JSONValue] {
        listings["\(bucket)/\(prefix)"] ?? []
    }

    func writeObject(bucket: String, key: String, body: Data) async throws(StateFailure) {
        record.withLock { record in
            record.objects["\(bucket)/\(key)"] = body
            record.written.append(key)
        }
    }
}
