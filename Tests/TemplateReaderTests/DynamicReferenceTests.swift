import AWS
import Foundation
@testable import LambdaHost
import MotoPeer
import StateMachine
import Testing

/// `{{resolve:…}}` dynamic references and `AWS::SSM::Parameter::Value<…>` parameters, read from
/// SSM and Secrets Manager on moto, the AWS endpoint these tests use.
@Suite("Dynamic references and SSM parameter types", .serialized)
struct DynamicReferenceTests {
    static let account = SharedFixture<MotoAccount> {
        let account = try MotoAccount(
            userName: "template-reader", policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        let client = account.client()
        for (name, value, type) in [("/app/stage", "blue", "String"), ("/app/key", "k3y", "SecureString"), ("/app/zones", "a,b", "StringList")] {
            _ = try client.json(.ssm, "PutParameter", ["Name": .string(name), "Value": .string(value), "Type": .string(type)], resource: name)
        }
        try SecretsManagerClient(client: client).createSecret(name: "db", secretString: #"{"password":"s3cret","user":"app"}"#)
        return account
    }

    static let template = """
        Parameters:
          Color: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/stage}
          Zones: {Type: 'AWS::SSM::Parameter::Value<List<String>>', Default: /app/zones}
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: f
              Environment:
                Variables:
                  STAGE: '{{resolve:ssm:/app/stage}}'
                  VERSIONED: '{{resolve:ssm:/app/stage:1}}'
                  SECURE: '{{resolve:ssm-secure:/app/key}}'
                  PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}'
                  WHOLE: !Sub 'user=${AWS::StackName} {{resolve:secretsmanager:db}}'
                  COLOR: !Ref Color
                  SECOND_ZONE: !Select [1, !Ref Zones]
        """

    @Test("references and SSM parameter types resolve against the endpoint")
    func resolves() throws {
        let account = try Self.account.get()
        let options = TemplateOptions(references: AWSDynamicReferences(client: account.client()))
        let template = try read(Self.template, options: options)
        #expect(template.findings.isEmpty, "\(template.findings)")
        #expect(template.functions["F"]?.environment == [
            "STAGE": "blue", "VERSIONED": "blue", "SECURE": "k3y", "PASSWORD": "s3cret",
            "WHOLE": #"user=local {"password":"s3cret","user":"app"}"#, "COLOR": "blue", "SECOND_ZONE": "b",
        ])
        #expect(template.parameters["Color"] == "blue")
    }

    @Test("a reference to what the endpoint does not hold names the reference and the service's answer")
    func missing() throws {
        let account = try Self.account.get()
        let yaml = """
            Resources:
              F:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: f, Environment: {Variables: {A: '{{resolve:ssm:/app/none}}'}}}
            """
        let template = try read(yaml, options: TemplateOptions(references: AWSDynamicReferences(client: account.client())))
        let finding = try #require(template.findings.first?.description)
        #expect(finding.hasPrefix(
            "warning: resource F, property Environment.Variables.A: {{resolve:ssm:/app/none}}: cannot read it from SSM Parameter Store: "))
        #expect(finding.contains("ParameterNotFound"), "\(finding)")
    }

    @Test("without an endpoint, references and SSM parameter types are refused by name")
    func withoutEndpoint() throws {
        let template = try read(Self.template)
        #expect(template.functions["F"] == nil)
        let texts = findingTexts(template)
        #expect(texts.contains(
            "warning: resource F, property Environment.Variables.COLOR: parameter Color (AWS::SSM::Parameter::Value<String>) is the value of the "
                + "SSM parameter /app/stage, which needs an AWS endpoint: give --endpoint-url, or the value with --parameter-overrides "
                + "Color=VALUE and Type String"), "\(texts)")
        #expect(texts.contains(
            "warning: resource F, property Environment.Variables.PASSWORD: {{resolve:secretsmanager:db:SecretString:password}} reads "
                + "Secrets Manager, which needs an AWS endpoint: give --endpoint-url (or set AWS_ENDPOINT_URL)"), "\(texts)")
    }

    @Test("emulator invoke reads the references from --endpoint-url before it runs the function")
    func commandLine() throws {
        let account = try Self.account.get()
        try withFolder { folder in
            try write(
                """
                Resources:
                  Stage:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: index.handler
                      InlineCode: |
                        import os
                        def handler(event, context):
                            return os.environ["STAGE"]
                      Environment: {Variables: {STAGE: '{{resolve:ssm:/app/stage}}'}}
                """, to: "template.yaml", in: folder)
            var environment = account.processEnvironment
            environment["AWS_ENDPOINT_URL"] = nil
            let run = try EmulatorCommand.run(["invoke", "Stage", "--endpoint-url", account.endpoint], in: folder, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "\"blue\"\n")
        }
    }
}
