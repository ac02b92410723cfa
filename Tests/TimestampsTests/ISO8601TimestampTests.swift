import Foundation
import Testing
import Timestamps

/// The one RFC 3339 parser accepts what both former parsers (the AWS client's and the state
/// machine's) accepted, and rejects what either of them rejected.
@Suite("ISO 8601 timestamps")
struct ISO8601TimestampTests {
    @Test("AWS's and ASL's timestamps parse to the instant they name", arguments: [
        ("1970-01-01T00:01:00Z", 60),
        ("2025-03-01T12:00:00.500Z", 1_740_830_400.5),
        ("2025-03-01T13:00:00+01:00", 1_740_830_400),
        ("2025-03-01T11:30:00-00:30", 1_740_830_400),
        ("2024-05-01T14:00:00+02:00", 1_714_564_800),
        ("2024-05-01T12:00:00.123456Z", 1_714_564_800.123456),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("1969-12-31T23:59:59.250Z", -0.75),
        ("2016-12-31T23:59:60Z", 1_483_228_800),
    ] as [(String, Double)])
    func accepted(_ text: String, _ seconds: Double) throws {
        let date = try #require(ISO8601Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test("anything outside the RFC 3339 profile is no timestamp", arguments: [
        "", "tomorrow", "2024-05-01", "2025-01-31 12:00:00Z", "2025-01-31t12:00:00Z", "2025-01-31T12:00:00z",
        // Rejected by the state machine's parser, once accepted by the AWS client's.
        "2025-01-31T12:00:00", "2025-01-31T12:00:00.Z", "2025-01-31T24:00:00Z", "2025-01-31T12:60:00Z",
        "2025-01-31T12:00:61Z", "2025-01-31T12:00:00+1:00", "2025-01-31T12:00:00X01:00", "2025-01-31T12:00:00+24:00",
        "+025-01-31T12:00:00Z",
        // Rejected by both.
        "2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-01-31T12:00:00+0100",
        "2025-01-31T12:00:00+01:00:00", "2025-01-31T12:00:00Zulu",
        // Signs inside a field are no digits, though both once read `+-1` as an hour.
        "2025-01-31T12:00:00+-1:00",
    ])
    func rejected(_ text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }

    @Test("formatting writes UTC with milliseconds, rounded down", arguments: [
        (0, "1970-01-01T00:00:00.000Z"),
        (1_714_564_800.007, "2024-05-01T12:00:00.007Z"),
        (1.9999, "1970-01-01T00:00:01.999Z"),
        (-0.75, "1969-12-31T23:59:59.250Z"),
        (951_782_400, "2000-02-29T00:00:00.000Z"),
    ] as [(Double, String)])
    func formatted(_ seconds: Double, _ text: String) {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test("what is formatted parses back to the same millisecond")
    func roundTrip() throws {
        for milliseconds in stride(from: -86_400_000 * 400, to: 86_400_000 * 20_000, by: 86_399_937) {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let parsed = try #require(ISO8601Timestamp.parse(ISO8601Timestamp.format(date)))
            #expect(abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) < 1e-6)
        }
    }
}
