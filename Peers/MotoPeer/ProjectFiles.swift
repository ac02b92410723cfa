import Foundation

/// Where the project's own files are, found from this source file's place in the checkout.
public enum ProjectFiles {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    /// The SAM template the emulator reads.
    public static let template = repository + "/template.yaml"
    /// The benchmarks' own template: `Echo`, which is not part of the product.
    public static let benchmarkTemplate = repository + "/Benchmarks/template.yaml"
}
