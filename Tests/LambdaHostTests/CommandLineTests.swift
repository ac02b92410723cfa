import Foundation
import MotoPeer
import Testing

/// The `emulator` executable as a user runs it.
@Suite("The emulator command line")
struct CommandLineTests {
    func emulator(_ arguments: [String], stdin: String? = nil, in directory: String) throws -> CommandRun {
        try CommandRun.run(TestProject.buildDirectory + "/emulator", arguments, stdin: stdin, directory: directory)
    }

    @Test("invoke prints the answer on stdout and the logs on stderr, and exits 0")
    func invokeSucceeds() throws {
        let project = try TestProject()
        let run = try emulator(["invoke", "Echo", "--event", "-"], stdin: #"{"hello":"world"}"#, in: project.directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == #"{"hello":"world"}"# + "\n")
        #expect(run.stderr.contains("REPORT RequestId: "))
    }

    @Test("invoke exits 1 on a function error, with the error document on stdout")
    func invokeFunctionError() throws {
        let project = try TestProject()
        let event = "\(project.directory)/error.json"
        try #"{"error":"bucket is gone"}"#.write(toFile: event, atomically: true, encoding: .utf8)
        let run = try emulator(["invoke", "Echo", "--event", event], in: project.directory)
        #expect(run.status == 1)
        #expect(run.stdout.contains("bucket is gone"))
        #expect(run.stderr.contains("Echo failed with EchoRequestedError"))
    }

    @Test("invoke exits 2 when the function cannot run, and says why", arguments: [
        (["invoke", "Missing"], "Function not found: Missing"),
        (["invoke", "Echo", "--event", "/no/such/event.json"], "cannot read the event"),
        (["invoke", "Echo", "--template", "/no/such/template.yaml"], "cannot read the template"),
    ])
    func invokeRefusals(arguments: [String], expected: String) throws {
        let project = try TestProject()
        let run = try emulator(arguments, in: project.directory)
        #expect(run.status != 0 && run.status != 1)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
    }

    @Test("--help names every command")
    func help() throws {
        let run = try emulator(["--help"], in: "/")
        for command in ["invoke", "start-lambda", "start-execution", "up", "list"] {
            #expect(run.stdout.contains(command))
        }
    }
}
