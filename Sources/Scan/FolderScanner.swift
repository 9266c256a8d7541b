import Foundation
import HandbookContent
import Secrets

/// Scans every file under a folder (`.git/` excepted; symbolic links are not followed), or one
/// file: plain files as bytes, archives entry by entry. Files are read on every core.
struct FolderScanner {
    let scanner: ContentScanner

    struct Result {
        var findings: [ScanFinding] = []
        var files = 0
        var bytes = 0
        var diagnostics: [Diagnostic] = []
    }

    /// One file to read: where it is and how it is shown.
    private struct File: Sendable {
        var url: URL
        /// Relative to the target.
        var path: String
        var modified: Int64?
    }

    /// What reading one file gave.
    private struct FileResult: Sendable {
        var findings: [ScanFinding] = []
        var bytes = 0
        var diagnostics: [Diagnostic] = []
    }

    /// Scans the folder or file at `url`, shown as `target`.
    func run(url: URL, target: String, isFolder: Bool) -> Result {
        var result = Result()
        var files: [File] = []
        let keys: [URLResourceKey] = [
            .isDirectoryKey, .isRegularFileKey, .isSymbolicLinkKey, .contentModificationDateKey,
        ]
        if isFolder {
            let rootPath = url.standardizedFileURL.path
            let enumerationErrors = ErrorList()
            let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: keys, options: []) {
                failed, error in
                enumerationErrors.append(.error("cannot read \(failed.path): \(error.localizedDescription)", at: nil))
                return true
            }
            while let item = enumerator?.nextObject() as? URL {
                let values = try? item.resourceValues(forKeys: Set(keys))
                if values?.isSymbolicLink == true { continue }
                if values?.isDirectory == true {
                    if item.lastPathComponent == ".git" { enumerator?.skipDescendants() }
                    continue
                }
                guard values?.isRegularFile ?? true else { continue }
                var path = item.standardizedFileURL.path
                if path.hasPrefix(rootPath + "/") { path.removeFirst(rootPath.count + 1) }
                files.append(
                    File(
                        url: item, path: path,
                        modified: values?.contentModificationDate.map { Int64($0.timeIntervalSince1970) }))
            }
            result.diagnostics += enumerationErrors.diagnostics
        } else {
            let values = try? url.resourceValues(forKeys: [.contentModificationDateKey])
            files.append(
                File(
                    url: url, path: url.lastPathComponent,
                    modified: values?.contentModificationDate.map { Int64($0.timeIntervalSince1970) }))
        }
        files.sort { $0.path < $1.path }
        let scanner = self.scanner
        let singleFile = !isFolder
        let results = ParallelMap.map(files) { file in
            Self.scan(file, target: target, scanner: scanner, archiveErrorsAreFatal: singleFile)
        }
        for fileResult in results {
            result.findings += fileResult.findings
            result.bytes += fileResult.bytes
            result.diagnostics += fileResult.diagnostics
        }
        result.files = files.count
        return result
    }

    private static func scan(_ file: File, target: String, scanner: ContentScanner, archiveErrorsAreFatal: Bool)
        -> FileResult
    {
        var result = FileResult()
        let shown = target == "." ? file.path : (target as NSString).appendingPathComponent(file.path)
        let rules = scanner.catalogue.rules
        func add(_ hits: [ContentHit], path: String) {
            for hit in hits {
                let rule = rules[hit.ruleIndex]
                result.findings.append(
                    ScanFinding(
                        ruleID: rule.id, ruleTitle: rule.title, severity: rule.severity, isSecret: rule.isSecret,
                        redacted: hit.redacted, sha256: hit.sha256, target: target, path: path, line: hit.line,
                        column: hit.column, seenAt: file.modified))
            }
        }
        if ArchiveReader.isArchive(file.path) {
            var warnings: [String] = []
            do {
                try ArchiveReader.read(url: file.url, name: file.path, warnings: &warnings) { path, bytes in
                    result.bytes += bytes.count
                    add(scanner.hits(in: bytes), path: path)
                }
                for warning in warnings {
                    result.diagnostics.append(.warning(warning, at: SourceLocation(path: shown)))
                }
                return result
            } catch {
                if archiveErrorsAreFatal {
                    result.diagnostics.append(.error("a corrupt archive: \(error)", at: SourceLocation(path: shown)))
                    return result
                }
                result.diagnostics.append(
                    .warning(
                        "a corrupt archive (\(error)); it was scanned as bytes",
                        at: SourceLocation(path: shown)))
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: file.url, options: .alwaysMapped)
        } catch {
            result.diagnostics.append(
                .error("cannot read this file: \(Self.reason(error))", at: SourceLocation(path: shown)))
            return result
        }
        result.bytes += data.count
        data.withUnsafeBytes { raw in add(scanner.hits(in: raw.bindMemory(to: UInt8.self)), path: file.path) }
        return result
    }

    /// Why a file could not be read, in words.
    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileReadNoPermission.rawValue {
            return "permission denied"
        }
        return nsError.localizedDescription
    }
}

/// Diagnostics collected by the folder enumerator's error handler.
private final class ErrorList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Diagnostic] = []

    func append(_ diagnostic: Diagnostic) {
        lock.lock()
        list.append(diagnostic)
        lock.unlock()
    }

    var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
