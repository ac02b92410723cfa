import AWS
import Testing

/// A generator returning one value forever, so jitter bounds can be checked exactly. (Not 0:
/// the standard library's rejection sampling would reject 0 forever for a closed range.)
struct FixedGenerator: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

/// A deterministic xorshift generator, for many varied draws.
struct XorShift: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(1))

    @Test("the ceiling doubles per retry up to the cap")
    func ceilings() {
        #expect((1...6).map { policy.maximumDelay(beforeRetry: $0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
        ])
        #expect(policy.maximumDelay(beforeRetry: 500) == .seconds(1), "no overflow for huge retry numbers")
    }

    @Test("full jitter spans zero to the ceiling", arguments: 1...6)
    func jitterBounds(retry: Int) {
        var low = FixedGenerator(value: 1)
        #expect(policy.delay(beforeRetry: retry, using: &low) == .zero)
        var high = FixedGenerator(value: .max)
        let ceiling = policy.maximumDelay(beforeRetry: retry)
        let top = policy.delay(beforeRetry: retry, using: &high)
        #expect(top <= ceiling && top >= ceiling * 0.999)
        var random = XorShift(state: 0x9E37_79B9_7F4A_7C15 &+ UInt64(retry))
        let draws = (0..<1_000).map { _ in policy.delay(beforeRetry: retry, using: &random) }
        #expect(draws.allSatisfy { $0 >= .zero && $0 <= ceiling })
        #expect(draws.contains { $0 < ceiling / 4 } && draws.contains { $0 > ceiling * 3 / 4 }, "spread over the window")
    }

    @Test("attempt budget")
    func attempts() {
        #expect(policy.allowsRetry(after: 5))
        #expect(!policy.allowsRetry(after: 6))
        #expect(!RetryPolicy.none.allowsRetry(after: 1))
        #expect(RetryPolicy(maxAttempts: 0, baseDelay: .zero, maxDelay: .zero).maxAttempts == 1)
        var generator = FixedGenerator(value: .max)
        #expect(RetryPolicy.none.delay(beforeRetry: 1, using: &generator) == .zero)
    }
}
