import ArgumentParser
import Foundation
import FuzzTargets

/// `fuzz`: runs the parsers of untrusted input on seeded mutations of their samples and reports,
/// per target, what was accepted, what was refused with the parser's own error, and anything else.
struct Fuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Runs every parser of untrusted input on mutated samples: nothing may crash, hang or fail untyped.",
        discussion: """
            Each target starts from its seeds (files of the repository and samples of its own) and runs \
            --runs mutated inputs drawn from --seed: the same seed gives the same inputs. Before each input \
            runs, it is written to --current-input, so that a crash leaves the input behind. Exits 0 when \
            every input was accepted or refused with the target's own error type, 1 otherwise. Built with \
            `make fuzz`, the same targets run under libFuzzer (FUZZ_TARGET names the target).
            """)

    @Option(name: .customLong("target"), help: "A target to run (repeatable); all when none: \(FuzzTarget.all.map(\.name).joined(separator: ", ")).")
    var targets: [String] = []

    @Option(help: "Mutated inputs per target, after its seeds.")
    var runs = 2_000

    @Option(help: "The seed of the mutations.")
    var seed: UInt64 = 1

    @Option(help: "The repository's folder, where the seed files are.")
    var root = FileManager.default.currentDirectoryPath

    @Option(help: "Where each input is written before it runs.")
    var currentInput = ".build/fuzz-current-input"

    @Option(help: "Write each chosen target's seeds as files into this folder (a libFuzzer corpus), and exit.")
    var writeSeeds: String?

    @Flag(help: "List the targets and what each reads, and exit.")
    var list = false

    func run() throws {
        if list {
            for target in FuzzTarget.all { print("\(target.name): \(target.summary)") }
            return
        }
        let chosen = try targets.isEmpty ? FuzzTarget.all : targets.map { name in
            guard let target = FuzzTarget.named(name) else { throw ValidationError("no target \(name); see --list") }
            return target
        }
        if let writeSeeds {
            for target in chosen {
                for (index, seed) in try FuzzCorpus.seeds(of: target, root: root).enumerated() {
                    try Data(seed).write(to: URL(fileURLWithPath: "\(writeSeeds)/seed-\(index)"))
                }
            }
            return
        }
        _ = FileManager.default.createFile(atPath: currentInput, contents: nil)
        guard let output = FileHandle(forWritingAtPath: currentInput) else {
            throw ValidationError("cannot write \(currentInput)")
        }
        var failed = false
        for target in chosen {
            let seeds = try FuzzCorpus.seeds(of: target, root: root)
            let summary = FuzzCampaign.run(target, seeds: seeds, runs: runs, seed: seed) { input in
                try? output.seek(toOffset: 0)
                try? output.write(contentsOf: input)
                try? output.truncate(atOffset: UInt64(input.count))
            }
            print(summary.description)
            for (input, message) in summary.unexpected.prefix(5) {
                print("  unexpected: \(message)\n  input (\(input.count) bytes): \(String(decoding: input.prefix(200), as: UTF8.self).debugDescription)")
            }
            failed = failed || !summary.unexpected.isEmpty
        }
        if failed { throw ExitCode(1) }
    }
}
