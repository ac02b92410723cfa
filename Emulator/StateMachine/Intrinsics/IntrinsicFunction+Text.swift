import Foundation

/// The string and JSON intrinsics.
extension IntrinsicFunction {
    /// Each placeholder takes the natural text of a string, number, boolean or null; arrays and
    /// objects are rendered as AWS renders them, in Java's collection style (`{Arg1=1, Arg2=[]}`,
    /// `[a, 1]`), object members in key order.
    static func format(_ template: IntrinsicString, _ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let placeholders = template.pieces.count - 1
        guard placeholders == arguments.count - 1 else {
            throw arguments.failure(
                "the template has \(placeholders) placeholder(s) but \(arguments.count - 1) value(s) were given")
        }
        var text = template.pieces[0]
        for index in 1..<arguments.count {
            text += javaText(arguments.value(index))
            text += template.pieces[index]
        }
        return .string(text)
    }

    /// How Java's `toString` shows the value: strings bare, collections as `[a, b]` and `{k=v}`.
    private static func javaText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .array(let elements): "[" + elements.map(javaText).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { "\($0.key)=\(javaText($0.value))" }.joined(separator: ", ") + "}"
        default: value.serialized()
        }
    }

    /// The JSON value of the text; `null` for empty or blank text, as AWS answers.
    static func stringToJson(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let text = try arguments.string(0)
        if text.allSatisfy(\.isWhitespace) { return .null }
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw arguments.failure("the argument is not JSON text (\(error))")
        }
    }

    static func base64Encode(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        .string(Data(try arguments.boundedString(0).utf8).base64EncodedString())
    }

    static func base64Decode(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let encoded = try arguments.boundedString(0)
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
            throw arguments.failure("the argument is not Base64 for UTF-8 text")
        }
        return .string(text)
    }

    /// Splits at every character of the delimiter string and drops empty pieces, so
    /// `("a.b+c", ".+")` gives `["a", "b", "c"]`.
    static func stringSplit(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let text = try arguments.string(0)
        let delimiters = Set(try arguments.string(1))
        guard !delimiters.isEmpty else { throw arguments.failure("the delimiter must not be empty") }
        return .array(text.split(whereSeparator: { delimiters.contains($0) }).map { .string(String($0)) })
    }

    /// Shallow merge only: AWS requires the third argument to be `false`.
    static func jsonMerge(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let first = try arguments.object(0)
        let second = try arguments.object(1)
        guard try arguments.bool(2) == false else {
            throw arguments.failure("deep merging is not supported; the third argument must be false")
        }
        return .object(first.merging(second, uniquingKeysWith: { _, later in later }))
    }
}
