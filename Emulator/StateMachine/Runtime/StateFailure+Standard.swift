/// The failures the interpreter itself raises, named as AWS names them.
extension StateFailure {
    /// The name a cancelled (aborted) execution fails with.
    public static let abortedName = "Execution.Aborted"

    static func runtime(_ cause: String) -> StateFailure { StateFailure(error: "States.Runtime", cause: cause) }
    static func timeout(_ cause: String) -> StateFailure { StateFailure(error: "States.Timeout", cause: cause) }
    static func intrinsic(_ cause: String) -> StateFailure { StateFailure(error: "States.IntrinsicFailure", cause: cause) }
    static let aborted = StateFailure(error: abortedName, cause: "The execution was cancelled.")

    static let dataLimitName = "States.DataLimitExceeded"
    /// Step Functions' payload limit: a state's output, an execution's input or output.
    static let payloadLimit = 262_144

    /// `States.Runtime`, `States.DataLimitExceeded` and a cancelled execution end the execution:
    /// AWS documents that no retrier or catcher, not even `States.ALL`, handles them.
    var isTerminal: Bool { error == "States.Runtime" || error == Self.dataLimitName || error == Self.abortedName }

    /// A state whose output is larger than the payload limit.
    static func dataLimitExceeded(state: String, bytes: Int) -> StateFailure {
        StateFailure(
            error: dataLimitName,
            cause: "The state/task '\(state)' returned a result with a size exceeding the maximum number of bytes service limit"
                + " (\(bytes) bytes; the limit is \(payloadLimit)).")
    }

    /// The `{"Error", "Cause"}` object a catcher places with its `ResultPath`.
    var errorOutput: JSONValue { .object(["Error": .string(error), "Cause": .string(cause)]) }

    /// What AWS puts before the cause of a `States.Runtime` failure: the state and the history
    /// event that entered it.
    static func locationPrefix(state: String, enteredAt eventID: Int) -> String {
        "An error occurred while executing the state '\(state)' (entered at the event id #\(eventID)). "
    }

    /// This failure with AWS's location prefix when it is a `States.Runtime` failure not yet
    /// located (one from a nested state already names that state).
    func located(inState state: String, enteredAt eventID: Int) -> StateFailure {
        guard error == "States.Runtime", !cause.hasPrefix("An error occurred while executing the state '") else { return self }
        return StateFailure(error: error, cause: Self.locationPrefix(state: state, enteredAt: eventID) + cause)
    }

    /// AWS's wording for a path that selects nothing.
    static func pathNotFound(_ path: JSONPath, field: String, in document: JSONValue) -> StateFailure {
        runtime("The JSONPath '\(path)' specified for the field '\(field)' could not be found in the input '\(document)'")
    }
}
