import Foundation
import LambdaHost
import StateMachine
import Testing

/// What `emulator cost` prices: the usage measured while an execution runs, S3 requests counted
/// from an access log, and the projection to a million items.
@Suite("Execution cost")
struct CostTests {
    /// Runs only what needs no I/O: Pass states and Maps over `ItemsPath`.
    struct NoServices: StateMachineServices {
        func invokeTask(resource: String, input: JSONValue, context: TaskContext) async throws(StateFailure) -> JSONValue { input }
        func readObject(bucket: String, key: String) async throws(StateFailure) -> Data { Data() }
        func listObjects(bucket: String, prefix: String) async throws(StateFailure) -> [JSONValue] { [] }
        func writeObject(bucket: String, key: String, body: Data) async throws(StateFailure) {}
    }

    @Test("the execution's own states and each child started are its transitions; the children's states are theirs")
    func recordsTransitionsAndChildren() async throws {
        let definition = try JSONValue(
            parsing: #"""
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Next": "Each"},
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "ItemBatcher": {"MaxItemsPerBatch": 2},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                      "StartAt": "Work", "States": {"Work": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Pass", "End": true}}},
                    "End": true}}}
                """#)
        let recorder = UsageRecorder(execution: "e-1", stateMachine: "Machine", definition: definition)
        let runner = StateMachineRunner(
            definition: try StateMachineDefinition(json: definition), services: NoServices(), onEvent: recorder.record)
        let result = await runner.run(input: ["items": [1, 2, 3, 4, 5]], executionName: "e-1")
        #expect((try? result.get()) != nil)

        let usage = recorder.usage
        #expect(usage.items == 5)
        #expect(usage.stateTransitions == 2 + 3, "Prepare, Each, and one per child of two items (three children)")
        #expect(usage.fixedStateTransitions == 2)
        #expect(usage.children["EXPRESS"]?.count == 3)
        #expect(usage.children["EXPRESS"]?.stateTransitions == 6)
        #expect(usage.children["EXPRESS"].map { $0.billedSeconds >= 0.3 } == true, "each child billed at least 100 ms")
    }

    @Test("invocations and GB-seconds come from the functions' REPORT lines")
    func recordsInvocations() {
        let recorder = UsageRecorder(execution: "e-1", stateMachine: "Machine", definition: [:])
        for _ in 0..<2 {
            recorder.record(function: "TransferObject", line: "START RequestId: 1 Version: $LATEST")
            recorder.record(
                function: "TransferObject",
                line: "REPORT RequestId: 1\tDuration: 1499.20 ms\tBilled Duration: 1500 ms\tMemory Size: 256 MB\tMax Memory Used: 31 MB")
        }
        let calls = recorder.usage.functions["TransferObject"]
        #expect(calls?.count == 2 && calls?.billedMilliseconds == 3_000 && calls?.memoryMB == 256)
        #expect(calls?.gbSeconds == 0.75)
    }

    @Test("S3 requests by price class from an access log; other services at / and DELETEs are left out")
    func countsS3Requests() {
        let log = """
            127.0.0.1 - - [27/Nov/2026 12:00:00] "PUT /destination/out/a.bin HTTP/1.1" 200 -
            127.0.0.1 - - [27/Nov/2026 12:00:00] "GET /source?list-type=2&prefix=in%2F HTTP/1.1" 200 -
            127.0.0.1 - - [27/Nov/2026 12:00:00] "GET /source/ HTTP/1.1" 200 -
            127.0.0.1 - - [27/Nov/2026 12:00:00] "POST /manifests/runs/e/manifest.json?uploads HTTP/1.1" 200 -
            127.0.0.1 - - [27/Nov/2026 12:00:00] "GET /source/in/a.bin HTTP/1.1" 200 -
            127.0.0.1 - - [27/Nov/2026 12:00:00] "HEAD /destination/out/a.bin HTTP/1.1" 200 -
            127.0.0.1 - - [27/Nov/2026 12:00:00] "DELETE /destination/out/old.bin HTTP/1.1" 204 -
            127.0.0.1 - - [27/Nov/2026 12:00:00] "POST / HTTP/1.1" 200 -
            a line that is no request
            """
        #expect(S3RequestCount(accessLog: log) == S3RequestCount(writes: 4, reads: 2))
    }

    @Test("a million items priced in the measured shape and unbatched")
    func projectsAMillionItems() throws {
        var usage = ExecutionUsage(execution: "e-1", stateMachine: "Machine")
        usage.items = 1_000
        usage.stateTransitions = 7
        usage.children["EXPRESS"] = ExecutionUsage.Children(count: 2, stateTransitions: 2, billedSeconds: 10)
        usage.functions["TransferObject"] = ExecutionUsage.Invocations(count: 2, billedMilliseconds: 10_000, memoryMB: 256, gbSeconds: 2.5)
        let projection = try #require(CostProjection(usage: usage, s3Requests: S3RequestCount(writes: 1_000), items: 1_000_000))

        // 5 fixed transitions, 2,000 children started (each a transition and an Express request), 10,000 s at 64 MB.
        let stepFunctions = 5 * 0.000025 + 2_000 * 0.000025 + 2_000 * 0.000001 + 10_000 * 0.0625 * 0.00001667
        #expect(abs(projection.batched.stepFunctions - stepFunctions) < 1e-9)
        #expect(abs(projection.batched.lambda - (2_000 * 0.0000002 + 2_500 * 0.0000166667)) < 1e-9)
        #expect(abs(projection.s3 - 5.0) < 1e-9)
        #expect(abs(try #require(projection.share(projection.batched)) - 100 * (stepFunctions + 0.0420667) / 5) < 0.001)
        // Unbatched: a STANDARD child per item (its start and its one state), an invocation per item.
        #expect(abs(projection.unbatched.stepFunctions - (5 * 0.000025 + 2_000_000 * 0.000025)) < 1e-9)
        #expect(abs(projection.unbatched.lambda - (1_000_000 * 0.0000002 + 2_500 * 0.0000166667)) < 1e-9)
        #expect(CostProjection(usage: ExecutionUsage(execution: "e", stateMachine: "M"), s3Requests: .init(), items: 10) == nil)
    }
}
