import EventPatterns
import LambdaHost
import StateMachine

extension FuzzTarget {
    /// A template as `emulator up`, `start` and `start-execution` read it: the document, its
    /// functions, its event wiring and each state machine's definition.
    static let template = FuzzTarget(
        name: "template", summary: "the emulator's template reader (YAML, intrinsics, wiring, state machines)",
        seedFiles: ["template.yaml", "Benchmarks/template.yaml"]
    ) { bytes in
        let template: SAMTemplate
        do throws(TemplateError) {
            template = try SAMTemplate.parse(yaml: String(decoding: bytes, as: UTF8.self), path: "/fuzz/template.yaml")
        } catch {
            return .refused("TemplateError")
        }
        _ = EventWiring(template: template)
        for name in template.stateMachineNames {
            guard let definition = try? template.stateMachineDefinition(named: name) else { continue }
            _ = try? StateMachineDefinition(json: definition)
        }
        return .accepted
    }

    /// An Amazon States Language definition as `start-execution` reads it.
    static let stateMachine = FuzzTarget(
        name: "asl", summary: "the ASL definition parser",
        seeds: [
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x.$": "$.y"}, "ResultPath": "$.r", "Next": "B"}, "B": {"Type": "Choice", "Choices": [{"Variable": "$.r", "NumericGreaterThan": 1, "Next": "C"}], "Default": "C"}, "C": {"Type": "Succeed"}}}"#,
            #"{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "JitterStrategy": "FULL"}], "End": true}}}, "ItemBatcher": {"MaxItemsPerBatch": 10}, "ToleratedFailurePercentage": 5, "End": true}}}"#,
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "Next": "P"}, "P": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "CausePath": "States.Format('{}', $.c)"}}}], "Catch": [{"ErrorEquals": ["E"], "Next": "S"}], "End": true}, "S": {"Type": "Succeed"}}}"#,
        ]
    ) { bytes in
        let json: JSONValue
        do {
            json = try JSONValue(parsing: String(decoding: bytes, as: UTF8.self))
        } catch {
            return verdict(of: error, expecting: JSONParseError.self)
        }
        do throws(DefinitionError) {
            _ = try StateMachineDefinition(json: json)
            return .accepted
        } catch {
            return .refused("DefinitionError")
        }
    }

    /// An EventBridge pattern as `test-event-pattern` and the rules read it, matched against the
    /// sample S3 event when it is valid.
    static let eventPattern = FuzzTarget(
        name: "event-pattern", summary: "the event pattern compiler and matcher",
        seeds: [
            #"{"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": [{"prefix": "in-"}]}, "object": {"size": [{"numeric": [">", 0, "<=", 5e9]}]}}}"#,
            #"{"detail": {"object": {"key": [{"anything-but": {"suffix": ".tmp"}}, {"wildcard": "*/2026/*.csv"}]}}, "$or": [{"region": [{"equals-ignore-case": "EU-WEST-1"}]}, {"account": [{"exists": false}]}]}"#,
            #"{"detail": {"source-ip-address": [{"cidr": "10.0.0.0/24"}, {"cidr": "2001:db8::/32"}], "requester": [null, "", {"anything-but": ["a", "b"]}]}}"#,
        ]
    ) { bytes in
        let pattern: EventPattern
        do throws(InvalidEventPatternError) {
            pattern = try EventPattern(text: String(decoding: bytes, as: UTF8.self))
        } catch {
            return .refused("InvalidEventPatternException")
        }
        _ = pattern.matches(sampleEvent)
        return .accepted
    }

    private static let sampleEvent: JSONValue = {
        let text = #"{"version": "0", "id": "e-1", "source": "aws.s3", "detail-type": "Object Created", "account": "123456789012", "region": "eu-west-1", "time": "2026-11-27T09:00:00Z", "resources": ["arn:aws:s3:::in-bucket"], "detail": {"bucket": {"name": "in-bucket"}, "object": {"key": "acme/2026/a.csv", "size": 42, "etag": "e1"}, "source-ip-address": "10.0.0.7", "requester": "123456789012"}}"#
        return (try? JSONValue(parsing: text)) ?? .null
    }()
}
