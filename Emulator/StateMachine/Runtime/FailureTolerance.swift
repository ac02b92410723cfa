/// A Distributed Map's failure budget: `ToleratedFailureCount` and `ToleratedFailurePercentage`,
/// resolved for one run. Passing either fails the run; with neither, one failure does.
struct FailureTolerance: Sendable, CustomStringConvertible {
    let count: Int?
    let percentage: Double?
    let itemCount: Int

    init(_ spec: MapSpec, pathScope: PathScope, itemCount: Int) throws(StateFailure) {
        count = try spec.toleratedCount.map { (setting) throws(StateFailure) in Int(try setting.resolve(in: pathScope)) }
        percentage = try spec.toleratedPercentage?.resolve(in: pathScope)
        self.itemCount = itemCount
    }

    func isExceeded(failedItems: Int) -> Bool {
        guard failedItems > 0 else { return false }
        if count == nil, percentage == nil { return true }
        if let count, failedItems > count { return true }
        if let percentage, Double(failedItems) * 100 > percentage * Double(itemCount) { return true }
        return false
    }

    var description: String {
        let limits = [count.map { "ToleratedFailureCount \($0)" }, percentage.map { "ToleratedFailurePercentage \($0)" }]
            .compactMap { $0 }
        return limits.isEmpty ? "no failures tolerated" : limits.joined(separator: ", ")
    }
}
