import EventPatterns
import Testing

/// The operators on strings: prefix, suffix, equals-ignore-case, wildcard, cidr.
@Suite("String operators")
struct StringOperatorTests {
    @Test("prefix and suffix, with and without equals-ignore-case, on strings only", arguments: [
        PatternCase(#"{"detail": {"key": [{"prefix": "img/"}]}}"#, #"{"key": "img/cat.png"}"#, true),
        PatternCase(#"{"detail": {"key": [{"prefix": "img/"}]}}"#, #"{"key": "IMG/cat.png"}"#, false),
        PatternCase(#"{"detail": {"key": [{"prefix": {"equals-ignore-case": "IMG/"}}]}}"#, #"{"key": "img/cat.png"}"#, true),
        PatternCase(#"{"detail": {"key": [{"prefix": ""}]}}"#, #"{"key": "anything"}"#, true),
        PatternCase(#"{"detail": {"key": [{"prefix": ""}]}}"#, #"{"key": 5}"#, false),
        PatternCase(#"{"detail": {"size": [{"prefix": "1"}]}}"#, #"{"size": 12}"#, false),
        PatternCase(#"{"detail": {"key": [{"suffix": ".png"}]}}"#, #"{"key": "img/cat.png"}"#, true),
        PatternCase(#"{"detail": {"key": [{"suffix": ".png"}]}}"#, #"{"key": "img/cat.PNG"}"#, false),
        PatternCase(#"{"detail": {"key": [{"suffix": {"equals-ignore-case": ".png"}}]}}"#, #"{"key": "img/cat.PNG"}"#, true),
        PatternCase(#"{"detail": {"key": [{"suffix": ".png"}, {"suffix": ".jpg"}]}}"#, #"{"key": "a.jpg"}"#, true),
        PatternCase(#"{"detail": {"key": [{"prefix": "é"}]}}"#, #"{"key": "été"}"#, true),
    ])
    func affixes(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("equals-ignore-case", arguments: [
        PatternCase(#"{"detail-type": [{"equals-ignore-case": "object CREATED"}]}"#, #"{}"#, true),
        PatternCase(#"{"detail-type": [{"equals-ignore-case": "object deleted"}]}"#, #"{}"#, false),
        PatternCase(#"{"detail": {"n": [{"equals-ignore-case": "5"}]}}"#, #"{"n": 5}"#, false),
    ])
    func ignoringCase(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("wildcard: * is any run of characters, none included; \\* is a star", arguments: [
        PatternCase(#"{"detail": {"key": [{"wildcard": "img/*.png"}]}}"#, #"{"key": "img/a/b.png"}"#, true),
        PatternCase(#"{"detail": {"key": [{"wildcard": "img/*.png"}]}}"#, #"{"key": "img/.png"}"#, true),
        PatternCase(#"{"detail": {"key": [{"wildcard": "img/*.png"}]}}"#, #"{"key": "img/a.jpg"}"#, false),
        PatternCase(#"{"detail": {"key": [{"wildcard": "*"}]}}"#, #"{"key": ""}"#, true),
        PatternCase(#"{"detail": {"key": [{"wildcard": "*"}]}}"#, #"{"key": 3}"#, false),
        PatternCase(#"{"detail": {"key": [{"wildcard": "a*b*a"}]}}"#, #"{"key": "aba"}"#, true),
        PatternCase(#"{"detail": {"key": [{"wildcard": "a*b*a"}]}}"#, #"{"key": "ab"}"#, false),
        PatternCase(#"{"detail": {"key": [{"wildcard": "a\\*b"}]}}"#, #"{"key": "a*b"}"#, true),
        PatternCase(#"{"detail": {"key": [{"wildcard": "a\\*b"}]}}"#, #"{"key": "axb"}"#, false),
        PatternCase(#"{"detail": {"key": [{"wildcard": "a\\\\b"}]}}"#, #"{"key": "a\\b"}"#, true),
        PatternCase(#"{"detail": {"arn": [{"wildcard": "arn:aws:events:*:*:event-bus/*"}]}}"#,
                    #"{"arn": "arn:aws:events:us-east-1:123456789012:event-bus/main"}"#, true),
    ])
    func wildcards(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }

    @Test("cidr and IP literals, IPv4 and IPv6", arguments: [
        PatternCase(#"{"detail": {"ip": [{"cidr": "10.0.0.0/24"}]}}"#, #"{"ip": "10.0.0.255"}"#, true),
        PatternCase(#"{"detail": {"ip": [{"cidr": "10.0.0.0/24"}]}}"#, #"{"ip": "10.0.1.0"}"#, false),
        PatternCase(#"{"detail": {"ip": [{"cidr": "10.0.0.0/24"}]}}"#, #"{"ip": "not an address"}"#, false),
        PatternCase(#"{"detail": {"ip": [{"cidr": "10.0.0.0/8"}]}}"#, #"{"ip": ["192.168.0.1", "10.9.8.7"]}"#, true),
        PatternCase(#"{"detail": {"ip": [{"cidr": "2001:db8::/32"}]}}"#, #"{"ip": "2001:0db8:1::1"}"#, true),
        PatternCase(#"{"detail": {"ip": [{"cidr": "2001:db8::/32"}]}}"#, #"{"ip": "2001:db9::1"}"#, false),
        PatternCase(#"{"detail": {"ip": [{"cidr": "2001:db8::/32"}]}}"#, #"{"ip": "10.0.0.1"}"#, false),
        PatternCase(#"{"detail": {"ip": ["10.0.0.1"]}}"#, #"{"ip": "10.0.0.1"}"#, true),
        PatternCase(#"{"detail": {"ip": ["::1"]}}"#, #"{"ip": "0:0:0:0:0:0:0:1"}"#, true),
        PatternCase(#"{"detail": {"ip": ["10.0.0.1"]}}"#, #"{"ip": "10.0.0.2"}"#, false),
    ])
    func addresses(_ testCase: PatternCase) throws {
        #expect(try EventPattern(text: testCase.pattern).matches(testCase.eventValue()) == testCase.matches)
    }
}
