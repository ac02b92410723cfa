/// One state of a definition, compiled: every path parsed, every template folded, every
/// transition checked.
struct State: Sendable {
    enum Kind: Sendable {
        case pass(result: JSONValue?)
        case task(TaskSpec)
        case choice(ChoiceSpec)
        case wait(WaitSpec)
        case succeed
        case fail(FailSpec)
        case parallel(branches: [StateGraph])
        case map(MapSpec)
    }

    let name: String
    let kind: Kind
    /// nil when the definition says `null`: the state then sees `{}`.
    let inputPath: JSONPath?
    /// nil when the definition says `null`: the state then outputs `{}`.
    let outputPath: JSONPath?
    let parameters: PayloadTemplate?
    let resultSelector: PayloadTemplate?
    /// nil when the definition says `null`: the result is discarded and the input passes on.
    let resultPath: JSONPath?
    /// The next state; nil for `End: true` and for Choice, Succeed and Fail.
    let next: String?
    let retriers: [Retrier]
    let catchers: [Catcher]
}
