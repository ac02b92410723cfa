import Foundation
import StateMachine
import Testing

@Suite("Inline Map state")
struct InlineMapTests {
    /// A task that takes a little time, so iterations overlap when allowed to.
    static let slowUpper: InMemoryServices.Handler = { input, _ in
        try? await Task.sleep(for: .milliseconds(20))
        return .string(input["name"]?.stringValue?.uppercased() ?? "?")
    }

    static func machine(maxConcurrency: Int) -> String {
        #"""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.files", "MaxConcurrency": \#(maxConcurrency),
          "ItemSelector": {"name.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "bucket.$": "$.bucket"},
          "ItemProcessor": {"StartAt": "Upper", "States": {"Upper": {"Type": "Task", "Resource": "upper", "End": true}}},
          "ResultPath": "$.results", "End": true}}}
        """#
    }

    static let input = JSONValue.parse(#"{"bucket": "b", "files": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]}"#)

    @Test("MaxConcurrency bounds the iterations in flight", arguments: [1, 3])
    func maxConcurrencyIsRespected(_ limit: Int) async throws {
        let services = InMemoryServices(tasks: ["upper": Self.slowUpper])
        let result = try await Harness.run(Self.machine(maxConcurrency: limit), input: Self.input, services: services)
        #expect(result.output?["results"] == .parse(#"["A","B","C","D","E","F","G","H","I","J"]"#))
        #expect(services.mostRunningAtOnce <= limit)
        #expect(services.mostRunningAtOnce == limit, "the bound is reached, so the check above means something")
        #expect(services.calls.map(\.input["bucket"]) == Array(repeating: "b", count: 10))
        #expect(Set(services.calls.compactMap { $0.context.mapItemIndex }) == Set(0..<10))
    }

    @Test func zeroMeansTheOptionsCap() async throws {
        let services = InMemoryServices(tasks: ["upper": Self.slowUpper])
        _ = try await Harness.run(
            Self.machine(maxConcurrency: 0), input: Self.input, services: services,
            options: Harness.fastOptions(maxConcurrency: 4))
        #expect(services.mostRunningAtOnce == 4)
    }

    @Test func maxConcurrencyPathReadsTheInput() async throws {
        let services = InMemoryServices(tasks: ["upper": Self.slowUpper])
        var input = Self.input
        if case .object(var members) = input {
            members["limit"] = 2
            input = .object(members)
        }
        let machine = Self.machine(maxConcurrency: 0).replacingOccurrences(
            of: #""MaxConcurrency": 0"#, with: #""MaxConcurrencyPath": "$.limit""#)
        _ = try await Harness.run(machine, input: input, services: services)
        #expect(services.mostRunningAtOnce == 2)
    }

    @Test func legacyIteratorAndParameters() async throws {
        let events = EventLog()
        let result = try await Harness.run(
            #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map", "Parameters": {"v.$": "$$.Map.Item.Value"},
              "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#,
            input: [1, 2], events: events)
        #expect(result.output == [["v": 1], ["v": 2]])
        #expect(Set(events.entered) == ["M", "M[0]/P", "M[1]/P"])
    }

    @Test func aFailedIterationFailsTheMap() async throws {
        let services = InMemoryServices(tasks: ["upper": { input, _ throws(StateFailure) in
            if input["name"] == "c" { throw StateFailure(error: "BadFile", cause: "c") }
            return "ok"
        }])
        let result = try await Harness.run(Self.machine(maxConcurrency: 1), input: Self.input, services: services)
        #expect(result.failure == StateFailure(error: "BadFile", cause: "c"))
        #expect(services.calls.count == 3)
    }

    @Test func itemsPathMustSelectAnArray() async throws {
        let result = try await Harness.run(Self.machine(maxConcurrency: 1), input: ["files": "a"])
        #expect(result.failure?.error == "States.Runtime")
    }
}
