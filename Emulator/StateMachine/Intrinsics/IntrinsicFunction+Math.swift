import Foundation

/// The numeric, hashing and identifier intrinsics.
extension IntrinsicFunction {
    /// A random integer from `start` to `end`, both included. With a seed the same arguments
    /// always give the same number, as AWS promises.
    static func mathRandom(_ arguments: IntrinsicArguments, random: RandomSource) throws(StateFailure) -> JSONValue {
        let start = try arguments.integer(0)
        let end = try arguments.integer(1)
        guard start <= end else { throw arguments.failure("the start \(start) is greater than the end \(end)") }
        let bits = arguments.count == 3 ? RandomSource.mix(UInt64(bitPattern: try arguments.integer(2))) : random.next()
        let span = UInt64(bitPattern: end &- start) &+ 1
        let offset = span == 0 ? bits : bits % span
        return .int(start &+ Int64(bitPattern: offset))
    }

    /// The sum of two numbers, each first rounded half up as AWS (Java's `Math.round`) does:
    /// `1.49 + 1.5` is 3, `-2.5 + 0` is -2.
    static func mathAdd(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let (sum, overflow) = try roundedHalfUp(arguments, 0).addingReportingOverflow(try roundedHalfUp(arguments, 1))
        guard !overflow else { throw arguments.failure("the sum does not fit a 64-bit integer") }
        return .int(sum)
    }

    private static func roundedHalfUp(_ arguments: IntrinsicArguments, _ index: Int) throws(StateFailure) -> Int64 {
        if let integer = arguments.value(index).integerValue { return integer }
        guard let number = arguments.value(index).doubleValue else {
            throw arguments.failure("argument \(index + 1) must be a number, got \(arguments.value(index).typeName) \(arguments.value(index))")
        }
        let rounded = (number + 0.5).rounded(.down)
        guard let integer = Int64(exactly: rounded) else {
            throw arguments.failure("argument \(index + 1) (\(number)) does not fit a 64-bit integer")
        }
        return integer
    }

    /// The lowercase hex digest of the UTF-8 text.
    static func hash(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let bytes = Array(try arguments.boundedString(0).utf8)
        let algorithm = try arguments.string(1)
        let names = ["MD5": "MD5", "SHA-1": "SHA1", "SHA-256": "SHA256", "SHA-384": "SHA384", "SHA-512": "SHA512"]
        guard let name = names[algorithm], let digest = MessageDigest.hash(bytes, algorithm: name) else {
            throw arguments.failure("unsupported algorithm '\(algorithm)'; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512")
        }
        return .string(digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined())
    }

    static func uuid() -> String { UUID().uuidString.lowercased() }
}
