import Foundation
import StateMachine
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("integers survive a round trip exactly", arguments: ["1000", "-42", "9223372036854775807", "0"])
    func integerRoundTrip(_ text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(value.serialized() == text)
        #expect(value.integerValue != nil)
    }

    @Test func fractionsAndExponentsStayNumbers() throws {
        #expect(try JSONValue(parsing: "1.5") == .double(1.5))
        #expect(try JSONValue(parsing: "1e3").doubleValue == 1000)
        #expect(try JSONValue(parsing: "18446744073709551616").doubleValue == 18_446_744_073_709_551_616)
    }

    @Test func numbersCompareByValueAcrossCases() {
        #expect(JSONValue.int(3) == .double(3.0))
        #expect(Set<JSONValue>([.int(3), .double(3.0)]).count == 1)
        #expect(JSONValue.int(3) != .double(3.5))
    }

    @Test func serialisationIsCompactWithSortedKeys() throws {
        let value = try JSONValue(parsing: #"{ "b": [1, true, null], "a": {"z": "x", "y": 2.5} }"#)
        #expect(value.serialized() == #"{"a":{"y":2.5,"z":"x"},"b":[1,true,null]}"#)
    }

    @Test func stringsEscapeAndUnescape() throws {
        let value = try JSONValue(parsing: #""quote \" slash \\ tab \t line \n e\u0301 \ud83d\ude00""#)
        #expect(value == .string("quote \" slash \\ tab \t line \n e\u{301} 😀"))
        #expect(value.serialized() == #""quote \" slash \\ tab \t line \n e\#u{301} 😀""#)
        #expect(JSONValue.string("\u{1}").serialized() == #""\u0001""#)
    }

    @Test("malformed text is refused", arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "tru", "\"\\x\"", "1 2", "\"\u{1}\""])
    func malformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func parsesDataAndReportsTheOffset() throws {
        #expect(try JSONValue(parsing: Data("[\"a\"]".utf8)) == ["a"])
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[1, x]") }
        #expect(error?.offset == 4)
    }
}
