/// A numeric field given either as a constant or through its `...Path` twin
/// (`MaxConcurrency`/`MaxConcurrencyPath`, `TimeoutSeconds`/`TimeoutSecondsPath`, ...).
///
/// Constants are range-checked when the definition is read; values found through a path are
/// checked when the state runs, and a bad one fails the execution with `States.Runtime`.
struct NumberSetting: Sendable {
    enum Source: Sendable {
        case fixed(Double)
        case path(JSONPath)
    }

    let field: String
    let source: Source
    let range: ClosedRange<Double>
    let integral: Bool

    /// Reads `field` or `field + "Path"`; nil when neither is present.
    init?(reader: FieldReader, field: String, range: ClosedRange<Double>, integral: Bool = true) throws(DefinitionError) {
        try reader.exclusive(field, field + "Path")
        self.range = range
        self.integral = integral
        if let path = try reader.path(field + "Path") {
            self.field = field + "Path"
            source = .path(path)
        } else if let value = try reader.number(field) {
            guard range.contains(value), !integral || value.rounded() == value else {
                throw reader.error(field, "must be \(Self.describe(range, integral)), got \(JSONValue.double(value))")
            }
            self.field = field
            source = .fixed(value)
        } else {
            return nil
        }
    }

    func resolve(in scope: PathScope) throws(StateFailure) -> Double {
        switch source {
        case .fixed(let value):
            return value
        case .path(let path):
            if field == "SecondsPath", scope.lookup(path) == nil {
                throw .runtime("The SecondsPath parameter does not reference an input value: \(path)")
            }
            let found = try scope.resolve(path, field: field)
            guard let value = found.doubleValue, range.contains(value), !integral || value.rounded() == value else {
                throw badValue(found, at: path)
            }
            return value
        }
    }

    static func describe(_ range: ClosedRange<Double>, _ integral: Bool) -> String {
        let kind = integral ? "an integer" : "a number"
        func text(_ bound: Double) -> String { JSONValue.double(bound).integerValue.map(String.init) ?? "\(bound)" }
        return "\(kind) from \(text(range.lowerBound)) to \(text(range.upperBound))"
    }
}
