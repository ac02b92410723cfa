import StateMachine

/// A number as EventBridge compares it: exact to six decimal places, within ±5.0E11.
///
/// EventBridge (event-ruler) turns every number it compares into a fixed-point integer of
/// millionths, refusing in a pattern what does not fit and leaving out of numeric matching any
/// event value that does not. Integers are exact here whatever their size; a JSON number with a
/// fraction arrives as a `Double`, which holds six decimals exactly up to about 9.0E9.
public struct ComparableNumber: Sendable, Hashable, Comparable {
    /// The value in millionths.
    let micros: Int64

    static let limit: Int64 = 500_000_000_000
    static let scale: Int64 = 1_000_000

    /// Why a number cannot be compared, in event-ruler's words.
    enum Failure: Error {
        case tooPrecise
        case outOfRange

        var reason: String {
            switch self {
            case .tooPrecise: "Only values upto 6 decimals are supported"
            case .outOfRange: "Value must be between -5.0E11 and 5.0E11, inclusive"
            }
        }
    }

    init(micros: Int64) {
        self.micros = micros
    }

    /// The number a JSON value holds, or why it has none EventBridge can compare.
    static func make(_ value: JSONValue) throws(Failure) -> ComparableNumber {
        switch value {
        case .int(let integer):
            guard integer >= -limit, integer <= limit else { throw .outOfRange }
            return ComparableNumber(micros: integer * scale)
        case .double(let double):
            guard double.isFinite else { throw .outOfRange }
            let scaled = double * Double(scale)
            let rounded = scaled.rounded()
            // A decimal with at most six places, read into the nearest double, lands within a few
            // units in the last place of a whole number of millionths.
            guard abs(scaled - rounded) <= max(4 * scaled.ulp, 1e-9) else { throw .tooPrecise }
            guard abs(double) <= Double(limit) else { throw .outOfRange }
            return ComparableNumber(micros: Int64(rounded))
        default:
            throw .outOfRange
        }
    }

    /// The number, when the value is one EventBridge can compare.
    static func of(_ value: JSONValue) -> ComparableNumber? {
        try? make(value)
    }

    public static func < (lhs: ComparableNumber, rhs: ComparableNumber) -> Bool { lhs.micros < rhs.micros }

    static let minimum = ComparableNumber(micros: -limit * scale)
    static let maximum = ComparableNumber(micros: limit * scale)
}
