import ArgumentParser
import Foundation
import Synchronization

/// Where `start-execution` puts the functions' log lines: a file when asked, else nowhere, so the
/// progress lines stay readable through thousands of invocations.
final class FunctionLogFile: Sendable {
    private let handle: Mutex<FileHandle?>

    init(path: String?) throws {
        guard let path else {
            handle = Mutex(nil)
            return
        }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let file = FileHandle(forWritingAtPath: path) else {
            StandardError.write("emulator: cannot write the function log \(path)")
            throw ExitCode(2)
        }
        file.seekToEndOfFile()
        handle = Mutex(file)
    }

    func write(function: String, line: String) {
        handle.withLock { $0?.write(Data("\(function)  \(line)\n".utf8)) }
    }
}
