@testable import LambdaHost
import Testing

/// Where a function's code is, what runs it, and the refusal that names code this machine
/// cannot run.
@Suite("Function code and refusals")
struct FunctionCodeTests {
    static func function(_ properties: String, type: String = "AWS::Serverless::Function") -> String {
        """
        Resources:
          F:
            Type: \(type)
            Properties:
        \(properties.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
          Runnable:
            Type: AWS::Serverless::Function
            Properties: {CodeUri: runnable}
        """
    }

    @Test("code the emulator cannot run is refused with its exact cause, and the other function still runs", arguments: [
        ("CodeUri: s3://artifacts/app/key.zip\nRuntime: python3.12\nHandler: app.handler", "AWS::Serverless::Function",
         "warning: resource F, property CodeUri: code in S3 (s3://artifacts/app/key.zip) is not available locally; point --code-dir F=DIR at a local copy"),
        ("CodeUri: {Bucket: artifacts, Key: app.zip, Version: '3'}", "AWS::Serverless::Function",
         "warning: resource F, property CodeUri: code in S3 (s3://artifacts/app.zip (version 3)) is not available locally; point --code-dir F=DIR at a local copy"),
        ("Code: {S3Bucket: !Sub 'artifacts-${AWS::Region}', S3Key: app.zip}\nRuntime: python3.12\nHandler: app.handler", "AWS::Lambda::Function",
         "warning: resource F, property Code: code in S3 (s3://artifacts-eu-west-1/app.zip) is not available locally; point --code-dir F=DIR at a local copy"),
        ("PackageType: Image\nImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", "AWS::Serverless::Function",
         "warning: resource F, property ImageUri: container images are not run locally (ImageUri 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1): the emulator runs no Docker"),
        ("PackageType: Image", "AWS::Serverless::Function",
         "warning: resource F, property PackageType: container images are not run locally (PackageType Image): the emulator runs no Docker"),
        ("PackageType: Image\nCode: {ImageUri: repo/app:1}", "AWS::Lambda::Function",
         "warning: resource F, property Code.ImageUri: container images are not run locally (ImageUri repo/app:1): the emulator runs no Docker"),
        ("InlineCode: 'exports.handler = async () => 1'\nRuntime: nodejs20.x\nHandler: index.handler", "AWS::Serverless::Function",
         "warning: resource F, property InlineCode: inline code needs a python3.x runtime, which runs through awslambdaric; nodejs20.x inline code runs only in AWS's container image, which the emulator does not use"),
        ("Handler: app.handler", "AWS::Serverless::Function", "warning: resource F: the function has no CodeUri, InlineCode or ImageUri"),
        ("Runtime: python3.12", "AWS::Lambda::Function", "warning: resource F: the function has no Code"),
    ])
    func refusals(properties: String, type: String, finding: String) throws {
        let template = try read(Self.function(properties, type: type))
        #expect(findingTexts(template) == [finding])
        #expect(template.functions.keys.sorted() == ["Runnable"])
        #expect(template.refusedFunctions["F"]?.description == finding)
    }

    @Test("--code-dir points a function whose code is in S3 at a local copy")
    func codeDirectory() throws {
        let options = TemplateOptions(codeDirectories: ["F": "/copies/f"], region: "eu-west-1")
        let template = try read(Self.function("CodeUri: s3://artifacts/app/key.zip\nRuntime: python3.12\nHandler: app.handler"), options: options)
        #expect(template.findings.isEmpty)
        #expect(template.functions["F"]?.codeURI == "/copies/f")
    }

    @Test("AWS::Lambda::Function is read like AWS::Serverless::Function")
    func lambdaFunction() throws {
        let template = try read(Self.function(
            """
            FunctionName: !Sub '${AWS::StackName}-inline'
            Code:
              ZipFile: |
                def handler(event, context):
                    return event
            Handler: index.handler
            Runtime: python3.12
            Timeout: 20
            MemorySize: 256
            ReservedConcurrentExecutions: 2
            LoggingConfig: {LogFormat: JSON, ApplicationLogLevel: DEBUG}
            Environment: {Variables: {A: !Ref AWS::Region}}
            """, type: "AWS::Lambda::Function"))
        #expect(template.findings.isEmpty, "\(template.findings)")
        let function = try #require(template.functions["F"])
        #expect(function.runtime == "python3.12")
        #expect(function.handler == "index.handler")
        #expect(function.timeoutSeconds == 20)
        #expect(function.memorySize == 256)
        #expect(function.reservedConcurrency == 2)
        #expect(function.logFormat == "JSON" && function.logLevel == "DEBUG")
        #expect(function.environment == ["A": "eu-west-1"])
        #expect(function.inlineCode?.hasPrefix("def handler(event, context):") == true)
        #expect(template.resources["F"]?.physicalName == "local-inline")
        #expect(template.functionID(named: "local-inline") == "F")
    }

