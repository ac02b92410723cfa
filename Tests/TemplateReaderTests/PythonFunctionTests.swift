import Foundation
import MotoPeer
import Testing

/// A Python function of a SAM template run with this machine's Python through AWS's runtime
/// interface client, driven as a user drives it: `emulator invoke`, and `aws lambda invoke`
/// against `emulator start-lambda`.
@Suite("Python functions from a SAM template, without Docker", .serialized)
struct PythonFunctionTests {
    static let template = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function: {Timeout: 10}
        Resources:
          Greeter:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: greeter/
              Handler: app.handler
              Runtime: python3.12
              FunctionName: greeter-fn
              Environment: {Variables: {GREETING: !Sub 'hello from ${AWS::Region}'}}
          FromS3:
            Type: AWS::Serverless::Function
            Properties: {CodeUri: s3://artifacts/key.zip, Runtime: python3.12, Handler: app.handler}
        """

    static let app = """
        import os

        def handler(event, context):
            return {"greeting": os.environ["GREETING"], "name": event.get("name"), "left": context.get_remaining_time_in_millis() > 0}
        """

    static func withProject<R>(_ body: (String) throws -> R) throws -> R {
        try withFolder { folder in
            try write(template, to: "template.yaml", in: folder)
            try write(app, to: "greeter/app.py", in: folder)
            return try body(folder)
        }
    }

    static let answer = #"{"greeting": "hello from eu-west-1", "name": "py", "left": true}"#

    @Test("emulator invoke runs the Python function and prints its answer; the S3 one is refused with the reason")
    func emulatorInvoke() throws {
        try Self.withProject { folder in
            let run = try EmulatorCommand.run(
                ["invoke", "Greeter", "--event", "-", "--region", "eu-west-1"], stdin: #"{"name":"py"}"#, in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == Self.answer + "\n")
            #expect(run.stderr.contains("REPORT RequestId: "))

            let refused = try EmulatorCommand.run(["invoke", "FromS3"], in: folder)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains(
                "function FromS3 does not run locally: CodeUri: code in S3 (s3://artifacts/key.zip) is not available locally; "
                    + "point --code-dir FromS3=DIR at a local copy"), "\(refused.stderr)")
        }
    }

    @Test("aws lambda invoke reaches the Python function through start-lambda, by logical id and by FunctionName")
    func awsLambdaInvoke() throws {
        try Self.withProject { folder in
            let port = try LoopbackServer.freePort()
            let server = EmulatorCommand.start(["start-lambda", "--port", String(port), "--region", "eu-west-1"], in: folder)
            server.standardError = FileHandle.nullDevice
            try server.run()
            defer {
                server.terminate()
                server.waitUntilExit()
            }
            let deadline = Date().addingTimeInterval(20)
            while HTTPWire.connectLoopback(port: port) == nil, Date() < deadline { usleep(50_000) }
            var environment = ProcessInfo.processInfo.environment
            environment["AWS_ACCESS_KEY_ID"] = "AKIDLOCAL"
            environment["AWS_SECRET_ACCESS_KEY"] = "local-secret"
            environment["AWS_MAX_ATTEMPTS"] = "1"
            try write(#"{"name":"py"}"#, to: "event.json", in: folder)
            for name in ["Greeter", "greeter-fn"] {
                let outfile = "\(folder)/out-\(name).json"
                let run = try EmulatorCommand.program(
                    [
                        "aws", "lambda", "invoke", "--endpoint-url", "http://127.0.0.1:\(port)", "--region", "eu-west-1",
                        "--function-name", name, "--payload", "fileb://\(folder)/event.json", outfile,
                    ], environment: environment)
                #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
                #expect(run.stdout.contains(#""StatusCode": 200"#), "\(run.stdout)")
                #expect(try String(contentsOfFile: outfile, encoding: .utf8) == Self.answer)
            }
        }
    }

    @Test("emulator validate prints every finding in one pass and exits 0 when nothing stops a command")
    func validate() throws {
        try Self.withProject { folder in
            let run = try EmulatorCommand.run(["validate"], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == """
                \(folder)/template.yaml: warning: resource FromS3, property CodeUri: code in S3 (s3://artifacts/key.zip) is not available locally; point --code-dir FromS3=DIR at a local copy
                \(folder)/template.yaml: 1 of 2 functions run locally; 0 errors, 1 warnings

                """)
        }
    }

    @Test("emulator validate exits 1 for a problem that stops up, and 2 for a template it cannot read")
    func validateErrors() throws {
        try withFolder { folder in
            try write(
                """
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: !ImportValue SharedBucket}
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt Missing.Arn}}
                """, to: "template.yaml", in: folder)
            let run = try EmulatorCommand.run(["validate"], in: folder)
            #expect(run.status == 1)
            #expect(run.stdout.contains(
                "error: resource Bucket, property BucketName: Fn::ImportValue SharedBucket reads another stack's export, "
                    + "which does not exist locally: give its value with --import-value SharedBucket=VALUE"), "\(run.stdout)")
            #expect(run.stdout.contains("error: resource Queue, property RedrivePolicy: Fn::GetAtt Missing names no parameter and no resource of the template"), "\(run.stdout)")
            let given = try EmulatorCommand.run(["validate", "--import-value", "SharedBucket=shared"], in: folder)
            #expect(!given.stdout.contains("SharedBucket"), "\(given.stdout)")

            try write("Resources: [unclosed\n", to: "broken.yaml", in: folder)
            let broken = try EmulatorCommand.run(["validate", "--template", "broken.yaml"], in: folder)
            #expect(broken.status == 2)
            #expect(broken.stderr.contains("the template is not valid YAML"))
        }
    }
}
