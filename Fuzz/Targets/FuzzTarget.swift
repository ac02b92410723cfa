/// One parser of untrusted input, run on arbitrary bytes: it must accept the input or refuse it
/// with its own typed error, and never crash, hang or throw anything else.
public struct FuzzTarget: Sendable {
    /// What one input did.
    public enum Verdict: Sendable, Equatable {
        case accepted
        /// Refused with the parser's own error type, named here.
        case refused(String)
        /// Failed in a way the parser does not promise: an error of another type.
        case unexpected(String)
    }

    /// The name `fuzz --target` and `FUZZ_TARGET` take.
    public let name: String
    /// What reads this input in the product.
    public let summary: String
    /// The repository files (relative to its root) whose contents seed the mutations, and extra
    /// seeds written here.
    public let seedFiles: [String]
    public let seeds: [[UInt8]]
    public let run: @Sendable ([UInt8]) -> Verdict

    public init(
        name: String, summary: String, seedFiles: [String] = [], seeds: [String] = [],
        run: @escaping @Sendable ([UInt8]) -> Verdict
    ) {
        self.name = name
        self.summary = summary
        self.seedFiles = seedFiles
        self.seeds = seeds.map { Array($0.utf8) }
        self.run = run
    }

    /// Every target, in the order `fuzz` runs them.
    public static let all: [FuzzTarget] = functionEvents + [routerBatch, workerMessage, template, stateMachine, eventPattern, httpResponse]

    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    /// The verdict for a call that threw `error`: refused when it is of type `Expected`.
    static func verdict<Expected: Error>(of error: any Error, expecting: Expected.Type) -> Verdict {
        error is Expected ? .refused(String(describing: Expected.self)) : .unexpected("\(type(of: error)): \(error)")
    }
}
