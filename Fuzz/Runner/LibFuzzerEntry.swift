#if LIBFUZZER
import Foundation
import FuzzTargets

/// The target libFuzzer drives, named by `FUZZ_TARGET`.
private let libFuzzerTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget.named(name) else {
        fatalError("FUZZ_TARGET must name a target: \(FuzzTarget.all.map(\.name).joined(separator: ", "))")
    }
    return target
}()

/// libFuzzer's driver, which parses its own options and calls ``fuzzOneInput`` for each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The executable's entry, which SwiftPM names after the module: hands over to libFuzzer.
@_cdecl("Fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var (count, arguments) = (argc, argv)
    return runDriver(&count, &arguments) { data, size in fuzzOneInput(data ?? UnsafePointer(bitPattern: 1)!, size) }
}

/// libFuzzer's entry: an input that fails untyped is a crash, which libFuzzer saves and reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if case .unexpected(let message) = libFuzzerTarget.run(Array(UnsafeBufferPointer(start: data, count: size))) {
        fatalError("\(libFuzzerTarget.name): \(message)")
    }
    return 0
}
#endif
