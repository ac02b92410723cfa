import StateMachine
import Testing

@Suite("Parallel state")
struct ParallelTests {
    static let machine = #"""
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Parallel", "Parameters": {"n.$": "$.n"}, "ResultSelector": {"both.$": "$"}, "ResultPath": "$.out",
                  "Branches": [
                    {"StartAt": "Double", "States": {"Double": {"Type": "Task", "Resource": "double", "End": true}}},
                    {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}],
                  "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 1}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recovered"}],
                  "End": true},
          "Recovered": {"Type": "Pass", "End": true}}}
        """#

    @Test func branchOutputsInBranchOrder() async throws {
        let events = EventLog()
        let services = InMemoryServices(tasks: ["double": { input, _ in .int((input["n"]?.integerValue ?? 0) * 2) }])
        let result = try await Harness.run(Self.machine, input: ["n": 21], services: services, events: events)
        #expect(result.output == .parse(#"{"n": 21, "out": {"both": [42, {"n": 21}]}}"#))
        #expect(Set(events.entered) == ["Fan", "Fan[0]/Double", "Fan[1]/Echo"])
    }

    @Test func aFailedBranchIsRetriedThenCaughtWithItsOwnError() async throws {
        let services = InMemoryServices(tasks: ["double": ScriptedTask(failures: ["Flaky", "Flaky"]).handler])
        let result = try await Harness.run(Self.machine, input: ["n": 1], services: services)
        #expect(services.calls.count == 2)
        #expect(result.output?["error"]?["Error"] == "Flaky")
    }
}
