import Foundation
import StateMachine
import Testing

/// Shorthands that keep each test to its definition, input and expectations.
enum Harness {
    /// Parses a definition written as JSON text, as it would be in a template.
    static func definition(_ text: String) throws -> StateMachineDefinition {
        try StateMachineDefinition(json: JSONValue(parsing: text))
    }

    /// The definition error for `text`, which must be invalid.
    static func definitionError(_ text: String) throws -> DefinitionError {
        let json = try JSONValue(parsing: text)
        do {
            _ = try StateMachineDefinition(json: json)
        } catch {
            return error
        }
        Issue.record("expected a definition error")
        return DefinitionError(stateName: nil, field: "", message: "none")
    }

    /// Runs one execution with fast, seeded options.
    static func run(
        _ text: String, input: JSONValue = [:], services: InMemoryServices = InMemoryServices(), events: EventLog = EventLog(),
        options: ExecutionOptions = fastOptions()
    ) async throws -> Result<JSONValue, StateFailure> {
        let runner = StateMachineRunner(
            definition: try definition(text), services: services, options: options, onEvent: { events.append($0) })
        return await runner.run(input: input, executionName: "test-execution")
    }

    static func fastOptions(maxConcurrency: Int = 64) -> ExecutionOptions {
        ExecutionOptions(timeScale: 0.001, random: RandomSource(seed: 7), maxConcurrency: maxConcurrency)
    }

    /// A one-state machine: a Pass state with these `Parameters`, ending the execution.
    static func passParameters(_ parameters: String) -> String {
        #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": \#(parameters), "End": true}}}"#
    }
}

extension Result where Success == JSONValue, Failure == StateFailure {
    var output: JSONValue? { try? get() }

    var failure: StateFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

extension JSONValue {
    /// Parses test JSON text; a typo in a test is a test failure, not a crash.
    static func parse(_ text: String) -> JSONValue {
        do {
            return try JSONValue(parsing: text)
        } catch {
            Issue.record("bad test JSON: \(error)")
            return .null
        }
    }
}
