import Dispatch
import Foundation
import HandbookContent
import Secrets

/// Scans every blob reachable from every ref of a git repository, each distinct blob once, and
/// attributes each secret to the commit that introduced it at a path.
///
/// 1. `git log --all --raw -c -M -z` lists, for every commit, each path whose blob it changed, with
///    the blob before and after (a rename keeps its old blob; a merge lists only what differs from
///    every parent). No diff is computed: that is what makes this cheaper than `git log -p`.
/// 2. `git cat-file --batch` streams each distinct blob once (those listed, and HEAD's tree); blobs
///    are scanned in blocks on every core while git reads the next ones.
/// 3. A commit introduced a secret at a path when the blob it wrote holds it and the blob it
///    replaced (every parent's, for a merge) does not: the same set of (secret, commit, path) that a
///    scan of the added lines of `git log -p` finds, for secrets that stand on lines of their own.
struct HistoryScanner {
    let scanner: ContentScanner
    /// The repository folder, as given.
    let repository: String
    /// `--since`: only commits not reachable from it.
    let since: String?
    /// Called now and then with (blobs scanned, blobs to scan).
    let progress: (@Sendable (Int, Int) -> Void)?

    struct Result {
        var findings: [ScanFinding] = []
        var commits = 0
        var blobs = 0
        var bytes = 0
        var diagnostics: [Diagnostic] = []
    }

    /// One path a commit wrote.
    private struct Change {
        var commit: Int32
        var path: String
        var blob: String
        /// The blobs it replaced (none when the path is new).
        var previous: [String]
    }

    private struct Commit {
        var sha: String
        var authorTime: Int64
    }

