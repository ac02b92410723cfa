/// Settings read from a process's environment, the one way every function and the worker read
/// them: an empty value counts as unset, and a missing or malformed one is a `SettingsError`
/// naming the variable.
public struct SettingsEnvironment: Sendable {
    public let variables: [String: String]

    public init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// The variable's value; nil when it is unset or empty.
    public func value(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// - Parameter missing: what the error says after the variable's name.
    public func required(_ name: String, missing: String = "is not set") throws(SettingsError) -> String {
        guard let value = value(name) else { throw SettingsError(variable: name, message: missing) }
        return value
    }

    /// A whole number within `range`, or `fallback` when the variable is unset.
    public func number(_ name: String, default fallback: Int64, in range: ClosedRange<Int64>) throws(SettingsError) -> Int64 {
        guard let text = value(name) else { return fallback }
        guard let number = Int64(text), range.contains(number) else {
            let bounds =
                range.upperBound == .max
                ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw SettingsError(variable: name, message: "must be a whole number \(bounds), not \(text)")
        }
        return number
    }
}
