/// One element of a parsed XML document: its name, attributes, child elements and text.
///
/// AWS's XML responses (S3, and the query protocol of STS, SNS and IAM) are small, shallow
/// documents read once, so a plain tree of values is the simplest thing that works; see
/// `MiniXMLParser` for why there is no dependency on an XML library.
public struct MiniXMLElement: Sendable, Hashable {
    /// The element name as written, without namespace handling (AWS uses one default namespace).
    public var name: String
    public var attributes: [String: String]
    public var children: [MiniXMLElement]
    /// The element's character data with entities decoded (text between child elements included).
    public var text: String

    public init(name: String, attributes: [String: String] = [:], children: [MiniXMLElement] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child element called `name`.
    public func child(_ name: String) -> MiniXMLElement? {
        children.first { $0.name == name }
    }

    /// Every child element called `name`, in document order (repeated elements are lists in AWS XML).
    public func children(_ name: String) -> [MiniXMLElement] {
        children.filter { $0.name == name }
    }

    /// The text of the first child called `name`, e.g. `page.value("NextContinuationToken")`.
    public func value(_ name: String) -> String? {
        child(name)?.text
    }

    /// The first element called `name` anywhere below this one, depth first.
    public func descendant(_ name: String) -> MiniXMLElement? {
        for child in children {
            if child.name == name { return child }
            if let found = child.descendant(name) { return found }
        }
        return nil
    }
}
