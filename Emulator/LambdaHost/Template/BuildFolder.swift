import Foundation

/// Where this project's own executables are built (`swift build --show-bin-path`): functions run
/// from there as the executable named like their CodeUri folder, task containers as the one
/// named like the container.
enum BuildFolder {
    /// The path `name` would have in `buildDirectory`.
    static func path(of name: String, in buildDirectory: String) -> String {
        FilePaths.absolute(buildDirectory) + "/" + name
    }

    /// Whether `path` is a file that can be run (not a directory).
    static func isRunnable(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.isExecutableFile(atPath: path)
            && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// How to make `name` appear there, for errors that say it is missing.
    static func buildHint(for name: String) -> String {
        "(build it with `swift build --product \(name)`)"
    }
}
