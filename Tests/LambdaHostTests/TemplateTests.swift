import Foundation
@testable import LambdaHost
import Testing

@Suite("Reading SAM templates")
struct TemplateTests {
    static let yaml = """
        Parameters:
          Stage: {Type: String, Default: dev}
          TableName: {Type: String}
        Globals:
          Function:
            Runtime: provided.al2023
            Timeout: 30
            MemorySize: 512
            Environment:
              Variables:
                SHARED: from-globals
                STAGE: !Ref Stage
            LoggingConfig:
              LogFormat: JSON
              ApplicationLogLevel: DEBUG
        Resources:
          Transfer:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: Functions/TransferObject/
              Handler: bootstrap
              Timeout: 900
              ReservedConcurrentExecutions: 5
              Environment:
                Variables:
                  SHARED: overridden
                  TOPIC: !GetAtt Events.TopicName
                  TOPIC_ARN: !Ref Events
                  PREFIX: !Sub "${Stage}/${AWS::Region}/${!Literal}"
                  JOINED: !Join [":", [a, !Ref Stage]]
                  LONG_FORM: {"Fn::Sub": "${Stage}-long"}
          Lister:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: ../elsewhere/ListObjects
          Events:
            Type: AWS::SNS::Topic
          NotAFunction:
            Type: AWS::S3::Bucket
        """

    func load(overrides: [String: String] = ["TableName": "jobs"]) throws -> SAMTemplate {
        try SAMTemplate.parse(
            yaml: Self.yaml, path: "/projects/engine/template.yaml", options: TemplateOptions(parameterOverrides: overrides, region: "eu-west-1"))
    }

    @Test("only AWS::Serverless::Function resources become functions")
    func findsFunctions() throws {
        #expect(try load().functions.keys.sorted() == ["Lister", "Transfer"])
    }

    @Test("a function's own properties win over Globals, and Globals fill what it leaves out")
    func mergesGlobals() throws {
        let transfer = try #require(try load().functions["Transfer"])
        #expect(transfer.timeoutSeconds == 900)
        #expect(transfer.memorySize == 512)
        #expect(transfer.runtime == "provided.al2023")
        #expect(transfer.reservedConcurrency == 5)
        #expect(transfer.logFormat == "JSON")
        #expect(transfer.logLevel == "DEBUG")
        #expect(transfer.environment["SHARED"] == "overridden")
        let lister = try #require(try load().functions["Lister"])
        #expect(lister.timeoutSeconds == 30)
        #expect(lister.handler == "bootstrap")
        #expect(lister.reservedConcurrency == nil)
        #expect(lister.environment["SHARED"] == "from-globals")
    }

    @Test("CodeUri is resolved against the template's folder")
    func resolvesCodeURI() throws {
        let functions = try load().functions
        #expect(functions["Transfer"]?.codeURI == "/projects/engine/Functions/TransferObject")
        #expect(functions["Lister"]?.codeURI == "/projects/elsewhere/ListObjects")
    }

    @Test("!Ref, !Sub, !GetAtt, !Join and the long forms resolve against parameters, pseudo parameters and resources")
    func resolvesIntrinsics() throws {
        let environment = try #require(try load().functions["Transfer"]).environment
        #expect(environment["STAGE"] == "dev")
        #expect(environment["PREFIX"] == "dev/eu-west-1/${Literal}")
        #expect(environment["TOPIC"] == "Events")
        #expect(environment["TOPIC_ARN"] == "arn:aws:sns:eu-west-1:123456789012:Events")
        #expect(environment["JOINED"] == "a:dev")
        #expect(environment["LONG_FORM"] == "dev-long")
    }

    @Test("parameter overrides replace defaults")
    func overridesParameters() throws {
        let template = try load(overrides: ["Stage": "prod", "TableName": "jobs"])
        #expect(template.functions["Transfer"]?.environment["STAGE"] == "prod")
        #expect(template.parameters["TableName"] == "jobs")
    }

