/// A Fail state's error name and cause, each a constant or an `...Path` (a path or intrinsic).
struct FailSpec: Sendable {
    enum Text: Sendable {
        case fixed(String)
        case expression(ValueExpression)
    }

    let error: Text?
    let cause: Text?

    init(reader: FieldReader) throws(DefinitionError) {
        error = try Self.text(reader, "Error")
        cause = try Self.text(reader, "Cause")
    }

    private static func text(_ reader: FieldReader, _ field: String) throws(DefinitionError) -> Text? {
        try reader.exclusive(field, field + "Path")
        if let expression = try reader.expression(field + "Path") { return .expression(expression) }
        return try reader.string(field).map(Text.fixed)
    }
}
