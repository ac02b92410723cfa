import EventPatterns
import StateMachine
import Testing

/// Many rules at once: the index returns exactly what matching each pattern alone would.
@Suite("Matching many patterns at once")
struct EventPatternIndexTests {
    /// Rules over 200 sources and 5 detail types, with a prefix-only rule and an $or rule among them.
    static func rules() throws -> [(String, EventPattern)] {
        var rules: [(String, EventPattern)] = []
        for source in 0..<200 {
            for type in 0..<5 {
                rules.append((
                    "exact-\(source)-\(type)",
                    try EventPattern(text: #"{"source": ["app.\#(source)"], "detail-type": ["type \#(type)"]}"#)))
            }
        }
        rules.append(("prefix-only", try EventPattern(text: #"{"source": [{"prefix": "app.1"}]}"#)))
        rules.append(("or", try EventPattern(text: #"{"$or": [{"source": ["app.7"]}, {"detail": {"n": [{"numeric": [">", 10]}]}}]}"#)))
        rules.append(("number", try EventPattern(text: #"{"detail": {"n": [42]}, "source": [{"exists": true}]}"#)))
        return rules
    }

    @Test("every event gets the same rules from the index as from the patterns one by one", arguments: [
        #"{"source": "app.7", "detail-type": "type 3", "detail": {"n": 1}}"#,
        #"{"source": "app.12", "detail-type": "type 0", "detail": {"n": 42.0}}"#,
        #"{"source": "app.150", "detail-type": "type 9", "detail": {"n": 11}}"#,
        #"{"source": "other", "detail-type": "type 1", "detail": {}}"#,
        #"{"source": ["app.3", "app.4"], "detail-type": "type 1"}"#,
    ])
    func sameAsOneByOne(event text: String) throws {
        let rules = try Self.rules()
        var index = EventPatternIndex<String>()
        for (name, pattern) in rules { index.add(pattern, for: name) }
        let event = try JSONValue(parsing: text)
        let expected = rules.filter { $0.1.matches(event) }.map(\.0)
        #expect(Array(index.matches(event)) == expected)
        #expect(index.count == rules.count)
    }
}