    @Test("a function's problem is a finding naming the function and the property, and does not stop the reading", arguments: [
        ("Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: x}\n", "resource F: the function has no CodeUri"),
        ("Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: f, Timeout: soon}\n", "property Timeout: Timeout is not a whole number"),
        ("Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: f, Timeout: 100000}\n", "property Timeout: Timeout must be from 1 to 900, not 100000"),
        ("Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: f, MemorySize: 64}\n", "property MemorySize: MemorySize must be from 128 to 10240, not 64"),
        ("Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: f\n      Environment: {Variables: {A: !Ref Missing}}\n", "property Environment.Variables.A: Ref Missing"),
    ])
    func reportsFunctionProblems(yaml: String, expected: String) throws {
        let template = try SAMTemplate.parse(yaml: yaml, path: "/p/template.yaml")
        #expect(template.functions.isEmpty)
        #expect(template.refusedFunctions["F"] != nil)
        #expect(template.findings.contains { $0.description.contains(expected) }, "\(template.findings)")
    }

    @Test("a template that cannot be read at all throws, naming the file", arguments: [
        ("Parameters: {}\n", "no Resources section"),
        ("Resources: [unclosed\n", "not valid YAML"),
        ("Globals: [Function]\nResources: {}\n", "Globals must be a mapping"),
    ])
    func reportsErrors(yaml: String, expected: String) {
        let error = #expect(throws: TemplateError.self) { try SAMTemplate.parse(yaml: yaml, path: "/p/template.yaml") }
        #expect(error?.description.hasPrefix("/p/template.yaml: ") == true)
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    /// The checkout's root folder, found from this source file's place in it.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("the project's template.yaml loads and holds the product's functions, without the benchmark's Echo")
    func projectTemplate() throws {
        let template = try SAMTemplate.load(path: Self.repository.appendingPathComponent("template.yaml").path)
        #expect(Set(template.functions.keys) == [
            "ListObjects", "TransferObject", "ValidateTransfer", "GenerateReport", "Router", "ConfigService", "StatusService",
        ])
        #expect(template.functions["Echo"] == nil)
        #expect(template.findings.isEmpty, "\(template.findings)")
    }

    @Test("the benchmarks' template.yaml loads, and its Echo runs from the build folder")
    func benchmarkTemplate() throws {
        let template = try SAMTemplate.load(path: Self.repository.appendingPathComponent("Benchmarks/template.yaml").path)
        let echo = try #require(template.functions["Echo"])
        #expect(echo.environment["ECHO_STAGE"] == "us-east-1-local")
        let options = HostOptions(buildDirectory: TestProject.buildDirectory, output: { _, _ in })
        #expect(try InstanceLauncher.command(for: echo, options: options) == [TestProject.buildDirectory + "/Echo"])
    }
}

@Suite("Identifiers the host hands out")
struct IdentifierTests {
    @Test("request ids have the UUID form and trace ids X-Ray's, and they do not repeat")
    func forms() {
        var source = IdentifierSource(seed: 42)
        let requestIDs = (0..<1000).map { _ in source.requestID() }
        #expect(Set(requestIDs).count == 1000)
        #expect(requestIDs.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil })
        let trace = source.traceID(epochSeconds: 0x6543_2100)
        #expect(trace.wholeMatch(of: /Root=1-65432100-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0/) != nil)
    }

    @Test("REPORT durations have two decimals and billing rounds up to whole milliseconds")
    func reportFormats() {
        #expect(Milliseconds.text(.microseconds(12_345)) == "12.34")
        #expect(Milliseconds.text(.microseconds(1_050)) == "1.05")
        #expect(Milliseconds.billed(.microseconds(12_001)) == 13)
        #expect(Milliseconds.billed(.microseconds(3)) == 1)
        #expect(Milliseconds.billed(.milliseconds(7)) == 7)
    }

    @Test("peak memory is read from /proc status text")
    func peakMemory() {
        let status = Array("Name:\tEcho\nVmPeak:\t  300000 kB\nVmHWM:\t   21504 kB\nVmRSS:\t 20000 kB\n".utf8)
        let kilobytes = status.withUnsafeBufferPointer { ProcessMemory.kilobytes(after: Array("VmHWM:".utf8), in: $0) }
        #expect(kilobytes == 21504)
        #expect(ProcessMemory.peakMegabytes(of: getpid()) ?? 0 > 0)
    }
}
