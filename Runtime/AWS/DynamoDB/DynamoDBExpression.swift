/// The placeholders a condition, update, key or filter expression refers to: `#name` →
/// attribute name and `:value` → value. One set serves every expression of a request.
public struct ExpressionAttributes: Sendable, Hashable {
    public var names: [String: String]
    public var values: [String: AttributeValue]

    public init(names: [String: String] = [:], values: [String: AttributeValue] = [:]) {
        self.names = names
        self.values = values
    }

    var namesOrNil: [String: String]? { names.isEmpty ? nil : names }
    var valuesOrNil: [String: AttributeValue]? { values.isEmpty ? nil : values }
}