    func run() -> Result {
        var result = Result()
        func fail(_ message: String) -> Result {
            result.diagnostics.append(.error(message, at: nil))
            return result
        }
        do {
            let check = try GitProcess.run(repository: repository, arguments: ["rev-parse", "--git-dir"])
            guard check.status == 0 else {
                return fail("\(repository) is not a git repository: --history reads a repository's commits")
            }
            var excluded: String?
            if let since {
                let resolved = try GitProcess.run(
                    repository: repository,
                    arguments: ["rev-parse", "--verify", "--quiet", "--end-of-options", since + "^{commit}"])
                let sha = String(decoding: resolved.output, as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)
                guard resolved.status == 0, !since.hasPrefix("-"), !sha.isEmpty else {
                    return fail("--since \(since) is not a commit of \(repository)")
                }
                excluded = sha
            }

            var commits: [Commit] = []
            var changes: [Change] = []
            var wanted: [String] = []
            var seen: Set<String> = []
            var archives: Set<String> = []
            func want(_ blob: String) {
                if seen.insert(blob).inserted { wanted.append(blob) }
            }
            var arguments = [
                "log", "--all", "--raw", "-c", "-M", "--root", "--no-abbrev", "-z", "--no-color", "--no-ext-diff",
                "--no-textconv", "--format=%x01%H %at",
            ]
            if let excluded { arguments += ["--not", excluded] }
            arguments.append("--")
            let log = try GitProcess(repository: repository, arguments: arguments)
            while var token = log.reader.next(until: 0) {
                let leading = token.prefix { $0 == 0x0A }.count
                if leading > 0 { token.removeFirst(leading) }
                guard let first = token.first else { continue }
                if first == 0x01 {
                    let text = String(decoding: token.dropFirst(), as: UTF8.self)
                    let parts = text.split(separator: " ")
                    commits.append(
                        Commit(
                            sha: parts.first.map(String.init) ?? "",
                            authorTime: parts.dropFirst().first.flatMap { Int64($0) } ?? 0))
                    continue
                }
                guard first == UInt8(ascii: ":"), !commits.isEmpty else { continue }
                let parents = token.prefix { $0 == UInt8(ascii: ":") }.count
                let fields = String(decoding: token.dropFirst(parents), as: UTF8.self).split(separator: " ")
                // n+1 modes, n+1 blobs (the parents', then the commit's), a status.
                guard fields.count == 2 * (parents + 1) + 1 else { continue }
                let status = fields[fields.count - 1]
                let newMode = fields[parents]
                let blob = String(fields[2 * parents + 1])
                let previous = fields[(parents + 1)...(2 * parents)].map(String.init).filter {
                    !$0.allSatisfy { $0 == "0" }
                }
                let paths = parents == 1 && (status.hasPrefix("R") || status.hasPrefix("C")) ? 2 : 1
                var path = ""
                for _ in 0..<paths { path = String(decoding: log.reader.next(until: 0) ?? [], as: UTF8.self) }
                let isBlob = newMode.hasPrefix("100") || newMode == "120000"
                guard isBlob, !blob.allSatisfy({ $0 == "0" }), !status.hasPrefix("D") else { continue }
                changes.append(Change(commit: Int32(commits.count - 1), path: path, blob: blob, previous: previous))
                if ArchiveReader.isArchive(path) { archives.insert(blob) }
                want(blob)
                for old in previous { want(old) }
            }
            let listed = log.finish()
            guard listed.status == 0 else {
                if listed.error.contains("does not have any commits") { return result }
                return fail("git log failed in \(repository): \(listed.error)")
            }
            result.commits = commits.count

            // HEAD's tree, for "still at HEAD" (and so that a history cut by --since still knows it).
            var headBlobs: [String] = []
            let head = try GitProcess.run(
                repository: repository, arguments: ["ls-tree", "-r", "-z", "--full-tree", "HEAD"])
            if head.status == 0 {
                for entry in head.output.split(separator: 0) {
                    // "mode type sha\tpath"
                    let line = String(decoding: entry, as: UTF8.self)
                    let fields = line.split(separator: "\t", maxSplits: 1)[0].split(separator: " ")
                    guard fields.count == 3, fields[1] == "blob" else { continue }
                    let blob = String(fields[2])
                    headBlobs.append(blob)
                    want(blob)
                }
            }

            let hits = try readBlobs(wanted, archives: archives, into: &result)
            var headSecrets: Set<String> = []
            for blob in headBlobs { for hit in hits[blob] ?? [] { headSecrets.insert(hit.sha256) } }

            let rules = scanner.catalogue.rules
            for change in changes {
                guard let found = hits[change.blob], !found.isEmpty else { continue }
                var before: Set<String> = []
                for old in change.previous { for hit in hits[old] ?? [] { before.insert(hit.sha256) } }
                let commit = commits[Int(change.commit)]
                for hit in found where !before.contains(hit.sha256) {
                    let rule = rules[hit.ruleIndex]
                    result.findings.append(
                        ScanFinding(
                            ruleID: rule.id, ruleTitle: rule.title, severity: rule.severity, isSecret: rule.isSecret,
                            redacted: hit.redacted, sha256: hit.sha256, target: repository,
                            path: hit.entry.map { "\(change.path)!\($0)" } ?? change.path,
                            line: hit.line, column: hit.column, commit: commit.sha, seenAt: commit.authorTime,
                            stillAtHead: headSecrets.contains(hit.sha256)))
                }
            }
        } catch {
            return fail("cannot run git in \(repository): \(error.localizedDescription)")
        }
        return result
    }

