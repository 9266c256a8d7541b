import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Linux inotify on every folder under some roots (recursively; folders created later are watched
/// as they appear): reports changed, added and removed files in batches, each batch once no event
/// came for `debounce` (an editor's save is several events; it becomes one batch).
///
/// A thread of its own blocks in `poll(2)` on the inotify descriptor and a pipe that ``stop()``
/// writes to; it owns all mutable state (the folder of each watch).
final class InotifyWatcher: Sendable {
    /// Batches of changed paths (as found under the roots given), sorted; finishes after ``stop()``.
    let changes: AsyncStream<[String]>
    private let stopPipe: StopPipe

    /// The pipe ``stop()`` writes to, to wake the watching thread. Both ends stay open until neither
    /// the watcher nor its thread holds it, so that a late ``stop()`` never writes into a closed pipe
    /// (which would kill the process with SIGPIPE).
    private final class StopPipe: Sendable {
        let reader: Int32
        let writer: Int32

        init(reader: Int32, writer: Int32) {
            self.reader = reader
            self.writer = writer
        }

        deinit {
            close(reader)
            close(writer)
        }
    }

    /// Events that mean a file changed, appeared or went away, or a folder did.
    private static let mask =
        UInt32(IN_CLOSE_WRITE) | UInt32(IN_MODIFY) | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
        | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF)
    /// However busy the folder, a batch waits at most this long.
    private static let longestWait: Duration = .milliseconds(250)

    /// Starts watching `paths` (folders; missing ones are skipped); nil when inotify is not available
    /// or nothing could be watched.
    init?(paths: [String], debounce: Duration) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            close(descriptor)
            return nil
        }
        for end in pipeEnds {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        // Watches are added before init returns: a change made after it is seen.
        var folders: [Int32: String] = [:]
        var complete = true
        for path in paths where !Self.watchTree(path, descriptor: descriptor, folders: &folders) {
            // A missing root is fine; a folder that cannot be watched (the per-user limit of
            // watches, fs.inotify.max_user_watches) would miss changes: then polling does it.
            complete = complete && !FileManager.default.fileExists(atPath: path)
        }
        guard complete, !folders.isEmpty else {
            close(descriptor)
            close(pipeEnds[0])
            close(pipeEnds[1])
            return nil
        }
        let (stream, continuation) = AsyncStream.makeStream(of: [String].self)
        changes = stream
        let stopPipe = StopPipe(reader: pipeEnds[0], writer: pipeEnds[1])
        self.stopPipe = stopPipe
        let watched = folders
        let quiet = Int32(debounce.components.seconds * 1000 + debounce.components.attoseconds / 1_000_000_000_000_000)
        let thread = Thread {
            Self.run(
                descriptor: descriptor, stopReader: stopPipe.reader, folders: watched,
                quietMilliseconds: max(quiet, 1), continuation: continuation)
            withExtendedLifetime(stopPipe) {}
        }
        thread.name = "attest-inotify"
        thread.start()
    }

    deinit { stop() }

    /// Stops watching; ``changes`` finishes. Safe to call more than once.
    func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe.writer, &byte, 1)
    }

    // MARK: - The watching thread

    private static func run(
        descriptor: Int32, stopReader: Int32, folders initial: [Int32: String], quietMilliseconds: Int32,
        continuation: AsyncStream<[String]>.Continuation
    ) {
        var folders = initial
        var pending: Set<String> = []
        /// Files modified and not yet closed: a batch waits for them (up to `longestWait`), so that a
        /// file truncated and then written is not read in between.
        var writing: Set<String> = []
        var firstPending: ContinuousClock.Instant?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var polled = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopReader, events: Int16(POLLIN), revents: 0),
        ]
        func flush() {
            if !pending.isEmpty { continuation.yield(pending.sorted()) }
            pending = []
            writing = []
            firstPending = nil
        }
        while true {
            var timeout: Int32 = -1
            if let firstPending {
                let left = longestWait - (ContinuousClock.now - firstPending)
                timeout = left <= .zero ? 0 : min(quietMilliseconds, Int32((left / .milliseconds(1)).rounded(.up)))
            }
            polled[0].revents = 0
            polled[1].revents = 0
            let ready = poll(&polled, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if polled[1].revents != 0 { break }
            if ready == 0 {
                // Quiet for the debounce: hand the batch over, unless a file is still being written.
                if writing.isEmpty { flush() }
                if let firstPending, ContinuousClock.now - firstPending >= longestWait { flush() }
                continue
            }
            if polled[0].revents & Int16(POLLIN) != 0 {
                let overflowed = readEvents(
                    descriptor, into: &pending, writing: &writing, folders: &folders, buffer: &buffer)
                if overflowed {
                    // Events were lost: report every file, the builder sorts out what changed.
                    for folder in Set(folders.values) { pending.formUnion(files(under: folder)) }
                }
                if !pending.isEmpty, firstPending == nil { firstPending = .now }
            }
            if let firstPending, ContinuousClock.now - firstPending >= longestWait { flush() }
        }
        flush()
        continuation.finish()
        close(descriptor)
    }

    /// Reads every queued event; returns whether the kernel's queue overflowed.
    private static func readEvents(
        _ descriptor: Int32, into pending: inout Set<String>, writing: inout Set<String>,
        folders: inout [Int32: String], buffer: inout [UInt8]
    ) -> Bool {
        var overflowed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { bytes in
                    (
                        bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                        bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                        Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                offset += 16 + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    overflowed = true
                    continue
                }
                if mask & (UInt32(IN_IGNORED) | UInt32(IN_DELETE_SELF)) != 0 {
                    folders[watch] = nil
                    continue
                }
                guard let folder = folders[watch], !nameBytes.isEmpty else { continue }
                let name = String(decoding: nameBytes, as: UTF8.self)
                if name.hasPrefix(".") { continue }
                let path = folder + "/" + name
                pending.insert(path)
                if mask & UInt32(IN_MODIFY) != 0 { writing.insert(path) }
                if mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 {
                    writing.remove(path)
                }
                if mask & UInt32(IN_ISDIR) != 0, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                    // A new folder: watch it, and report what it already holds (written before the watch).
                    _ = watchTree(path, descriptor: descriptor, folders: &folders)
                    pending.formUnion(files(under: path))
                }
            }
        }
        return overflowed
    }

    /// Watches `path` and every folder under it (hidden ones left out); false when `path` is no folder
    /// or one of the folders could not be watched.
    private static func watchTree(_ path: String, descriptor: Int32, folders: inout [Int32: String]) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return false
        }
        let watch = inotify_add_watch(descriptor, path, mask)
        guard watch >= 0 else { return false }
        folders[watch] = path
        var complete = true
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let child = path + "/" + name
            guard FileManager.default.fileExists(atPath: child, isDirectory: &isFolder), isFolder.boolValue else {
                continue
            }
            complete = watchTree(child, descriptor: descriptor, folders: &folders) && complete
        }
        return complete
    }

    /// Every file under `folder` (hidden ones left out), as paths starting with `folder`.
    private static func files(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            files.append(folder + "/" + relative)
        }
        return files
    }
}
