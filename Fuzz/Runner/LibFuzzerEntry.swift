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

/// libFuzzer's entry: an input that fails untyped is a crash, which libFuzzer saves and reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if case .unexpected(let message) = libFuzzerTarget.run(Array(UnsafeBufferPointer(start: data, count: size))) {
        fatalError("\(libFuzzerTarget.name): \(message)")
    }
    return 0
}
#endif