    @Test("nested applications are named as not run locally, and a Globals that is not a mapping stops the reading")
    func nestedApplicationsAndGlobals() throws {
        let yaml = """
            Resources:
              Auth:
                Type: AWS::Serverless::Application
                Properties:
                  Location: {ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/auth, SemanticVersion: 1.0.0}
              Child:
                Type: AWS::CloudFormation::Stack
                Properties: {TemplateURL: https://example.com/child.yaml}
            """
        #expect(findingTexts(try read(yaml)) == [
            "warning: resource Auth: nested applications are not run locally: their resources are not created and their functions are not listed; run the nested template on its own",
            "warning: resource Child: nested applications are not run locally (https://example.com/child.yaml): their resources are not created and their functions are not listed; run the nested template on its own",
        ])
        let error = #expect(throws: TemplateError.self) { try read("Globals: Function\nResources: {}\n") }
        #expect(error?.message == #"Globals must be a mapping of resource kinds (Function, Api, …), not "Function""#)
    }

    @Test("a template that mixes runnable and unrunnable functions reports every problem in one pass and runs the others")
    func mixedTemplate() async throws {
        let yaml = """
            Resources:
              Hello:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  InlineCode: |
                    def handler(event, context):
                        return {"hello": event.get("name")}
              FromS3:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: s3://artifacts/key.zip, Runtime: python3.12, Handler: app.handler}
              Image:
                Type: AWS::Serverless::Function
                Properties: {PackageType: Image, ImageUri: repo/app:1}
              Imports:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: imports
                  Environment: {Variables: {TABLE: !ImportValue SharedTable, SECRET: '{{resolve:ssm:/app/secret}}'}}
              Node:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: node, Runtime: nodejs20.x, Handler: index.handler}
            """
        let template = try read(yaml)
        #expect(findingTexts(template) == [
            "warning: resource FromS3, property CodeUri: code in S3 (s3://artifacts/key.zip) is not available locally; point --code-dir FromS3=DIR at a local copy",
            "warning: resource Image, property ImageUri: container images are not run locally (ImageUri repo/app:1): the emulator runs no Docker",
            "warning: resource Imports, property Environment.Variables.SECRET: {{resolve:ssm:/app/secret}} reads SSM Parameter Store, which needs an AWS endpoint: give --endpoint-url (or set AWS_ENDPOINT_URL)",
            "warning: resource Imports, property Environment.Variables.TABLE: Fn::ImportValue SharedTable reads another stack's export, which does not exist locally: give its value with --import-value SharedTable=VALUE",
        ])
        #expect(template.functions.keys.sorted() == ["Hello", "Node"])
        let options = HostOptions(buildDirectory: "/nowhere", output: { _, _ in })
        #expect(LambdaHost.startProblem(of: "Node", in: template, options: options)?.contains(
            "its runtime nodejs20.x runs only in AWS's container image, which the emulator does not use") == true)

        let host = LambdaHost(template: template, options: options)
        do {
            let answer = try await host.invoke("Hello", payload: Array(#"{"name":"python"}"#.utf8))
            #expect(String(decoding: answer.payload, as: UTF8.self) == #"{"hello": "python"}"#)
            let refused = await #expect(throws: HostError.self) { try await host.invoke("FromS3", payload: Array("{}".utf8)) }
            #expect(refused?.message == "function FromS3 does not run locally: CodeUri: code in S3 (s3://artifacts/key.zip) is not available locally; point --code-dir FromS3=DIR at a local copy")
        } catch {
            await host.shutdown()
            throw error
        }
        await host.shutdown()
    }
}

@Suite("Template-wide findings")
struct TemplateFindingTests {
    @Test("a macro transform is a warning and the template is still read as written")
    func macroTransform() throws {
        let template = try read("Transform: [AWS::Serverless-2016-10-31, MyMacro]\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: f}\n")
        #expect(findingTexts(template) == ["warning: template: the transform MyMacro is not applied locally: only SAM's and AWS::LanguageExtensions are"])
        #expect(template.functions["F"] != nil)
    }

    @Test("a template whose only function is an AWS::Lambda::Function lists it")
    func onlyLambdaFunction() throws {
        let template = try read("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {Code: src, Runtime: python3.12, Handler: app.handler}\n")
        #expect(template.functions["F"]?.codeURI == "/project/src")
        #expect(template.findings.isEmpty)
    }
}
