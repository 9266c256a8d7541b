import Foundation
import Testing

@testable import AttestServer

/// The `--watch` change monitor: inotify on Linux, reporting edits, new files in new folders, removals.
@Suite struct SourceChangeMonitorTests {
    @Test func reportsEditsNewFoldersAndRemovalsInBatches() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-monitor-\(UUID().uuidString)"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        try Data("one".utf8).write(to: URL(fileURLWithPath: folder + "/a/page.md"))
        let monitor = SourceChangeMonitor(paths: [folder], debounce: .milliseconds(20))
        #expect(monitor.usesInotify)
        var batches = monitor.changes.makeAsyncIterator()

        // Until `expected` have all been reported (bounded: the monitor is stopped after 10 s).
        func collect(_ expected: Set<String>) async -> Set<String> {
            var seen: Set<String> = []
            let timeout = Task {
                try await Task.sleep(for: .seconds(10))
                monitor.stop()
            }
            defer { timeout.cancel() }
            while !expected.isSubset(of: seen), let batch = await batches.next() { seen.formUnion(batch) }
            return seen
        }

        try Data("two".utf8).write(to: URL(fileURLWithPath: folder + "/a/page.md"))
        #expect(await collect([folder + "/a/page.md"]).contains(folder + "/a/page.md"))

        try FileManager.default.createDirectory(atPath: folder + "/b/c", withIntermediateDirectories: true)
        try Data("new".utf8).write(to: URL(fileURLWithPath: folder + "/b/c/new.md"))
        #expect(await collect([folder + "/b/c/new.md"]).contains(folder + "/b/c/new.md"))
        // The new folder is watched: a later edit in it is seen too.
        try Data("newer".utf8).write(to: URL(fileURLWithPath: folder + "/b/c/new.md"))
        #expect(await collect([folder + "/b/c/new.md"]).contains(folder + "/b/c/new.md"))

        try FileManager.default.removeItem(atPath: folder + "/a/page.md")
        #expect(await collect([folder + "/a/page.md"]).contains(folder + "/a/page.md"))

        monitor.stop()
        while await batches.next() != nil {}
    }
}
