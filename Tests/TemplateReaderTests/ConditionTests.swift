import Foundation
@testable import LambdaHost
import Testing

/// `Conditions` and `Condition` on resources and outputs, with CloudFormation's semantics.
@Suite("Conditions")
struct ConditionTests {
    static func template(stage: String) -> String {
        """
        Parameters:
          Stage: {Type: String, Default: \(stage), AllowedValues: [dev, prod]}
          Subnets: {Type: CommaDelimitedList, Default: ''}
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          IsDev: {"Fn::Not": [{"Condition": "IsProd"}]}
          HasSubnets: !Not [!Equals [!Join ['', !Ref Subnets], '']]
          ProdWithSubnets: !And [!Condition IsProd, !Condition HasSubnets]
          ProdOrSubnets: {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "HasSubnets"}]}
        Resources:
          Always:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: always
              Environment:
                Variables:
                  TARGET: !If [IsProd, !Ref ProdOnly, none]
          ProdOnly:
            Type: AWS::Serverless::Function
            Condition: IsProd
            Properties: {CodeUri: prod}
          DevOnly:
            Type: AWS::Lambda::Function
            Condition: IsDev
            Properties: {Code: dev, Runtime: provided.al2023, Handler: bootstrap}
          NeedsSubnets:
            Type: AWS::Serverless::Function
            Condition: ProdWithSubnets
            Properties: {CodeUri: subnets}
          Either:
            Type: AWS::Serverless::Function
            Condition: ProdOrSubnets
            Properties: {CodeUri: either}
        Outputs:
          ProdFunction:
            Condition: IsProd
            Value: !Ref ProdOnly
          Stage:
            Value: !Ref Stage
        """
    }

    @Test("a resource whose condition is false is not created, and one whose condition is true is")
    func resourceConditions() throws {
        let dev = try read(Self.template(stage: "dev"))
        #expect(dev.functions.keys.sorted() == ["Always", "DevOnly"])
        #expect(dev.functions["Always"]?.environment["TARGET"] == "none")
        #expect(dev.resources["ProdOnly"] == nil)
        #expect(dev.outputs == ["Stage": "dev"])
        #expect(dev.findings.isEmpty, "\(dev.findings)")

        let prod = try read(Self.template(stage: "prod"))
        #expect(prod.functions.keys.sorted() == ["Always", "Either", "ProdOnly"])
        #expect(prod.functions["Always"]?.environment["TARGET"] == "ProdOnly")
        #expect(prod.outputs == ["Stage": "prod", "ProdFunction": "ProdOnly"])
    }

    @Test("conditions chain through Condition, And, Or and Not, over list parameters")
    func chainedConditions() throws {
        let options = TemplateOptions(parameterOverrides: ["Stage": "prod", "Subnets": "subnet-1,subnet-2"], region: "eu-west-1")
        let template = try read(Self.template(stage: "dev"), options: options)
        #expect(template.functions.keys.sorted() == ["Always", "Either", "NeedsSubnets", "ProdOnly"])
    }

    @Test("referring to a resource whose condition is false names the condition")
    func referenceToOmittedResource() throws {
        let yaml = Self.template(stage: "dev").replacingOccurrences(of: "!If [IsProd, !Ref ProdOnly, none]", with: "!Ref ProdOnly")
        #expect(findingTexts(try read(yaml)) == [
            "warning: resource Always, property Environment.Variables.TARGET: Ref ProdOnly: the resource is not created, its Condition IsProd is false"
        ])
    }

    @Test("a parameter value outside AllowedValues, a condition that refers to itself and an undefined condition are findings")
    func brokenConditions() throws {
        let yaml = """
            Parameters:
              Stage: {Type: String, Default: test, AllowedValues: [dev, prod]}
            Conditions:
              Loop: !Not [!Condition Loop]
            Resources:
              F:
                Type: AWS::Serverless::Function
                Condition: Undefined
                Properties: {CodeUri: f}
            """
        #expect(findingTexts(try read(yaml)) == [
            "error: condition Loop: the condition refers to itself through Condition",
            "error: parameter Stage: test is not one of its AllowedValues (dev, prod)",
            "warning: resource F, property Condition: the condition Undefined is not defined or could not be evaluated, so the resource is left out",
        ])
    }

    @Test("IgnoreGlobals leaves out every global or the ones it names")
    func ignoreGlobals() throws {
        let yaml = """
            Globals:
              Function:
                Timeout: 60
                MemorySize: 1024
                Environment: {Variables: {SHARED: shared}}
            Resources:
              Plain:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: plain, Environment: {Variables: {OWN: x}}}
              NoneAtAll:
                Type: AWS::Serverless::Function
                IgnoreGlobals: '*'
                Properties: {CodeUri: none}
              NoTimeout:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Timeout, Environment]
                Properties: {CodeUri: some}
            """
        let functions = try read(yaml).functions
        #expect(functions["Plain"]?.timeoutSeconds == 60)
        #expect(functions["Plain"]?.environment == ["SHARED": "shared", "OWN": "x"])
        #expect(functions["NoneAtAll"]?.timeoutSeconds == 3)
        #expect(functions["NoneAtAll"]?.memorySize == 128)
        #expect(functions["NoTimeout"]?.timeoutSeconds == 3)
        #expect(functions["NoTimeout"]?.memorySize == 1024)
        #expect(functions["NoTimeout"]?.environment == [:])
    }
}
