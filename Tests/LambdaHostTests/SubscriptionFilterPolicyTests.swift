@testable import LambdaHost
import StateMachine
import Testing

/// SNS filter policies read and applied as SNS applies them, on a message's attributes by their
/// type or on its body.
@Suite("SNS subscription filter policies")
struct SubscriptionFilterPolicyTests {
    private func attributes(_ entries: [(String, String, String)]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: entries.map { ($0.0, ["Type": .string($0.1), "Value": .string($0.2)]) }))
    }

    private func policy(_ text: String, scope: String? = nil) throws -> SubscriptionFilterPolicy {
        try SubscriptionFilterPolicy(policy: try JSONValue(parsing: text), scope: scope)
    }

    @Test("attributes: strings, numbers by value and only as Numbers, arrays by any element, Binary never")
    func attributeTypes() throws {
        let numeric = try policy(#"{"price": [{"numeric": [">=", 10, "<", 20]}]}"#)
        #expect(numeric.admits(message: "", attributes: attributes([("price", "Number", "10")])))
        #expect(numeric.admits(message: "", attributes: attributes([("price", "Number", "1.95e1")])))
        #expect(!numeric.admits(message: "", attributes: attributes([("price", "Number", "20")])))
        #expect(!numeric.admits(message: "", attributes: attributes([("price", "String", "15")])))
        let exact = try policy(#"{"store": ["example_corp"], "size": [3]}"#)
        #expect(exact.admits(message: "", attributes: attributes([("store", "String", "example_corp"), ("size", "Number", "3.0")])))
        #expect(!exact.admits(message: "", attributes: attributes([("store", "String", "example_corp"), ("size", "String", "3")])))
        let array = try policy(#"{"customer_interests": ["rugby", "football"]}"#)
        #expect(array.admits(message: "", attributes: attributes([("customer_interests", "String.Array", #"["soccer", "rugby"]"#)])))
        #expect(!array.admits(message: "", attributes: attributes([("customer_interests", "String.Array", #"["soccer"]"#)])))
        let binary = try policy(#"{"blob": [{"exists": true}]}"#)
        #expect(!binary.admits(message: "", attributes: attributes([("blob", "Binary", "AAEC")])))
    }

    @Test("attributes: anything-but, prefix, exists false and $or, and a message without attributes")
    func attributeOperators() throws {
        let anythingBut = try policy(#"{"event": [{"anything-but": ["order_cancelled"]}]}"#)
        #expect(anythingBut.admits(message: "", attributes: attributes([("event", "String", "order_placed")])))
        #expect(!anythingBut.admits(message: "", attributes: attributes([("event", "String", "order_cancelled")])))
        #expect(!anythingBut.admits(message: "", attributes: nil))
        let absent = try policy(#"{"store": [{"exists": false}]}"#)
        #expect(absent.admits(message: "", attributes: nil))
        #expect(!absent.admits(message: "", attributes: attributes([("store", "String", "x")])))
        let either = try policy(#"{"$or": [{"source": [{"prefix": "aws."}]}, {"region": ["eu-west-1"]}]}"#)
        #expect(either.admits(message: "", attributes: attributes([("source", "String", "aws.s3")])))
        #expect(either.admits(message: "", attributes: attributes([("region", "String", "eu-west-1")])))
        #expect(!either.admits(message: "", attributes: attributes([("source", "String", "app")])))
    }

    @Test("body: nested keys in the message's JSON; a body that is not a JSON object matches nothing")
    func body() throws {
        let nested = try policy(#"{"order": {"total": [{"numeric": [">", 100]}]}}"#, scope: "MessageBody")
        #expect(nested.admits(message: #"{"order": {"total": 120, "id": "a"}}"#, attributes: nil))
        #expect(!nested.admits(message: #"{"order": {"total": 20}}"#, attributes: nil))
        #expect(!nested.admits(message: "total 120", attributes: nil))
        #expect(!nested.admits(message: "[120]", attributes: nil))
    }

    @Test("policies SNS refuses: nested keys on attributes, wildcard, an unknown scope, invalid patterns")
    func refused() {
        #expect(throws: SubscriptionFilterPolicyError.self) { try policy(#"{"order": {"total": [1]}}"#) }
        #expect(throws: SubscriptionFilterPolicyError.self) { try policy(#"{"key": [{"wildcard": "a*"}]}"#, scope: "MessageBody") }
        #expect(throws: SubscriptionFilterPolicyError.self) { try policy(#"{"key": ["a"]}"#, scope: "Body") }
        #expect(throws: SubscriptionFilterPolicyError.self) { try policy(#"{"key": []}"#) }
        #expect(throws: SubscriptionFilterPolicyError.self) {
            try SubscriptionFilterPolicy(policy: .string("{not json"), scope: nil)
        }
        let fromText = try? SubscriptionFilterPolicy(policy: .string(#"{"kind": ["a"]}"#), scope: nil)
        #expect(fromText?.admits(message: "", attributes: attributes([("kind", "String", "a")])) == true)
    }
}
