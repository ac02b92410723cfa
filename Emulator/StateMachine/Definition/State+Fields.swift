/// The fields each state type accepts in JSONPath mode.
extension State {
    static let commonFields: Set<String> = ["Type", "Comment", "QueryLanguage"]

    static let fieldsByType: [String: Set<String>] = [
        "Pass": ["Next", "End", "InputPath", "OutputPath", "Parameters", "Result", "ResultPath"],
        "Task": [
            "Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Resource",
            "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch",
            "Credentials",
        ],
        "Choice": ["InputPath", "OutputPath", "Choices", "Default"],
        "Wait": ["Next", "End", "InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
        "Succeed": ["InputPath", "OutputPath"],
        "Fail": ["Error", "ErrorPath", "Cause", "CausePath"],
        "Parallel": [
            "Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Branches", "Retry",
            "Catch",
        ],
        "Map": Set(
            [
                "Next", "End", "InputPath", "OutputPath", "ItemsPath", "ItemSelector", "Parameters", "ResultSelector",
                "ResultPath", "ItemProcessor", "Iterator", "MaxConcurrency", "MaxConcurrencyPath", "Retry", "Catch",
            ] + MapSpec.distributedOnly),
    ]

    /// Choice, Succeed and Fail end a path through the graph or branch by rules; every other
    /// state needs exactly one of `Next` and `End`.
    static let typesWithoutTransition: Set<String> = ["Choice", "Succeed", "Fail"]
}
