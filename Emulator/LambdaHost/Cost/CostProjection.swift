/// What a number of items would cost on AWS in the shape an execution ran, and unbatched (one
/// STANDARD child execution and one function invocation per item), at AWS's published on-demand
/// prices (us-east-1, x86 Lambda, S3 Standard).
///
/// The execution's usage is scaled by items: everything but its fixed transitions (those not
/// starting a child) grows with them, function time too (listing and validation time grows with
/// the objects as copying does).
public struct CostProjection: Sendable {
    public enum Price {
        /// A STANDARD state transition; also each child execution a Distributed Map starts.
        public static let standardTransition = 0.025 / 1000
        public static let expressRequest = 1.00 / 1_000_000
        public static let expressGBSecond = 0.00001667
        /// Express workflows are billed at 64 MB of memory at least.
        public static let expressMemoryGB = 64.0 / 1024
        public static let lambdaRequest = 0.20 / 1_000_000
        public static let lambdaGBSecond = 0.0000166667
        /// PUT, COPY, POST and LIST.
        public static let s3Write = 0.005 / 1000
        /// GET, HEAD and the rest.
        public static let s3Read = 0.0004 / 1000
    }

    /// The orchestration's cost in one shape.
    public struct Shape: Sendable {
        public var stepFunctions: Double
        public var lambda: Double
        public var orchestration: Double { stepFunctions + lambda }
    }

    public let items: Int
    public let batched: Shape
    public let unbatched: Shape
    public let s3: Double

    /// nil when no Distributed Map processed an item: there is nothing to scale by.
    public init?(usage: ExecutionUsage, s3Requests: S3RequestCount, items: Int) {
        guard usage.items > 0 else { return nil }
        let scale = Double(items) / Double(usage.items)
        let fixed = Double(usage.fixedStateTransitions) * Price.standardTransition
        var stepFunctions = fixed
        var childCount = 0
        var childStates = 0
        for (type, children) in usage.children {
            childCount += children.count
            childStates += children.stateTransitions
            stepFunctions += Double(children.count) * scale * Price.standardTransition
            if type == "EXPRESS" {
                stepFunctions += Double(children.count) * scale * Price.expressRequest
                    + children.billedSeconds * scale * Price.expressMemoryGB * Price.expressGBSecond
            } else {
                stepFunctions += Double(children.stateTransitions) * scale * Price.standardTransition
            }
        }
        let invocations = Double(usage.functions.values.reduce(0) { $0 + $1.count })
        let gbSeconds = usage.functions.values.reduce(0) { $0 + $1.gbSeconds }
        let lambdaTime = gbSeconds * scale * Price.lambdaGBSecond
        batched = Shape(stepFunctions: stepFunctions, lambda: invocations * scale * Price.lambdaRequest + lambdaTime)
        // Unbatched, each item is a STANDARD child running the states a batch ran, and one more
        // invocation per item in place of one per batch; the function time is the same work.
        let statesPerChild = childCount > 0 ? Double(childStates) / Double(childCount) : 1
        let perItemCalls = Double(items) - Double(childCount) * scale
        unbatched = Shape(
            stepFunctions: fixed + Double(items) * (1 + statesPerChild) * Price.standardTransition,
            lambda: (invocations * scale + perItemCalls) * Price.lambdaRequest + lambdaTime)
        s3 = (Double(s3Requests.writes) * Price.s3Write + Double(s3Requests.reads) * Price.s3Read) * scale
        self.items = items
    }

    /// Orchestration as a share of the S3 request cost, in percent; nil without S3 requests.
    public func share(_ shape: Shape) -> Double? {
        s3 > 0 ? 100 * shape.orchestration / s3 : nil
    }
}
