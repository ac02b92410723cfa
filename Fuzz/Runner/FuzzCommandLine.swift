#if !LIBFUZZER
import ArgumentParser

/// The command's entry point; built for libFuzzer (`-DLIBFUZZER`), libFuzzer's own `main` drives
/// ``fuzzOneInput`` instead.
@main
enum FuzzCommandLine {
    static func main() {
        Fuzz.main()
    }
}
#endif
