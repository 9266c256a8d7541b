import Foundation
import Markdown

/// Every file of a handbook's `content/` as its reader read it: what ``HandbookLoader/load(root:options:)``
/// assembles into a ``Handbook``. `--watch` keeps it between rebuilds, so that an edit re-reads only the
/// files that changed and the handbook is assembled again from the rest as read before.
public struct HandbookFiles: Sendable {
    /// The project root (holding `content/`).
    public let root: String
    public let options: HandbookLoader.Options

    /// Problems listing `content/` (or its absence).
    private var listingDiagnostics: [Diagnostic]
    /// Whether `content/` exists; nothing else is read without it.
    private var hasContent: Bool
    /// What each file is read as, by its path relative to `content/`.
    private enum Kind: Sendable { case config, policy, quiz, page }
    private var kinds: [String: Kind] = [:]
    /// Files relative to `content/`, by kind, in the loader's (byte) order.
    private var configFile: String?
    private var policyFiles: [String] = []
    private var quizFiles: [String] = []
    private var pageFiles: [String] = []
    private var assets: [String] = []

    private var config: (config: HandbookConfig?, diagnostics: [Diagnostic])?
    private var policies: [String: PolicyReader.Output] = [:]
    private var quizzes: [String: QuizReader.Output] = [:]
    private var pages: [String: (page: HandbookPage?, diagnostics: [Diagnostic])] = [:]
    /// Files that could not be read (or are not UTF-8).
    private var unreadable: [String: Diagnostic] = [:]
    /// The diagnostics of `{{ controls.… }}` references in each policy's prose.
    private var quotings: [String: [Diagnostic]] = [:]

    /// Lists and reads every file of `root/content` (hidden files and `content/data/` left out), the
    /// files on every core.
    public static func read(root: String, options: HandbookLoader.Options = .init()) -> HandbookFiles {
        var files = HandbookFiles(root: root, options: options)
        files.readAll()
        return files
    }

    private init(root: String, options: HandbookLoader.Options) {
        self.root = root
        self.options = options
        listingDiagnostics = []
        hasContent = false
    }

    private var contentPath: String { (root as NSString).appendingPathComponent("content") }

