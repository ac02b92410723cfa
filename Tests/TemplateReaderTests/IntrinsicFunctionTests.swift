@testable import LambdaHost
import Testing

/// Every intrinsic function, in the short YAML form and the long JSON form, alone, nested and
/// chained, as a function's environment variable sees it.
@Suite("Intrinsic functions, short and long forms")
struct IntrinsicFunctionTests {
    /// A template whose function `F` has `V: expression`, with parameters, a mapping, conditions
    /// and a second function named by `FunctionName` to refer to.
    static func template(_ expression: String, transform: String = "[AWS::Serverless-2016-10-31, AWS::LanguageExtensions]") -> String {
        """
        Transform: \(transform)
        Parameters:
          Stage: {Type: String, Default: dev}
          Subnets: {Type: CommaDelimitedList, Default: 'a,b,c'}
          Count: {Type: Number, Default: 3}
        Mappings:
          Regions:
            eu-west-1: {Ami: ami-eu, Size: 2}
            us-east-1: {Ami: ami-us}
        Conditions:
          IsDev: !Equals [!Ref Stage, dev]
          IsProd: {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: f
              Environment:
                Variables:
                  V: \(expression)
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: worker
              FunctionName: !Sub '${Stage}-worker'
          Jobs:
            Type: AWS::SQS::Queue
        """
    }

    static func value(_ expression: String, options: TemplateOptions = TemplateOptions(region: "eu-west-1")) throws -> String? {
        let template = try read(template(expression), options: options)
        #expect(template.findings.isEmpty, "\(template.findings)")
        return template.functions["F"]?.environment["V"]
    }

