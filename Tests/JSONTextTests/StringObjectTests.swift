import JSONText
import Testing

/// The flat reader Echo uses in place of JSONDecoder: the members of an object of strings, and nil
/// for anything JSONDecoder would refuse or that holds another kind of value.
@Suite("Flat JSON objects of strings")
struct StringObjectTests {
    @Test("members are read with their escapes decoded, whitespace around tokens allowed", arguments: [
        (#"{"error":"no such key"}"#, ["error": "no such key"]),
        (" {\n\t\"error\" : \"partner refused\" ,\r\n \"stage\":\"eu\" } ", ["error": "partner refused", "stage": "eu"]),
        (#"{}"#, [:]),
        (#"{"q":"say \"hi\"\\now\/then\b\f\n\r\t"}"#, ["q": "say \"hi\"\\now/then\u{08}\u{0C}\n\r\t"]),
        (#"{"u":"\u00e9\u0041 \ud83d\ude00"}"#, ["u": "éA 😀"]),
        (#"{"raw":"überweisung 😀"}"#, ["raw": "überweisung 😀"]),
        (#"{"a":"1","a":"2"}"#, ["a": "2"]),
    ] as [(String, [String: String])])
    func reads(_ document: String, _ members: [String: String]) {
        #expect(JSONText.stringObject(Array(document.utf8)) == members)
    }

    @Test("malformed JSON, other value types and invalid text are no object of strings", arguments: [
        "", "null", #""error""#, #"["error"]"#, #"{"error":1}"#, #"{"error":null}"#, #"{"error":{"m":"x"}}"#,
        #"{"error":"x","n":true}"#, #"{"error":"x""#, #"{"error":"x",}"#, #"{"error" "x"}"#, #"{"error":"x"} {}"#,
        #"{error:"x"}"#, #"{"error":'x'}"#, "{\"error\":\"tab\there\"}", #"{"error":"\x"}"#, #"{"error":"\u12"}"#,
        #"{"error":"\u+123"}"#, #"{"error":"\ud83d"}"#, #"{"error":"\ud83d \ude00"}"#, #"{"error":"\ude00"}"#,
    ])
    func refuses(_ document: String) {
        #expect(JSONText.stringObject(Array(document.utf8)) == nil)
    }

    @Test("a string that is not UTF-8 is refused")
    func invalidUTF8() {
        #expect(JSONText.stringObject(Array(#"{"error":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)) == nil)
    }

    @Test("what JSONText.quoted writes reads back as the same text")
    func roundTrip() {
        let text = "line\none \"quoted\" \\ tab\t bell\u{07} é 😀"
        let document = "{" + JSONText.quoted("error") + ":" + JSONText.quoted(text) + "}"
        #expect(JSONText.stringObject(Array(document.utf8)) == ["error": text])
    }
}
