import StateMachine
import Testing

@Suite("Intrinsic functions")
struct IntrinsicFunctionTests {
    static let input = JSONValue.parse(#"""
        {"name": "Arnav", "template": "Hello, my name is {}.", "numbers": [1, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9],
         "escaped": "{\"foo\": \"bar\", \"n\": 1000}", "json": {"foo": "bar"},
         "arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/recipe-name.part/1.0.0",
         "json1": {"a": {"a1": 1}, "b": 2}, "json2": {"a": {"a3": 1}, "c": 3}, "csv": "1,2,,3"}
        """#)

    /// Evaluates `expression` as a Parameters field of a Pass state.
    static func evaluate(_ expression: String) async throws -> Result<JSONValue, StateFailure> {
        let field = JSONValue.string(expression).serialized()
        return try await Harness.run(Harness.passParameters(#"{"v.$": \#(field)}"#), input: input)
            .map { $0["v"] ?? .null }
    }

    @Test("results", arguments: [
        ("States.Format('Hello, my name is {}.', $.name)", #""Hello, my name is Arnav.""#),
        ("States.Format($.template, $.name)", #""Hello, my name is Arnav.""#),
        ("States.Format('{} {} {} {}', 1000, 1.5, true, null)", #""1000 1.5 true null""#),
        (#"States.Format('literal \{\} and {}', 'it\'s')"#, #""literal {} and it's""#),
        (#"States.Format('back\\slash {}', 'x')"#, #""back\\slash x""#),
        ("States.StringToJson($.escaped)", #"{"foo": "bar", "n": 1000}"#),
        ("States.JsonToString($.json)", #""{\"foo\":\"bar\"}""#),
        ("States.Array('Foo', 2020, $.json, null)", #"["Foo", 2020, {"foo": "bar"}, null]"#),
        ("States.Array()", "[]"),
        ("States.ArrayPartition($.numbers, 4)", "[[1,2,3,3],[4,4,5,6],[7,8,9]]"),
        ("States.ArrayContains($.numbers, 5)", "true"),
        ("States.ArrayContains($.numbers, 'x')", "false"),
        ("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]"),
        ("States.ArrayRange(5, 1, -2)", "[5,3,1]"),
        ("States.ArrayGetItem($.numbers, 5)", "4"),
        ("States.ArrayLength($.numbers)", "11"),
        ("States.ArrayUnique($.numbers)", "[1,2,3,4,5,6,7,8,9]"),
        ("States.Base64Encode('Data to encode')", #""RGF0YSB0byBlbmNvZGU=""#),
        ("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", #""Data to encode""#),
        ("States.Hash('input data', 'SHA-1')", #""aaff4a450a104cd177d28d18d74485e8cae074b7""#),
        ("States.Hash('', 'MD5')", #""d41d8cd98f00b204e9800998ecf8427e""#),
        ("States.Hash('abc', 'MD5')", #""900150983cd24fb0d6963f7d28e17f72""#),
        ("States.Hash('abc', 'SHA-256')", #""ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad""#),
        ("States.Hash('abc', 'SHA-384')",
         #""cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7""#),
        ("States.Hash('abc', 'SHA-512')",
         #""ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f""#),
        ("States.JsonMerge($.json1, $.json2, false)", #"{"a": {"a3": 1}, "b": 2, "c": 3}"#),
        ("States.MathAdd(111, -1)", "110"),
        ("States.MathAdd(1.49, 1.5)", "3"),
        ("States.MathAdd(-2.5, 0)", "-2"),
        ("States.MathAdd(-2.51, 0.5)", "-2"),
        ("States.StringToJson('')", "null"),
        ("States.StringToJson('   ')", "null"),
        ("States.Format('{}', States.StringToJson('{\"Arg2\": [], \"Arg1\": 1}'))", #""{Arg1=1, Arg2=[]}""#),
        ("States.Format('{} and {}', $.json, States.Array('a', 1, null, States.Array()))", #""{foo=bar} and [a, 1, null, []]""#),
        ("States.StringSplit($.csv, ',')", #"["1","2","3"]"#),
        ("States.StringSplit('This.is+a,test=string', '.+,=')", #"["This","is","a","test","string"]"#),
        ("States.MathRandom(5, 5)", "5"),
    ])
    func result(_ expression: String, _ expected: String) async throws {
        #expect(try await Self.evaluate(expression).get() == .parse(expected))
    }

    /// The nine-deep call from the AWS guide, which pulls "recipe-name.part" apart by '/' and '.'.
    @Test func nestedCalls() async throws {
        let expression = "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.arn, '/'), 1), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.arn, '/'), 1), '.'), 1), States.ArrayLength(States.Array(1, 2)))"
        #expect(try await Self.evaluate(expression).get() == "recipe-name.part.2")
    }

    @Test func hashOfLongInputCrossesBlocks() async throws {
        let text = String(repeating: "a", count: 200)
        let result = try await Self.evaluate("States.Hash('\(text)', 'SHA-256')").get()
        #expect(result == "c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5")
    }

    @Test func seededMathRandomRepeatsAndStaysInRange() async throws {
        let first = try await Self.evaluate("States.MathRandom(1, 999, 42)").get()
        #expect(try await Self.evaluate("States.MathRandom(1, 999, 42)").get() == first)
        let value = try #require(first.integerValue)
        #expect((1...999).contains(value))
        for _ in 0..<20 {
            let drawn = try #require(try await Self.evaluate("States.MathRandom(-3, 3)").get().integerValue)
            #expect((-3...3).contains(drawn))
        }
    }

    @Test func uuidIsVersion4() async throws {
        let text = try #require(try await Self.evaluate("States.UUID()").get().stringValue)
        let parts = text.split(separator: "-").map(\.count)
        #expect(parts == [8, 4, 4, 4, 12])
        #expect(Array(text)[14] == "4")
        #expect(text == text.lowercased())
    }

    @Test("wrong arguments fail with States.IntrinsicFailure", arguments: [
        "States.ArrayPartition($.numbers, 0)",
        "States.ArrayGetItem($.numbers, 11)",
        "States.ArrayRange(1, 3000, 1)",
        "States.ArrayRange(1, 2, 0)",
        "States.ArrayLength($.name)",
        "States.Format('{} {}', 1)",
        "States.StringToJson($.name)",
        "States.Base64Decode('@@@')",
        "States.Hash('x', 'SHA-3')",
        "States.JsonMerge($.json1, $.json2, true)",
        "States.MathAdd('1', 1)",
        "States.MathRandom(9, 1)",
    ])
    func wrongArguments(_ expression: String) async throws {
        #expect(try await Self.evaluate(expression).failure?.error == "States.IntrinsicFailure")
    }

    @Test func intrinsicFailureCanBeCaught() async throws {
        let result = try await Harness.run(
            #"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "fn", "Parameters": {"n.$": "States.MathAdd($.a, 1)"}, "End": true,
                    "Catch": [{"ErrorEquals": ["States.IntrinsicFailure"], "ResultPath": "$.error", "Next": "Handled"}]},
              "Handled": {"Type": "Pass", "End": true}}}
            """#,
            input: ["a": "not a number"])
        #expect(result.output?["error"]?["Error"] == "States.IntrinsicFailure")
        #expect(result.output?["a"] == "not a number")
    }

    @Test("malformed calls are definition errors", arguments: [
        "States.Nope(1)", "States.ArrayLength()", "States.UUID(1)", "States.Format('x'", "States.Format('open \\escape')",
        "States.Array($..deep)",
    ])
    func malformedCall(_ expression: String) throws {
        let field = JSONValue.string(expression).serialized()
        let error = try Harness.definitionError(Harness.passParameters(#"{"v.$": \#(field)}"#))
        #expect(error.stateName == "P")
        #expect(error.field == "Parameters")
    }
}
