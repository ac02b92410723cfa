import EventPatterns
import Testing

/// anything-but, numeric, exists, and $or: the operators whose semantics surprise.
@Suite("anything-but, numeric, exists and $or")
struct ValueOperatorTests {
    @Test("anything-but matches any leaf not excluded, null and other types included, but never a missing field", arguments: [
        PatternCase(#"{"detail": {"state": [{"anything-but": "initializing"}]}}"#, #"{"state": "running"}"#, true),
        PatternCase(#"{"detail": {"state": [{"anything-but": "initializing"}]}}"#, #"{"state": "initializing"}"#, false),
        PatternCase(#"{"detail": {"state": [{"anything-but": "initializing"}]}}"#, #"{"state": null}"#, true),
        PatternCase(#"{"detail": {"state": [{"anything-but": "initializing"}]}}"#, #"{}"#, false),
        PatternCase(#"{"detail": {"state": [{"anything-but": "initializing"}]}}"#, #"{"state": 3}"#, true),
        PatternCase(#"{"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}"#, #"{"state": "stopped"}"#, false),
        PatternCase(#"{"detail": {"state": [{"anything-but": "a"}]}}"#, #"{"state": ["a", "b"]}"#, true),
        PatternCase(#"{"detail": {"state": [{"anything-but": "a"}]}}"#, #"{"state": ["a"]}"#, false),
        PatternCase(#"{"detail": {"code": [{"anything-but": [100, 200]}]}}"#, #"{"code": 100.0}"#, false),
        PatternCase(#"{"detail": {"code": [{"anything-but": [100, 200]}]}}"#, #"{"code": 150}"#, true),
        PatternCase(#"{"detail": {"code": [{"anything-but": [100, 200]}]}}"#, #"{"code": "100"}"#, true),
        PatternCase(#"{"detail": {"code": [{"anything-but": 0}]}}"#, #"{"code": 0}"#, false),
        PatternCase(#"{"region": [{"anything-but": {"prefix": "us-"}}]}"#, #"{}"#, false),
        PatternCase(#"{"detail": {"r": [{"anything-but": {"prefix": "us-"}}]}}"#, #"{"r": "eu-west-1"}"#, true),
        PatternCase(#"{"detail": {"r": [{"anything-but": {"prefix": "us-"}}]}}"#, #"{"r": 5}"#, true),
        PatternCase(#"{"detail": {"f": [{"anything-but": {"suffix": [".png", ".jpg"]}}]}}"#, #"{"f": "a.jpg"}"#, false),
        PatternCase(#"{"detail": {"f": [{"anything-but": {"suffix": [".png", ".jpg"]}}]}}"#, #"{"f": "a.gif"}"#, true),
        PatternCase(#"{"detail": {"s": [{"anything-but": {"equals-ignore-case": ["Stopped", "x"]}}]}}"#, #"{"s": "STOPPED"}"#, false),
        PatternCase(#"{"detail": {"s": [{"anything-but": {"equals-ignore-case": "Stopped"}}]}}"#, #"{"s": "running"}"#, true),
        PatternCase(#"{"detail": {"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}}"#, #"{"p": "/usr/lib/x.so"}"#, false),
        PatternCase(#"{"detail": {"p": [{"anything-but": {"wildcard": "*/lib/*"}}]}}"#, #"{"p": "/usr/bin/x"}"#, true),
    ])
    func anythingBut(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("numeric: one or two bounds, open or closed, or =; numbers only, exact to six decimals", arguments: [
        PatternCase(#"{"detail": {"n": [{"numeric": [">", 0, "<=", 5]}]}}"#, #"{"n": 5}"#, true),
        PatternCase(#"{"detail": {"n": [{"numeric": [">", 0, "<=", 5]}]}}"#, #"{"n": 0}"#, false),
        PatternCase(#"{"detail": {"n": [{"numeric": [">", 0, "<=", 5]}]}}"#, #"{"n": 5.000001}"#, false),
        PatternCase(#"{"detail": {"n": [{"numeric": [">=", 0, "<", 5]}]}}"#, #"{"n": 0}"#, true),
        PatternCase(#"{"detail": {"n": [{"numeric": [">=", 0, "<", 5]}]}}"#, #"{"n": 4.999999}"#, true),
        PatternCase(#"{"detail": {"n": [{"numeric": ["<", 10]}]}}"#, #"{"n": -3}"#, true),
        PatternCase(#"{"detail": {"n": [{"numeric": ["=", 3.018e2]}]}}"#, #"{"n": 301.8}"#, true),
        PatternCase(#"{"detail": {"n": [{"numeric": ["=", 0.1]}]}}"#, #"{"n": 0.1}"#, true),
        PatternCase(#"{"detail": {"n": [{"numeric": [">=", 1e9]}]}}"#, #"{"n": 5000000000}"#, true),
        PatternCase(#"{"detail": {"n": [{"numeric": [">", 0]}]}}"#, #"{"n": "5"}"#, false),
        PatternCase(#"{"detail": {"n": [{"numeric": [">", 0]}]}}"#, #"{"n": [-1, 2]}"#, true),
        PatternCase(#"{"detail": {"n": [{"numeric": [">", 0]}]}}"#, #"{"n": 1e15}"#, false),
    ])
    func numeric(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("exists looks at leaves: null is one, an empty array or an object is not", arguments: [
        PatternCase(#"{"detail": {"k": [{"exists": true}]}}"#, #"{"k": "v"}"#, true),
        PatternCase(#"{"detail": {"k": [{"exists": true}]}}"#, #"{"k": null}"#, true),
        PatternCase(#"{"detail": {"k": [{"exists": true}]}}"#, #"{}"#, false),
        PatternCase(#"{"detail": {"k": [{"exists": true}]}}"#, #"{"k": []}"#, false),
        PatternCase(#"{"detail": {"k": [{"exists": true}]}}"#, #"{"k": {"c": 1}}"#, false),
        PatternCase(#"{"detail": {"k": [{"exists": false}]}}"#, #"{}"#, true),
        PatternCase(#"{"detail": {"k": [{"exists": false}]}}"#, #"{"k": "v"}"#, false),
        PatternCase(#"{"detail": {"k": [{"exists": false}]}}"#, #"{"k": {"c": 1}}"#, true),
        PatternCase(#"{"detail": {"k": [{"exists": false}]}}"#, #"{"k": []}"#, true),
        PatternCase(#"{"detail": {"k": ["v", {"exists": false}]}}"#, #"{}"#, true),
        PatternCase(#"{"detail": {"k": ["v", {"exists": false}]}}"#, #"{"k": "w"}"#, false),
    ])
    func exists(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("$or: any of two or more objects, combined with the fields beside it, at any depth", arguments: [
        PatternCase(#"{"source": ["aws.s3"], "$or": [{"detail": {"a": ["1"]}}, {"detail": {"b": ["2"]}}]}"#, #"{"b": "2"}"#, true),
        PatternCase(#"{"source": ["aws.s3"], "$or": [{"detail": {"a": ["1"]}}, {"detail": {"b": ["2"]}}]}"#, #"{"b": "3"}"#, false),
        PatternCase(#"{"source": ["aws.ec2"], "$or": [{"detail": {"a": ["1"]}}, {"detail": {"b": ["2"]}}]}"#, #"{"a": "1"}"#, false),
        PatternCase(#"{"detail": {"$or": [{"a": ["1"]}, {"b": [{"numeric": [">", 5]}]}]}}"#, #"{"b": 6}"#, true),
        PatternCase(
            #"{"detail": {"$or": [{"a": ["1"]}, {"b": ["2"], "$or": [{"c": ["3"]}, {"d": ["4"]}]}]}}"#, #"{"b": "2", "d": "4"}"#, true),
        PatternCase(
            #"{"detail": {"$or": [{"a": ["1"]}, {"b": ["2"], "$or": [{"c": ["3"]}, {"d": ["4"]}]}]}}"#, #"{"b": "2", "d": "5"}"#, false),
        PatternCase(#"{"$or": [{"detail": {"k": [{"exists": false}]}}, {"source": ["nobody"]}]}"#, #"{}"#, true),
    ])
    func or(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }
}
