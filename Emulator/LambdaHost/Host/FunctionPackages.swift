/// Where functions run from when they run from their deployment packages (`--packages DIR`):
/// each from `DIR/NAME/` (a zip of `make package`, unpacked), in an empty root of its own that
/// holds only the package at `/var/task` and this machine's `/proc`, `/dev` and `/tmp`, entered by
/// the `package-root` helper. What fails to load there is missing from the package, so a function
/// that answers this way needs nothing from this machine but the kernel.
public struct FunctionPackages: Sendable {
    /// The folder holding one unpacked package per function, named like the function's code
    /// folder (as the build folder names its executables).
    public var directory: String
    /// The `package-root` executable (built beside the emulator).
    public var packageRoot: String

    /// Where Lambda unpacks a function's code, and where `package-root` puts the package.
    public static let taskRoot = "/var/task"

    public init(directory: String, packageRoot: String) {
        self.directory = FilePaths.absolute(directory)
        self.packageRoot = FilePaths.absolute(packageRoot)
    }

    /// The command that runs package `name` in its own root.
    func command(for name: String, what: String) throws(HostError) -> [String] {
        let package = directory + "/" + name
        guard BuildFolder.isRunnable(package + "/bootstrap") else {
            throw HostError(
                .cannotStart,
                "\(what) has no package: no executable \(package)/bootstrap (make package, then unzip \(name).zip into \(package))")
        }
        guard BuildFolder.isRunnable(packageRoot) else {
            throw HostError(
                .cannotStart,
                "\(what) runs from its package, which needs \(packageRoot) to enter the package's root "
                    + BuildFolder.buildHint(for: "package-root"))
        }
        return [packageRoot, package]
    }
}
