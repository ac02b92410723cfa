import Foundation

/// Turns an object read by an ItemReader into Map items.
enum ItemDecoding {
    static func items(from data: Data, format: ItemReaderSpec.ObjectFormat, source: String) throws(StateFailure) -> [JSONValue] {
        switch format {
        case .json:
            let document: JSONValue
            do {
                document = try JSONValue(parsing: data)
            } catch {
                throw readerFailure("\(source) is not valid JSON (\(error))")
            }
            guard case .array(let items) = document else {
                throw readerFailure("\(source) must hold a JSON array, found \(document.typeName)")
            }
            return items
        case .jsonLines:
            var items: [JSONValue] = []
            for (number, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated()
            where !line.allSatisfy(\.isWhitespace) {
                do {
                    items.append(try JSONValue(parsing: String(line)))
                } catch {
                    throw readerFailure("\(source) line \(number + 1) is not valid JSON (\(error))")
                }
            }
            return items
        case .csv(let headers, let delimiter):
            return try csvItems(data, headers: headers, delimiter: delimiter, source: source)
        }
    }

    /// Each row becomes an object of strings keyed by the header; short rows get empty strings.
    private static func csvItems(
        _ data: Data, headers: [String]?, delimiter: Character, source: String
    ) throws(StateFailure) -> [JSONValue] {
        var rows: [[String]]
        do {
            rows = try CSVTable.rows(String(decoding: data, as: UTF8.self), delimiter: delimiter)
        } catch {
            throw readerFailure("\(source) is not valid CSV: \(error.message)")
        }
        var columns = headers ?? []
        if headers == nil {
            guard !rows.isEmpty else { return [] }
            columns = rows.removeFirst()
        }
        return rows.map { row in
            var item: [String: JSONValue] = [:]
            for (index, column) in columns.enumerated() {
                item[column] = .string(index < row.count ? row[index] : "")
            }
            return .object(item)
        }
    }

    static func readerFailure(_ cause: String) -> StateFailure {
        StateFailure(error: "States.ItemReaderFailed", cause: cause)
    }
}
