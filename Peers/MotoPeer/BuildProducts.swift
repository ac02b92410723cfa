import Foundation

/// Where `swift build` put the products (the emulator, the functions, the worker): the folder of
/// the running test bundle.
public enum BuildProducts {
    public static var directory: String {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().path
    }
}