    @Test("each function gives CloudFormation's value in both forms", arguments: [
        ("!Ref Stage", #"{"Ref": "Stage"}"#, "dev"),
        ("!Ref Count", #"{"Ref": "Count"}"#, "3"),
        ("!Sub '${AWS::AccountId}:${AWS::Partition}:${AWS::URLSuffix}:${AWS::Region}'",
         #"{"Fn::Sub": "${AWS::AccountId}:${AWS::Partition}:${AWS::URLSuffix}:${AWS::Region}"}"#,
         "123456789012:aws:amazonaws.com:eu-west-1"),
        ("!Sub ['${Name}-${Stage}-${!Literal}', {Name: x}]", #"{"Fn::Sub": ["${Name}-${Stage}-${!Literal}", {"Name": "x"}]}"#, "x-dev-${Literal}"),
        ("!Join ['+', !Ref Subnets]", #"{"Fn::Join": ["+", {"Ref": "Subnets"}]}"#, "a+b+c"),
        ("!Join ['', [a, !Ref Stage]]", #"{"Fn::Join": ["", ["a", {"Ref": "Stage"}]]}"#, "adev"),
        ("!Select [1, !Ref Subnets]", #"{"Fn::Select": ["1", {"Ref": "Subnets"}]}"#, "b"),
        ("!Select [2, !Split [',', 'x,y,z']]", #"{"Fn::Select": [2, {"Fn::Split": [",", "x,y,z"]}]}"#, "z"),
        ("!FindInMap [Regions, !Ref AWS::Region, Ami]", #"{"Fn::FindInMap": ["Regions", {"Ref": "AWS::Region"}, "Ami"]}"#, "ami-eu"),
        ("!FindInMap [Regions, us-east-1, Size, {DefaultValue: 1}]",
         #"{"Fn::FindInMap": ["Regions", "us-east-1", "Size", {"DefaultValue": 1}]}"#, "1"),
        ("!Base64 hello", #"{"Fn::Base64": "hello"}"#, "aGVsbG8="),
        ("!Select [0, !GetAZs '']", #"{"Fn::Select": [0, {"Fn::GetAZs": ""}]}"#, "eu-west-1a"),
        ("!Select [1, !Cidr [10.0.0.0/16, 3, 8]]", #"{"Fn::Select": [1, {"Fn::Cidr": ["10.0.0.0/16", "3", "8"]}]}"#, "10.0.1.0/24"),
        ("!Select [1, !Cidr ['2001:db8::/56', 2, 64]]", #"{"Fn::Select": [1, {"Fn::Cidr": ["2001:db8::/56", 2, 64]}]}"#,
         "2001:db8:0:1::/64"),
        ("!If [IsDev, yes-dev, not-dev]", #"{"Fn::If": ["IsDev", "yes-dev", "not-dev"]}"#, "yes-dev"),
        ("!If [IsProd, yes-prod, not-prod]", #"{"Fn::If": ["IsProd", "yes-prod", "not-prod"]}"#, "not-prod"),
        ("!Length [a, b, c]", #"{"Fn::Length": ["a", "b", "c"]}"#, "3"),
        ("!ToJsonString {a: 1, b: [x]}", #"{"Fn::ToJsonString": {"a": 1, "b": ["x"]}}"#, #"{"a":1,"b":["x"]}"#),
        ("!Ref Worker", #"{"Ref": "Worker"}"#, "dev-worker"),
        ("!GetAtt Worker.Arn", #"{"Fn::GetAtt": ["Worker", "Arn"]}"#, "arn:aws:lambda:eu-west-1:123456789012:function:dev-worker"),
        ("!GetAtt Jobs.QueueName", #"{"Fn::GetAtt": "Jobs.QueueName"}"#, "Jobs"),
        ("!Join ['', [!Select [0, !Split ['-', !Sub '${Stage}-x']], !If [IsDev, '!', '?']]]",
         #"{"Fn::Join": ["", [{"Fn::Select": [0, {"Fn::Split": ["-", {"Fn::Sub": "${Stage}-x"}]}]}, {"Fn::If": ["IsDev", "!", "?"]}]]}"#,
         "dev!"),
    ])
    func bothForms(short: String, long: String, expected: String) throws {
        #expect(try Self.value(short) == expected)
        #expect(try Self.value(long) == expected)
    }

    @Test("Fn::ImportValue takes the value given on the command line, in both forms")
    func importValue() throws {
        let options = TemplateOptions(importValues: ["Shared-Bucket": "shared-bucket-1"], region: "eu-west-1")
        #expect(try Self.value("!ImportValue Shared-Bucket", options: options) == "shared-bucket-1")
        #expect(try Self.value(#"{"Fn::ImportValue": {"Fn::Sub": "Shared-Bucket"}}"#, options: options) == "shared-bucket-1")
    }

    @Test("Ref AWS::NoValue removes the variable, in both forms, directly and through Fn::If")
    func noValue() throws {
        for expression in ["!Ref AWS::NoValue", #"{"Ref": "AWS::NoValue"}"#, "!If [IsProd, x, !Ref AWS::NoValue]"] {
            let template = try read(Self.template(expression))
            let function = try #require(template.functions["F"])
            #expect(function.environment["V"] == nil, "\(expression)")
            #expect(template.findings.isEmpty)
        }
    }

    @Test("a function that cannot be evaluated is refused by name, with the function, the property and the cause", arguments: [
        ("!ImportValue Shared", #"{"Fn::ImportValue": "Shared"}"#,
         "Fn::ImportValue Shared reads another stack's export, which does not exist locally: give its value with --import-value Shared=VALUE"),
        ("!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k.yaml}}",
         #"{"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k.yaml"}}}"#,
         "Fn::Transform (AWS::Include) is not expanded locally: macros and AWS::Include run only in CloudFormation"),
        ("!Select [5, !Ref Subnets]", #"{"Fn::Select": [5, {"Ref": "Subnets"}]}"#, "Fn::Select index 5 is out of range for a list of 3"),
        ("!FindInMap [Regions, ap-south-1, Ami]", #"{"Fn::FindInMap": ["Regions", "ap-south-1", "Ami"]}"#,
         "Fn::FindInMap: mapping Regions has no key ap-south-1"),
        ("!Sub '${Subnets}'", #"{"Fn::Sub": "${Subnets}"}"#, "Fn::Sub cannot use the list parameter ${Subnets}: join it first with Fn::Join"),
        ("!Ref Nothing", #"{"Ref": "Nothing"}"#, "Ref Nothing names no parameter and no resource of the template"),
        ("!GetAtt Jobs.Nothing", #"{"Fn::GetAtt": ["Jobs", "Nothing"]}"#, "Fn::GetAtt Jobs.Nothing: AWS::SQS::Queue has no attribute Nothing locally"),
        ("!Ref Subnets", #"{"Ref": "Subnets"}"#, #"a list where a single value is expected: ["a","b","c"]"#),
        ("!If [Missing, a, b]", #"{"Fn::If": ["Missing", "a", "b"]}"#,
         "Fn::If names the condition Missing, which the template does not define or which could not be evaluated"),
    ])
    func refusals(short: String, long: String, message: String) throws {
        for expression in [short, long] {
            let template = try read(Self.template(expression))
            #expect(template.functions["F"] == nil)
            #expect(findingTexts(template) == ["warning: resource F, property Environment.Variables.V: \(message)"], "\(expression)")
            #expect(template.functions["Worker"] != nil, "the other function is still read")
        }
    }

    @Test("Fn::Length and Fn::ToJsonString need the language extensions transform")
    func languageExtensions() throws {
        let template = try read(Self.template("!Length [a]", transform: "AWS::Serverless-2016-10-31"))
        #expect(findingTexts(template) == [
            "warning: resource F, property Environment.Variables.V: Fn::Length needs `Transform: AWS::LanguageExtensions` in the template"
        ])
    }

    @Test("an unknown short-form tag is named")
    func unknownTag() {
        let error = #expect(throws: TemplateError.self) { try read(Self.template("!Frobnicate x")) }
        #expect(error?.message == "the template is not valid YAML: !Frobnicate is not a CloudFormation function")
    }
}
