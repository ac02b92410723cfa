/// A `numeric` condition: one bound, two, or `=`; bounds open or closed.
struct NumericRange: Sendable, Hashable {
    let lowest: ComparableNumber
    let lowestIncluded: Bool
    let highest: ComparableNumber
    let highestIncluded: Bool

    static func equal(to value: ComparableNumber) -> NumericRange {
        NumericRange(lowest: value, lowestIncluded: true, highest: value, highestIncluded: true)
    }

    func contains(_ value: ComparableNumber) -> Bool {
        (lowestIncluded ? value >= lowest : value > lowest) && (highestIncluded ? value <= highest : value < highest)
    }
}
