import ArgumentParser
import EventPatterns
import Foundation
import StateMachine

/// `emulator test-event-pattern --event-pattern P --event E`: EventBridge's TestEventPattern, locally.
struct TestEventPattern: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tests whether an event matches an EventBridge event pattern.",
        discussion: """
            Prints {"Result": true} or {"Result": false}, as the TestEventPattern API answers. The pattern \
            and the event are JSON text or file://path, as in the AWS CLI. The event must carry the fields \
            TestEventPattern requires (id, account, source, time, region, detail-type). Exits 0 with the \
            result, 2 when the pattern is not one EventBridge accepts (InvalidEventPatternException and its \
            reason on standard error) or the event is not valid (ValidationException).
            """)

    @Option(name: .long, help: ArgumentHelp("The event pattern: JSON text or file://path.", valueName: "json"))
    var eventPattern: String

    @Option(name: .long, help: ArgumentHelp("The event: JSON text or file://path.", valueName: "json"))
    var event: String

    /// The fields TestEventPattern insists on (AWS's reference names `resources` too, but AWS does not require it).
    static let requiredEventFields = ["id", "account", "source", "time", "region", "detail-type"]

    func run() throws {
        let patternText: String
        let eventText: String
        do {
            patternText = try CLIText.read(eventPattern)
            eventText = try CLIText.read(event)
        } catch {
            StandardError.write("emulator: \(error)")
            throw ExitCode(2)
        }
        let pattern: EventPattern
        do {
            pattern = try EventPattern(text: patternText)
        } catch {
            fail(InvalidEventPatternError.exceptionName, error.message)
        }
        guard let eventValue = try? JSONValue(parsing: eventText) else {
            fail("ValidationException", "Parameter Event is not valid.")
        }
        guard let members = eventValue.objectValue, Self.requiredEventFields.allSatisfy({ members[$0] != nil }) else {
            fail("ValidationException", "Parameter Event is not valid.")
        }
        print(#"{"Result": \#(pattern.matches(eventValue))}"#)
    }

    /// Says what failed as the AWS CLI does, and exits 2.
    private func fail(_ exception: String, _ message: String) -> Never {
        StandardError.write("emulator: An error occurred (\(exception)) when calling the TestEventPattern operation: \(message)")
        Foundation.exit(2)
    }
}
