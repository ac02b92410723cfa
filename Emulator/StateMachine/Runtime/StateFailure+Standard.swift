/// The failures the interpreter itself raises, named as AWS names them.
extension StateFailure {
    static let abortedName = "Execution.Aborted"

    static func runtime(_ cause: String) -> StateFailure { StateFailure(error: "States.Runtime", cause: cause) }
    static func timeout(_ cause: String) -> StateFailure { StateFailure(error: "States.Timeout", cause: cause) }
    static func intrinsic(_ cause: String) -> StateFailure { StateFailure(error: "States.IntrinsicFailure", cause: cause) }
    static let aborted = StateFailure(error: abortedName, cause: "The execution was cancelled.")

    /// `States.Runtime` and a cancelled execution end the execution: AWS documents that no
    /// retrier or catcher, not even `States.ALL`, handles a runtime error.
    var isTerminal: Bool { error == "States.Runtime" || error == Self.abortedName }

    /// The `{"Error", "Cause"}` object a catcher places with its `ResultPath`.
    var errorOutput: JSONValue { .object(["Error": .string(error), "Cause": .string(cause)]) }

    /// AWS's wording for a path that selects nothing.
    static func pathNotFound(_ path: JSONPath, field: String, in document: JSONValue) -> StateFailure {
        runtime("The JSONPath '\(path)' specified for the field '\(field)' could not be found in the input '\(document)'")
    }
}