    private mutating func readAll() {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentPath, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            listingDiagnostics = [
                .error(
                    "no content/ folder in '\(root)'; run 'attest init' to create a handbook, or pass --root", at: nil)
            ]
            return
        }
        hasContent = true
        var files: [String] = []
        var visited: Set<String> = []
        HandbookLoader.listFiles(
            in: contentPath, relativePath: "", into: &files, visited: &visited, diagnostics: &listingDiagnostics)
        for file in files {
            let components = file.split(separator: "/")
            let isMarkdown = file.lowercased().hasSuffix(".md")
            if file == "handbook.yml" {
                configFile = file
                kinds[file] = .config
            } else if isMarkdown, components.count > 1, components[0] == "policies" {
                policyFiles.append(file)
                kinds[file] = .policy
            } else if isMarkdown, components.count > 1, components[0] == "quizzes" {
                quizFiles.append(file)
                kinds[file] = .quiz
            } else if isMarkdown {
                pageFiles.append(file)
                kinds[file] = .page
            } else {
                assets.append(file)
            }
        }
        if let configFile {
            switch Self.read(configFile, in: contentPath, HandbookConfigReader.read) {
            case .success(let output): config = output
            case .failure(let diagnostic): unreadable[configFile] = diagnostic
            }
        }
        // Files are independent until the cross-checks: read them on every core, in order.
        let contentPath = contentPath
        let policyResults = ParallelMap.map(policyFiles) { file in
            Self.read(file, in: contentPath) { source in
                let output = PolicyReader.read(source)
                return (output, Self.quoting(output.policy))
            }
        }
        for (file, result) in zip(policyFiles, policyResults) {
            switch result {
            case .success(let (output, quoting)):
                policies[file] = output
                quotings[file] = quoting
            case .failure(let diagnostic): unreadable[file] = diagnostic
            }
        }
        for (file, result) in zip(
            quizFiles, ParallelMap.map(quizFiles) { Self.read($0, in: contentPath, QuizReader.read) })
        {
            switch result {
            case .success(let output): quizzes[file] = output
            case .failure(let diagnostic): unreadable[file] = diagnostic
            }
        }
        for (file, result) in zip(
            pageFiles, ParallelMap.map(pageFiles) { Self.read($0, in: contentPath, PageReader.read) })
        {
            switch result {
            case .success(let output): pages[file] = output
            case .failure(let diagnostic): unreadable[file] = diagnostic
            }
        }
    }

    /// Reads one file again (relative to `content/`) as the reader of its kind.
    private mutating func read(_ file: String) {
        unreadable[file] = nil
        let contentPath = contentPath
        let result: Result<Void, Diagnostic>
        switch kinds[file] {
        case .config:
            result = Self.read(file, in: contentPath) { config = HandbookConfigReader.read($0) }
            if case .failure = result { config = nil }
        case .policy:
            result = Self.read(file, in: contentPath) { source in
                let output = PolicyReader.read(source)
                policies[file] = output
                quotings[file] = Self.quoting(output.policy)
            }
            if case .failure = result { (policies[file], quotings[file]) = (nil, nil) }
        case .quiz:
            result = Self.read(file, in: contentPath) { quizzes[file] = QuizReader.read($0) }
            if case .failure = result { quizzes[file] = nil }
        case .page:
            result = Self.read(file, in: contentPath) { pages[file] = PageReader.read($0) }
            if case .failure = result { pages[file] = nil }
        case nil:
            return
        }
        if case .failure(let diagnostic) = result { unreadable[file] = diagnostic }
    }

    /// What re-reading files edited in place did to the handbook assembled from them.
    public enum Reread: Sendable {
        /// The handbook was brought up to date in place: the edit left every id, reference and draft
        /// state as it was, so the cross-checks hold as before. The re-read files' diagnostics.
        case patched([Diagnostic])
        /// The re-read files have errors (their diagnostics); the handbook is as it was.
        case failed([Diagnostic])
        /// The edit changed what the cross-checks read: assemble the handbook again (``handbook()``).
        case reassemble
        /// A path is not a policy, quiz or page read before, or no longer exists (a file added or
        /// removed, `handbook.yml`, any other file): read the handbook again whole. Nothing was read.
        case readAgain
    }

    /// Reads again the files at `paths` (root-relative, e.g. `content/policies/keys/rotation.md`),
    /// edited in place, and brings `handbook` (assembled from these files without errors) up to date
    /// in place when it can: an edit that keeps the ids, references and draft state of what it
    /// changed cannot change what the cross-checks find, so only the files themselves are checked.
    public mutating func reread(_ paths: some Sequence<String>, updating handbook: inout Handbook) -> Reread {
        var files: [String] = []
        for path in paths {
            guard path.hasPrefix("content/") else { return .readAgain }
            let file = String(path.dropFirst("content/".count))
            guard let kind = kinds[file], kind != .config,
                FileManager.default.fileExists(atPath: (contentPath as NSString).appendingPathComponent(file))
            else { return .readAgain }
            files.append(file)
        }
        var diagnostics: [Diagnostic] = []
        var patches: [(kind: Kind, path: String)] = []
        var keysKept = true
        for file in files {
            read(file)
            let path = "content/" + file
            if let failure = unreadable[file] { diagnostics.append(failure) }
            switch kinds[file] {
            case .policy:
                let output = policies[file]
                diagnostics += (output?.diagnostics ?? []) + (quotings[file] ?? [])
                let before = handbook.policies.first { $0.sourcePath == path }
                keysKept = keysKept && output?.policy.map(Self.checkedKey) == before.map(Self.checkedKey)
            case .quiz:
                let output = quizzes[file]
                diagnostics += output?.diagnostics ?? []
                let before = handbook.quizzes.first { $0.sourcePath == path }
                keysKept = keysKept && output?.quiz.map(Self.checkedKey) == before.map(Self.checkedKey)
            case .page:
                let result = pages[file]
                diagnostics += result?.diagnostics ?? []
                let before = handbook.pages.first { $0.sourcePath == path }
                keysKept = keysKept && result?.page?.draft == before?.draft && before != nil
            case .config, nil:
                keysKept = false
            }
            patches.append((kinds[file] ?? .config, path))
        }
        guard !diagnostics.hasErrors else { return .failed(diagnostics) }
        guard keysKept else { return .reassemble }
        for (kind, path) in patches {
            let file = String(path.dropFirst("content/".count))
            switch kind {
            case .policy:
                guard let policy = policies[file]?.policy,
                    let index = handbook.policies.firstIndex(where: { $0.sourcePath == path })
                else { continue }
                handbook.policies[index] = policy
            case .quiz:
                guard let quiz = quizzes[file]?.quiz,
                    let index = handbook.quizzes.firstIndex(where: { $0.sourcePath == path })
                else { continue }
                handbook.quizzes[index] = quiz
            case .page:
                guard let page = pages[file]?.page,
                    let index = handbook.pages.firstIndex(where: { $0.sourcePath == path })
                else { continue }
                handbook.pages[index] = page
            case .config:
                continue
            }
        }
        return .patched(diagnostics)
    }

    /// What the cross-checks read of a policy or a quiz: ids, references, draft state.
    private struct CheckedKey: Equatable {
        var id: String
        var draft: Bool
        /// A policy's controls: id, check, and the quizzes they name.
        var controls: [[ParameterValue?]] = []
        /// A quiz's policies and audience.
        var references: [[String]] = []
    }

    private static func checkedKey(_ policy: Policy) -> CheckedKey {
        CheckedKey(
            id: policy.id, draft: policy.draft,
            controls: policy.controls.map { [.string($0.id), .string($0.check), $0.params["quizzes"]] })
    }

    private static func checkedKey(_ quiz: Quiz) -> CheckedKey {
        CheckedKey(id: quiz.id, draft: quiz.draft, references: [quiz.policies, quiz.audience])
    }

    /// The handbook these files make, when there are no errors (warnings allowed), and every
    /// diagnostic: each file's, then the cross-checks' (unique ids, references that resolve). Drafts
    /// are validated but left out unless ``HandbookLoader/Options/includeDrafts``.
    public func handbook() -> (handbook: Handbook?, diagnostics: [Diagnostic]) {
        var diagnostics = listingDiagnostics
        guard hasContent else { return (nil, diagnostics) }
        if let configFile {
            if let failure = unreadable[configFile] { diagnostics.append(failure) }
            diagnostics += config?.diagnostics ?? []
        } else {
            diagnostics.append(
                .error(
                    "missing content/handbook.yml: it holds the handbook's title and settings (at least 'title: …')",
                    at: nil))
        }
        let policyOutputs = policyFiles.compactMap { policies[$0] }
        let quizOutputs = quizFiles.compactMap { quizzes[$0] }
        for file in policyFiles + quizFiles + pageFiles {
            if let failure = unreadable[file] { diagnostics.append(failure) }
        }
        var pageValues: [HandbookPage] = []
        for file in pageFiles {
            guard let result = pages[file] else { continue }
            diagnostics += result.diagnostics
            if let page = result.page { pageValues.append(page) }
        }
        diagnostics += policyOutputs.flatMap(\.diagnostics) + quizOutputs.flatMap(\.diagnostics)
        diagnostics += HandbookLoader.crossCheck(
            policyOutputs: policyOutputs, quizOutputs: quizOutputs, options: options)
        diagnostics += policyFiles.flatMap { quotings[$0] ?? [] }

        guard let config = config?.config, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let keep = options.includeDrafts
        return (
            Handbook(
                root: root, config: config, policies: policyOutputs.compactMap(\.policy).filter { keep || !$0.draft },
                quizzes: quizOutputs.compactMap(\.quiz).filter { keep || !$0.draft },
                pages: pageValues.filter { keep || !$0.draft }, assets: assets),
            diagnostics
        )
    }

    /// The diagnostics of a policy's `{{ controls.… }}` references (none for a policy with errors).
    private static func quoting(_ policy: Policy?) -> [Diagnostic] {
        guard let policy else { return [] }
        return ParameterQuoting.apply(
            to: MarkdownDocument(parsing: policy.body), controls: policy.controls, sourcePath: policy.sourcePath,
            bodyStartLine: policy.bodyStartLine)
    }

    /// Reads one file; a diagnostic when it cannot be read or is not UTF-8.
    private static func read<Output>(
        _ file: String, in contentPath: String, _ reader: (SourceFile) -> Output
    ) -> Result<Output, Diagnostic> {
        do {
            let source = try SourceFile(
                contentsOf: (contentPath as NSString).appendingPathComponent(file), path: "content/" + file)
            return .success(reader(source))
        } catch {
            return .failure(error)
        }
    }
}
