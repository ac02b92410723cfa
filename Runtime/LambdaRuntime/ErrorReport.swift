import JSONText

/// An error as the Runtime API receives it: a JSON body `{"errorMessage","errorType","stackTrace"}`
/// and a `Lambda-Runtime-Function-Error-Type` header in `Category.Reason` form.
///
/// `errorType` is what callers see and what Step Functions matches `ErrorEquals` against, so a
/// function chooses it through ``FunctionError``; `category` tells who failed: `Function` for the
/// handler's own errors, `Runtime` for the loop's.
public struct ErrorReport: Sendable, Equatable {
    public var errorType: String
    public var errorMessage: String
    /// The header value, e.g. `Function.Unhandled` or `Function.DecodingError`.
    public var category: String

    public init(errorType: String, errorMessage: String, category: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.category = category
    }

    /// The report for an error a handler threw.
    public init(thrown error: any Error) {
        if let error = error as? any FunctionError {
            self.init(errorType: error.errorType, errorMessage: error.errorMessage, category: error.errorCategory)
        } else {
            self.init(
                errorType: String(describing: type(of: error)), errorMessage: String(describing: error),
                category: "Function.Unhandled")
        }
    }

    /// The JSON body, written by hand: it is small and fixed, and this keeps JSON encoders out of
    /// the error path.
    public var json: [UInt8] {
        Array(#"{"errorMessage":\#(JSONText.quoted(errorMessage)),"errorType":\#(JSONText.quoted(errorType)),"stackTrace":[]}"#.utf8)
    }
}

/// An error that names its own `errorType`, for callers and state machines that branch on it.
public protocol FunctionError: Error {
    var errorType: String { get }
    var errorMessage: String { get }
    /// The `Lambda-Runtime-Function-Error-Type` header; `Function.Unhandled` unless the error says otherwise.
    var errorCategory: String { get }
}

extension FunctionError {
    public var errorCategory: String { "Function.Unhandled" }
}
