import AWS
import Testing

@Suite("MiniXML parser")
struct MiniXMLParserTests {
    @Test("elements, attributes, entities, CDATA and comments")
    func parses() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- listing -->
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>b</Name>
              <Contents><Key>a &amp; b &lt;c&gt; &#x263A; &#65;</Key><Size>3</Size></Contents>
              <Contents><Key><![CDATA[<raw & text>]]></Key><Empty/></Contents>
            </ListBucketResult>
            """
        let root = try MiniXMLParser.parse(Array(xml.utf8))
        #expect(root.name == "ListBucketResult")
        #expect(root.attributes["xmlns"] == "http://s3.amazonaws.com/doc/2006-03-01/")
        #expect(root.value("Name") == "b")
        let contents = root.children("Contents")
        #expect(contents.map { $0.value("Key") } == ["a & b <c> ☺ A", "<raw & text>"])
        #expect(contents[1].child("Empty")?.text == "")
        #expect(root.descendant("Size")?.text == "3")
    }

    @Test("malformed documents are errors, not crashes", arguments: [
        "", "<a>", "<a></b>", "<a>&bogus;</a>", "<a x=1></a>", "<a></a><b></b>", "text",
        String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100),
    ])
    func rejects(_ xml: String) {
        #expect(throws: MiniXMLError.self) { try MiniXMLParser.parse(Array(xml.utf8)) }
    }

    @Test func escaping() {
        #expect(MiniXMLEscaping.escape("\"a\" & 'b' <c>") == "&quot;a&quot; &amp; &apos;b&apos; &lt;c&gt;")
    }
}
