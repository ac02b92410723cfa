/// Escaping for the few XML request bodies the clients write (CompleteMultipartUpload).
public enum MiniXMLEscaping {
    /// `text` with `& < > " '` replaced by their predefined entities, safe in content and attributes.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }
}
