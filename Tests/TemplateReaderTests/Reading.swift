import Foundation
@testable import LambdaHost

/// Reads a template given as text, as if it were `/project/template.yaml`, in eu-west-1.
func read(_ yaml: String, options: TemplateOptions = TemplateOptions(region: "eu-west-1")) throws -> SAMTemplate {
    try SAMTemplate.parse(yaml: yaml, path: "/project/template.yaml", options: options)
}

/// The findings of a template as the text `emulator validate` prints after the file name.
func findingTexts(_ template: SAMTemplate) -> [String] {
    template.findings.map(\.description)
}

/// A throw-away folder, removed when the body ends.
func withFolder<R>(_ body: (String) throws -> R) throws -> R {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("template-reader-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

/// Writes `text` to `folder/name`, making the folders on the way.
func write(_ text: String, to name: String, in folder: String) throws {
    let path = "\(folder)/\(name)"
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
