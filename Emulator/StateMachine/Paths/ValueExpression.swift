/// The value of a `.$` field: a path into the input (`$.a`), into the context object
/// (`$$.Execution.Id`), or an intrinsic function call (`States.Format(...)`).
enum ValueExpression: Sendable, Hashable {
    case path(JSONPath)
    case intrinsic(IntrinsicCall)

    /// Why the text is not an expression, for the definition error that reports it.
    struct SyntaxError: Error, Sendable {
        var message: String
    }

    init(parsing text: String) throws(SyntaxError) {
        if text.hasPrefix("$") {
            do {
                self = .path(try JSONPath(parsing: text))
            } catch {
                throw SyntaxError(message: error.message)
            }
        } else if text.hasPrefix("States.") {
            do {
                self = .intrinsic(try IntrinsicParser.parse(text))
            } catch {
                throw SyntaxError(message: error.message)
            }
        } else {
            throw SyntaxError(message: "'\(text)' is neither a path (starting with '$') nor an intrinsic function")
        }
    }

    func evaluate(in scope: PathScope, field: String) throws(StateFailure) -> JSONValue {
        switch self {
        case .path(let path): try scope.resolve(path, field: field)
        case .intrinsic(let call): try call.evaluate(in: scope, field: field)
        }
    }
}
