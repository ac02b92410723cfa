import EventPatterns
import Testing

/// Literal values, nesting and paths: what most rules are made of.
@Suite("Exact values, nesting and paths")
struct ExactMatchingTests {
    @Test("literal values match by type and value", arguments: [
        PatternCase(#"{"source": ["aws.s3"]}"#, #"{}"#, true),
        PatternCase(#"{"source": ["aws.ec2"]}"#, #"{}"#, false),
        PatternCase(#"{"source": ["aws.ec2", "aws.s3"]}"#, #"{}"#, true),
        PatternCase(#"{"Source": ["aws.s3"]}"#, #"{}"#, false),
        PatternCase(#"{"detail": {"size": [5]}}"#, #"{"size": 5.0}"#, true),
        PatternCase(#"{"detail": {"size": [5]}}"#, #"{"size": "5"}"#, false),
        PatternCase(#"{"detail": {"size": ["5"]}}"#, #"{"size": 5}"#, false),
        PatternCase(#"{"detail": {"ratio": [0.25]}}"#, #"{"ratio": 2.5e-1}"#, true),
        PatternCase(#"{"detail": {"account": [123456789012]}}"#, #"{"account": 123456789012}"#, true),
        PatternCase(#"{"detail": {"flag": [true]}}"#, #"{"flag": true}"#, true),
        PatternCase(#"{"detail": {"flag": [true]}}"#, #"{"flag": "true"}"#, false),
        PatternCase(#"{"detail": {"flag": [false]}}"#, #"{"flag": true}"#, false),
        PatternCase(#"{"detail": {"gone": [null]}}"#, #"{"gone": null}"#, true),
        PatternCase(#"{"detail": {"gone": [null]}}"#, #"{}"#, false),
        PatternCase(#"{"detail": {"gone": [null]}}"#, #"{"gone": ""}"#, false),
        PatternCase(#"{"detail": {"name": [""]}}"#, #"{"name": ""}"#, true),
        PatternCase(#"{"detail": {"name": [""]}}"#, #"{"name": null}"#, false),
    ])
    func literals(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("objects nest by path, and dotted keys name the same path on either side", arguments: [
        PatternCase(#"{"detail": {"object": {"key": ["in/a.csv"]}}}"#, #"{"object": {"key": "in/a.csv"}}"#, true),
        PatternCase(#"{"detail.object.key": ["in/a.csv"]}"#, #"{"object": {"key": "in/a.csv"}}"#, true),
        PatternCase(#"{"detail": {"object": {"key": ["in/a.csv"]}}}"#, #"{"object.key": "in/a.csv"}"#, true),
        PatternCase(#"{"detail": {"object": {"key": ["in/a.csv"]}}}"#, #"{"object": {"key": "in/b.csv"}}"#, false),
        PatternCase(#"{"detail": {"object": ["in/a.csv"]}}"#, #"{"object": {"key": "in/a.csv"}}"#, false),
        PatternCase(#"{"source": ["aws.s3"], "detail": {"bucket": {"name": ["landing"]}}}"#, #"{"bucket": {"name": "other"}}"#, false),
    ])
    func paths(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("a field in an array matches when any element does; fields under one array of objects must hold in the same element", arguments: [
        PatternCase(#"{"resources": ["arn:aws:s3:::landing"]}"#, #"{}"#, true),
        PatternCase(#"{"detail": {"tags": ["b"]}}"#, #"{"tags": ["a", "b"]}"#, true),
        PatternCase(#"{"detail": {"tags": ["c"]}}"#, #"{"tags": ["a", ["b", "c"]]}"#, true),
        PatternCase(#"{"detail": {"items": {"name": ["a"]}}}"#, #"{"items": [{"name": "a"}, {"name": "b"}]}"#, true),
        PatternCase(
            #"{"detail": {"items": {"name": ["a"], "size": [2]}}}"#, #"{"items": [{"name": "a", "size": 1}, {"name": "b", "size": 2}]}"#,
            false),
        PatternCase(
            #"{"detail": {"items": {"name": ["b"], "size": [2]}}}"#, #"{"items": [{"name": "a", "size": 1}, {"name": "b", "size": 2}]}"#,
            true),
        PatternCase(
            #"{"detail": {"items": {"name": ["a"]}, "owner": ["me"]}}"#, #"{"owner": "me", "items": [{"name": "b"}, {"name": "a"}]}"#,
            true),
        PatternCase(#"{"detail": {"tags": ["a"]}}"#, #"{"tags": []}"#, false),
    ])
    func arrays(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("a key given twice in a pattern counts once, its last value")
    func duplicatedKey() throws {
        let pattern = try EventPattern(text: #"{"source": ["aws.ec2"], "source": ["aws.s3"]}"#)
        #expect(pattern.matches(try PatternCase("", "{}", true).eventValue()))
    }
}
