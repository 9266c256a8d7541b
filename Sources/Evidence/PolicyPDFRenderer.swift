import Foundation
import HandbookContent

/// Turns a policy's HTML page (with its print stylesheet) into a PDF with WeasyPrint, run as a
/// process. WeasyPrint implements CSS Paged Media (`@page` margin boxes for headers and footers,
/// page counters, named strings), needs no browser, and writes the same bytes for the same HTML
/// when `SOURCE_DATE_EPOCH` pins the dates it would otherwise take from the clock (the embedded
/// fonts' time stamps); the document's creation date comes from the page's `dcterms.created`.
public struct PolicyPDFRenderer: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `weasyprint` executable.
    public var executable: String
    /// Seconds since 1970 written wherever WeasyPrint would write the time of the run.
    public var sourceDateEpoch: Int

    public init(executable: String, sourceDateEpoch: Int) {
        self.executable = executable
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// The first `weasyprint` on `PATH` (as given in `environment`); nil when there is none.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/weasyprint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// WeasyPrint's version line (`WeasyPrint version 57.2`), shown on the package's index.
    public func version() throws -> String {
        let (output, _) = try run(["--version"], in: nil)
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The PDF of `html` (UTF-8). `name` names the document in a failure.
    public func render(html: [UInt8], name: String) throws -> [UInt8] {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("attest-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("page.html"), output = scratch.appendingPathComponent("page.pdf")
        try Data(html).write(to: input)
        // A fixed base URL: relative URLs (a page's own `#…` links) resolve the same in every run,
        // never to the scratch folder's random name.
        _ = try run(
            ["--encoding", "utf-8", "--base-url", "file:///attest-evidence/\(name)", input.path, output.path],
            in: scratch, naming: name)
        guard let pdf = FileManager.default.contents(atPath: output.path), pdf.starts(with: Array("%PDF".utf8))
        else { throw Failure(description: "weasyprint wrote no PDF for \(name)") }
        return [UInt8](pdf)
    }

    /// Runs WeasyPrint with `arguments`; its output and error streams go to files (never a pipe
    /// that could fill), and a non-zero exit is a failure that quotes the end of its errors.
    private func run(_ arguments: [String], in directory: URL?, naming name: String = "") throws -> ([UInt8], String) {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("attest-weasyprint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = String(sourceDateEpoch)
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let output = FileManager.default.contents(atPath: outURL.path) ?? Data()
        let errors = String(decoding: FileManager.default.contents(atPath: errURL.path) ?? Data(), as: UTF8.self)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let tail = errors.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").suffix(3)
                .joined(separator: " ")
            throw Failure(
                description: "weasyprint failed\(name.isEmpty ? "" : " on \(name)") "
                    + "(exit \(process.terminationStatus)): \(tail.isEmpty ? "no message" : String(tail.prefix(500)))")
        }
        return ([UInt8](output), errors)
    }

    /// The PDFs of `pages` (path and HTML bytes), made on every core, in order; the first failure
    /// is thrown. Each PDF is named after its page (`policies/ID.html` → `policies/ID.pdf`).
    public func render(_ pages: [EvidenceFile]) throws -> [EvidenceFile] {
        let results = ParallelMap.map(pages) { page -> Result<EvidenceFile, Failure> in
            let pdfPath = (page.path.hasSuffix(".html") ? String(page.path.dropLast(5)) : page.path) + ".pdf"
            do {
                return .success(EvidenceFile(path: pdfPath, bytes: try render(html: page.bytes, name: page.path)))
            } catch let failure as Failure {
                return .failure(failure)
            } catch {
                return .failure(Failure(description: "cannot make \(pdfPath): \(error.localizedDescription)"))
            }
        }
        return try results.map { try $0.get() }
    }
}
