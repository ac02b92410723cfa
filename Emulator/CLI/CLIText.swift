import Foundation

/// A command-line value that is either the text itself or, as `file://path`, a file's content: the
/// AWS CLI's convention for JSON parameters.
enum CLIText {
    static func read(_ argument: String) throws -> String {
        guard argument.hasPrefix("file://") else { return argument }
        let path = String(argument.dropFirst("file://".count))
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLITextError(message: "cannot read \(path): \(error.localizedDescription)")
        }
    }
}

/// A `file://` argument whose file cannot be read.
struct CLITextError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
