/// RFC 4180 CSV: fields separated by a delimiter, optionally quoted with `"`, quotes doubled
/// inside quoted fields, records ended by LF or CRLF (which may also appear inside quotes).
enum CSVTable {
    struct MalformedError: Error {
        var message: String
    }

    static func rows(_ text: String, delimiter: Character) throws(MalformedError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var fieldWasQuoted = false
        var iterator = text.makeIterator()
        var pending: Character? = iterator.next()
        func endRecord() {
            row.append(field)
            if !(row.count == 1 && row[0].isEmpty && !fieldWasQuoted) { rows.append(row) }
            row = []
            field = ""
            fieldWasQuoted = false
        }
        while let character = pending {
            pending = iterator.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"", field.isEmpty, !fieldWasQuoted {
                quoted = true
                fieldWasQuoted = true
            } else if character == delimiter {
                row.append(field)
                field = ""
                fieldWasQuoted = false
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                endRecord()
            } else {
                field.append(character)
            }
        }
        guard !quoted else { throw MalformedError(message: "a quoted field is not closed") }
        if !field.isEmpty || !row.isEmpty || fieldWasQuoted { endRecord() }
        return rows
    }
}
