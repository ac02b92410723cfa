import EventPatterns
import Testing

/// Patterns EventBridge refuses, each with the reason AWS gives for it.
@Suite("Patterns EventBridge refuses")
struct RefusalTests {
    @Test("structure", arguments: [
        RefusalCase(#"["aws.s3"]"#, "Filter is not an object"),
        RefusalCase(#"{}"#, "Empty objects are not allowed"),
        RefusalCase(#"{"detail": {}}"#, "Empty objects are not allowed"),
        RefusalCase(#"{"source": "aws.s3"}"#, #""source" must be an object or an array"#),
        RefusalCase(#"{"detail": {"size": 42}}"#, #""size" must be an object or an array"#),
        RefusalCase(#"{"resources": []}"#, "Empty arrays are not allowed"),
        RefusalCase(#"{"source": [["aws.s3"]]}"#, "Match value must be String, number, true, false, or null"),
        RefusalCase(#"{"source": [{}]}"#, "Match expression name not found"),
        RefusalCase(#"{"source": [{"prefix": "a", "suffix": "b"}]}"#, "Only one key allowed in match expression"),
        RefusalCase(#"{"source": [{"EXISTS": true}]}"#, "Unrecognized match type EXISTS"),
        RefusalCase(#"{"source": [{"regex": "a.*"}]}"#, "Unrecognized match type regex"),
    ])
    func structure(_ testCase: RefusalCase) {
        expectRefusal(testCase)
    }

    @Test("$or", arguments: [
        RefusalCase(#"{"$or": [{"source": ["a"]}]}"#, "There must have at least 2 Objects in $or relationship."),
        RefusalCase(#"{"$or": {"source": ["a"]}}"#, "It must be an Array followed with $or."),
        RefusalCase(#"{"$or": [{"source": ["a"]}, "b"]}"#, "Only JSON object is allowed in array of $or relationship."),
        RefusalCase(#"{"$or": [{"numeric": ["a"]}, {"b": ["c"]}]}"#, "numeric is Ruler reserved fieldName which cannot be used inside $or."),
    ])
    func or(_ testCase: RefusalCase) {
        expectRefusal(testCase)
    }

    @Test("operands of the wrong type", arguments: [
        RefusalCase(#"{"a": [{"prefix": 1}]}"#, "prefix match pattern must be a string"),
        RefusalCase(#"{"a": [{"prefix": ["x"]}]}"#, "prefix match pattern must be a string"),
        RefusalCase(#"{"a": [{"suffix": [".png"]}]}"#, "suffix match pattern must be a string"),
        RefusalCase(#"{"a": [{"prefix": {"exists": true}}]}"#, "Unsupported prefix pattern: exists"),
        RefusalCase(#"{"a": [{"equals-ignore-case": ["x"]}]}"#, "equals-ignore-case match pattern must be a string"),
        RefusalCase(#"{"a": [{"wildcard": 123}]}"#, "wildcard match pattern must be a string"),
        RefusalCase(#"{"a": [{"exactly": 1}]}"#, "exact match pattern must be a string"),
        RefusalCase(#"{"a": [{"exists": "yes"}]}"#, "exists match pattern must be either true or false."),
        RefusalCase(#"{"a": [{"cidr": 10}]}"#, "prefix match pattern must be a string"),
    ])
    func operands(_ testCase: RefusalCase) {
        expectRefusal(testCase)
    }

    @Test("numeric", arguments: [
        RefusalCase(#"{"a": [{"numeric": ">"}]}"#, "Value of numeric must be an array."),
        RefusalCase(#"{"a": [{"numeric": [5]}]}"#, "Invalid member in numeric match: 5"),
        RefusalCase(#"{"a": [{"numeric": ["!=", 5]}]}"#, "Unrecognized numeric range operator: !="),
        RefusalCase(#"{"a": [{"numeric": [">", 0, ">", 0]}]}"#, "Bad numeric range operator: >"),
        RefusalCase(#"{"a": [{"numeric": [">", 0, "<"]}]}"#, "Value of < must be numeric"),
        RefusalCase(#"{"a": [{"numeric": [">", "0"]}]}"#, "Value of > must be numeric"),
        RefusalCase(#"{"a": [{"numeric": ["=", "0"]}]}"#, "Value of equals must be numeric"),
        RefusalCase(#"{"a": [{"numeric": ["<", 1, 2]}]}"#, "Too many elements in numeric expression"),
        RefusalCase(#"{"a": [{"numeric": [">", 0, "<", 5, 6]}]}"#, "Too many terms in numeric range expression"),
        RefusalCase(#"{"a": [{"numeric": [">", 5, "<", 1]}]}"#, "Bottom must be less than top"),
        RefusalCase(#"{"a": [{"numeric": [">=", 5, "<=", 5]}]}"#, "Bottom must be less than top"),
        RefusalCase(#"{"a": [{"numeric": ["=", 1e12]}]}"#, "Value must be between -5.0E11 and 5.0E11, inclusive"),
        RefusalCase(#"{"a": [{"numeric": ["=", 0.0000001]}]}"#, "Only values upto 6 decimals are supported"),
    ])
    func numeric(_ testCase: RefusalCase) {
        expectRefusal(testCase)
    }

    @Test("anything-but", arguments: [
        RefusalCase(#"{"a": [{"anything-but": true}]}"#, "Value of anything-but must be an array or single string/number value."),
        RefusalCase(#"{"a": [{"anything-but": ["a", 1]}]}"#,
                    "Inside anything but list, either all values are number or string, mixed type is not supported"),
        RefusalCase(#"{"a": [{"anything-but": [null]}]}"#, "Inside anything but list, start|null|boolean is not supported."),
        RefusalCase(#"{"a": [{"anything-but": {"regex": "x"}}]}"#, "Unsupported anything-but pattern: regex"),
        RefusalCase(#"{"a": [{"anything-but": {}}]}"#, "Anything-But expression name not found"),
        RefusalCase(#"{"a": [{"anything-but": {"prefix": ""}}]}"#, "Null prefix/suffix not allowed"),
        RefusalCase(#"{"a": [{"anything-but": {"suffix": 123}}]}"#, "prefix/suffix match pattern must be a string"),
        RefusalCase(#"{"a": [{"anything-but": {"prefix": {"equals-ignore-case": "x"}}}]}"#,
                    "Value of anything-but must be an array or single string/number value."),
        RefusalCase(#"{"a": [{"anything-but": {"equals-ignore-case": 123}}]}"#,
                    "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."),
        RefusalCase(#"{"a": [{"anything-but": {"wildcard": [123, "x*"]}}]}"#, "wildcard match pattern must be a string"),
    ])
    func anythingBut(_ testCase: RefusalCase) {
        expectRefusal(testCase)
    }

    @Test("cidr and wildcard syntax", arguments: [
        RefusalCase(#"{"a": [{"cidr": "10.0.0.0"}]}"#, "Malformed CIDR, one '/' required"),
        RefusalCase(#"{"a": [{"cidr": "10.0.0.0/x"}]}"#, "Malformed CIDR, mask bits must be an integer"),
        RefusalCase(#"{"a": [{"cidr": "10.0.0.0/32"}]}"#, "IPv4 mask bits must be < 32"),
        RefusalCase(#"{"a": [{"cidr": "::/128"}]}"#, "IPv6 mask bits must be < 128"),
        RefusalCase(#"{"a": [{"cidr": "300.0.0.0/8"}]}"#, "Invalid IP address: 300.0.0.0"),
        RefusalCase(#"{"a": [{"cidr": "host.example/8"}]}"#, "Nonstandard IP address: host.example"),
        RefusalCase(#"{"a": [{"wildcard": "a**"}]}"#, "Consecutive wildcard characters at pos 2"),
        RefusalCase(#"{"a": [{"wildcard": "a\\b"}]}"#, "Invalid escape character at pos 2"),
        RefusalCase(#"{"EventBusArn": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#,
                    "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"),
    ])
    func syntax(_ testCase: RefusalCase) {
        expectRefusal(testCase)
    }

    @Test("text that is not JSON is refused as a pattern")
    func notJSON() {
        #expect(throws: InvalidEventPatternError.self) { try EventPattern(text: "{'bad': 'quotation'}") }
    }

    @Test("the message is AWS's: the exception's name, the reason, then where the parser stood in the text")
    func message() throws {
        let error = try #require(throws: InvalidEventPatternError.self) { try EventPattern(text: #"{"resources": []}"#) }
        let expected = #"Event pattern is not valid. Reason: Empty arrays are not allowed at [Source: (String)"{"resources": []}"; line: 1, column: 17]"#
        #expect(error.message == expected)
        #expect(error.description == "InvalidEventPatternException: " + expected)
    }

    /// Refusals AWS gave for these patterns, as quoted in public bug reports, with the position it reported.
    @Test("the position is AWS's: after an empty object's brace, just inside a string's opening quote, on the right line", arguments: [
        PositionCase(#"{"source": ["aws.health"], "detail": {}}"#, "Empty objects are not allowed", line: 1, column: 40),
        PositionCase(
            #"{"detail-type":["CodeCommit Repository State Change"],"resources":"arn:aws:codecommit:eu-west-1:111111111111:pipelines","source":["aws.codecommit"]}"#,
            #""resources" must be an object or an array"#, line: 1, column: 68),
        PositionCase(
            "{\n  \"detail-type\": [ \"Build Started\", \"Build Finished\" ],\n  \"detail\": {\n    \"pipeline\": {\n      \"slug\": \"some-pipeline\"\n    }\n  }\n}",
            #""slug" must be an object or an array"#, line: 5, column: 16),
    ])
    func position(_ testCase: PositionCase) throws {
        let error = try #require(throws: InvalidEventPatternError.self) { try EventPattern(text: testCase.pattern) }
        #expect(error.reason == testCase.reason)
        #expect(error.message.hasSuffix(#"; line: \#(testCase.line), column: \#(testCase.column)]"#), "\(error.message)")
        #expect(error.message.contains(#" at [Source: (String)"\#(testCase.pattern)""#))
    }

    @Test("faults inside match expressions point at the operand, and long texts are cut as Jackson cuts them")
    func innerPositions() throws {
        let numeric = try #require(throws: InvalidEventPatternError.self) { try EventPattern(text: #"{"a": [{"numeric": [">", "0"]}]}"#) }
        #expect(numeric.message.hasSuffix("line: 1, column: 27]"), "\(numeric.message)")
        let long = #"{"a": ["# + String(repeating: #""x", "#, count: 200) + #"{"prefix": 1}]}"#
        let cut = try #require(throws: InvalidEventPatternError.self) { try EventPattern(text: long) }
        #expect(cut.reason == "prefix match pattern must be a string")
        #expect(cut.message.contains(#""[truncated \#(long.utf16.count - 500) chars]; line: 1, column: \#(long.utf16.count - 2)]"#), "\(cut.message)")
        let notJSON = try #require(throws: InvalidEventPatternError.self) { try EventPattern(text: "{\n'bad': 1}") }
        #expect(notJSON.message.hasSuffix("line: 2, column: 1]"), "\(notJSON.message)")
    }

    private func expectRefusal(_ testCase: RefusalCase) {
        do {
            _ = try EventPattern(text: testCase.pattern)
            Issue.record("accepted \(testCase.pattern)")
        } catch {
            #expect(error.reason == testCase.reason)
        }
    }
}

struct PositionCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let reason: String
    let line: Int
    let column: Int

    init(_ pattern: String, _ reason: String, line: Int, column: Int) {
        self.pattern = pattern
        self.reason = reason
        self.line = line
        self.column = column
    }

    var testDescription: String { pattern }
}
