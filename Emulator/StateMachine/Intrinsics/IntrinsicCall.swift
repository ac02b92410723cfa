import Foundation

/// A parsed intrinsic invocation such as `States.Format('{}-{}', $.a, States.UUID())`.
struct IntrinsicCall: Sendable, Hashable {
    let function: IntrinsicFunction
    let arguments: [IntrinsicArgument]
}

indirect enum IntrinsicArgument: Sendable, Hashable {
    case literal(JSONValue)
    case text(IntrinsicString)
    case path(JSONPath)
    case call(IntrinsicCall)
}

/// A quoted string argument, unescaped, remembering where its unescaped `{}` placeholders were.
///
/// `States.Format` needs the difference between `{}` and the escaped `\{\}`, which the plain
/// value no longer shows; `pieces` is the text around the placeholders (one more piece than
/// placeholders).
struct IntrinsicString: Sendable, Hashable {
    let value: String
    let pieces: [String]

    /// A template that arrived through a path: no escapes, every `{}` is a placeholder.
    init(template: String) {
        value = template
        pieces = template.components(separatedBy: "{}")
    }

    init(value: String, pieces: [String]) {
        self.value = value
        self.pieces = pieces
    }
}