    /// Reads `blobs` through one `git cat-file --batch` and scans them; the hits of each blob that has any.
    private func readBlobs(_ blobs: [String], archives: Set<String>, into result: inout Result) throws -> [String:
        [ContentHit]]
    {
        guard !blobs.isEmpty else { return [:] }
        let git = try GitProcess(
            repository: repository, arguments: ["cat-file", "--batch", "--buffer"], writesInput: true)
        let writer = DispatchQueue(label: "attest.scan.cat-file-input")
        writer.async {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(64 << 10)
            for blob in blobs {
                chunk.append(contentsOf: blob.utf8)
                chunk.append(0x0A)
                if chunk.count >= 60 << 10 {
                    git.write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            git.write(chunk)
            git.closeInput()
        }

        let store = BlobHitStore()
        let group = DispatchGroup()
        // Blocks in flight at once: the memory held is about this many times the block size.
        let slots = DispatchSemaphore(value: max(2, ProcessInfo.processInfo.activeProcessorCount))
        let scanner = self.scanner
        var block: [(String, [UInt8])] = []
        var blockBytes = 0
        func submit() {
            guard !block.isEmpty else { return }
            let work = block
            block = []
            blockBytes = 0
            slots.wait()
            DispatchQueue.global().async(group: group) {
                var found: [(String, [ContentHit])] = []
                var warnings: [String] = []
                for (blob, bytes) in work {
                    let hits =
                        archives.contains(blob)
                        ? Self.archiveHits(bytes, blob: blob, scanner: scanner, warnings: &warnings)
                        : bytes.withUnsafeBufferPointer { scanner.hits(in: $0) }
                    if !hits.isEmpty { found.append((blob, hits)) }
                }
                store.add(found, warnings: warnings)
                slots.signal()
            }
        }
        var read = 0
        while let header = git.reader.next(until: 0x0A) {
            let fields = String(decoding: header, as: UTF8.self).split(separator: " ")
            guard fields.count == 3, let size = Int(fields[2]) else { continue }
            let isBlob = fields[1] == "blob"
            let bytes = git.reader.read(count: size) { isBlob ? Array($0) : [] }
            _ = git.reader.read(count: 1) { _ in () }
            guard let bytes else { break }
            read += 1
            if isBlob {
                result.blobs += 1
                result.bytes += size
                blockBytes += size
                block.append((String(fields[0]), bytes))
                if blockBytes >= 4 << 20 || block.count >= 512 { submit() }
            }
            if read & 255 == 0 { progress?(read, blobs.count) }
        }
        submit()
        group.wait()
        writer.sync {}
        let finished = git.finish()
        if finished.status != 0 {
            result.diagnostics.append(.error("git cat-file failed in \(repository): \(finished.error)", at: nil))
        }
        progress?(blobs.count, blobs.count)
        for warning in store.warnings { result.diagnostics.append(.warning(warning, at: nil)) }
        return store.hits
    }
}

extension HistoryScanner {
    /// The hits in the files of an archive blob (an app bundle committed to the repository); a
    /// blob that is no readable archive is scanned as bytes, with a warning naming it.
    static func archiveHits(_ bytes: [UInt8], blob: String, scanner: ContentScanner, warnings: inout [String])
        -> [ContentHit]
    {
        var hits: [ContentHit] = []
        var archiveWarnings: [String] = []
        do {
            try ArchiveReader.read(bytes: bytes, name: "", depth: 0, warnings: &archiveWarnings) { path, entryBytes in
                let entry = String(path.dropFirst())
                for var hit in scanner.hits(in: entryBytes) {
                    hit.entry = entry
                    hits.append(hit)
                }
            }
        } catch {
            warnings.append("blob \(blob) is named like an archive but is \(error); it was scanned as bytes")
            return bytes.withUnsafeBufferPointer { scanner.hits(in: $0) }
        }
        warnings += archiveWarnings.map { "in blob \(blob): \($0)" }
        return hits
    }
}

/// The hits of scanned blobs, gathered from the scanning threads.
private final class BlobHitStore: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [String: [ContentHit]] = [:]
    private var collectedWarnings: [String] = []

    func add(_ hits: [(String, [ContentHit])], warnings: [String]) {
        guard !hits.isEmpty || !warnings.isEmpty else { return }
        lock.lock()
        for (blob, blobHits) in hits { found[blob] = blobHits }
        collectedWarnings += warnings
        lock.unlock()
    }

    var warnings: [String] {
        lock.lock()
        defer { lock.unlock() }
        return collectedWarnings
    }

    var hits: [String: [ContentHit]] {
        lock.lock()
        defer { lock.unlock() }
        return found
    }
}
