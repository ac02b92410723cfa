/// The array intrinsics.
extension IntrinsicFunction {
    /// AWS caps `States.ArrayRange` at 1000 elements.
    static let maximumRangeCount: Int64 = 1000

    static func arrayPartition(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let elements = try arguments.array(0)
        let size = try arguments.integer(1)
        guard size > 0 else { throw arguments.failure("the chunk size must be a positive integer, got \(size)") }
        let chunks = stride(from: 0, to: elements.count, by: Int(size)).map { start in
            JSONValue.array(Array(elements[start..<min(start + Int(size), elements.count)]))
        }
        return .array(chunks)
    }

    static func arrayRange(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let start = try arguments.integer(0)
        let end = try arguments.integer(1)
        let step = try arguments.integer(2)
        guard step != 0 else { throw arguments.failure("the step must not be 0") }
        let (span, overflow) = end.subtractingReportingOverflow(start)
        let count = overflow || (span != 0 && (span < 0) != (step < 0)) ? 0 : span / step + 1
        guard count <= maximumRangeCount else {
            throw arguments.failure("the range would hold \(count) elements; at most \(maximumRangeCount) are allowed")
        }
        return .array((0..<count).map { .int(start + $0 * step) })
    }

    static func arrayGetItem(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let elements = try arguments.array(0)
        let index = try arguments.integer(1)
        guard index >= 0, index < elements.count else {
            throw arguments.failure("index \(index) is outside an array of \(elements.count) elements")
        }
        return elements[Int(index)]
    }

    /// Keeps the first occurrence of each value, in order.
    static func arrayUnique(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        var seen = Set<JSONValue>()
        return .array(try arguments.array(0).filter { seen.insert($0).inserted })
    }
}
