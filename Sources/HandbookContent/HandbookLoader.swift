import Foundation
import Markdown

/// Reads a handbook's `content/` into a validated ``Handbook``, collecting every diagnostic.
///
/// Walks `root/content` in sorted order (so the result is deterministic), skipping hidden files and
/// `content/data/`: `handbook.yml` is the config, `policies/**/*.md` policies, `quizzes/**/*.md`
/// quizzes, other `.md` files pages, and everything else an asset. Then cross-checks: duplicate
/// policy, quiz and control ids; quizzes covering unknown policies; quiz audiences unknown to the
/// roster (when given); controls naming unknown quizzes; `{{ controls.ID.PARAM }}` references in
/// policy prose (see ``ParameterQuoting``; a policy quotes its own controls).
public enum HandbookLoader {
    public struct Options: Sendable {
        /// Include draft policies, pages and quizzes.
        public var includeDrafts: Bool
        /// The roster, when known, so that quiz audiences can be validated against its groups.
        public var roster: Roster?
        public init(includeDrafts: Bool = false, roster: Roster? = nil) {
            self.includeDrafts = includeDrafts
            self.roster = roster
        }
    }

    /// Loads `root/content`. Returns the handbook when there are no errors (warnings allowed), nil
    /// otherwise; diagnostics always, all of them. Paths in diagnostics are relative to `root`.
    /// Drafts are validated but left out unless `options.includeDrafts`.
    public static func load(root: String, options: Options = Options()) -> (
        handbook: Handbook?, diagnostics: [Diagnostic]
    ) {
        let contentPath = (root as NSString).appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentPath, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            return (
                nil,
                [
                    .error(
                        "no content/ folder in '\(root)'; run 'attest init' to create a handbook, or pass --root",
                        at: nil)
                ]
            )
        }
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        var visited: Set<String> = []
        listFiles(in: contentPath, relativePath: "", into: &files, visited: &visited, diagnostics: &diagnostics)

        var configFile: String?
        var policyFiles: [String] = [], quizFiles: [String] = [], pageFiles: [String] = [], assets: [String] = []
        for file in files {
            let components = file.split(separator: "/")
            let isMarkdown = file.lowercased().hasSuffix(".md")
            if file == "handbook.yml" {
                configFile = file
            } else if isMarkdown, components.count > 1, components[0] == "policies" {
                policyFiles.append(file)
            } else if isMarkdown, components.count > 1, components[0] == "quizzes" {
                quizFiles.append(file)
            } else if isMarkdown {
                pageFiles.append(file)
            } else {
                assets.append(file)
            }
        }
        /// Reads one file; a diagnostic when it cannot be read or is not UTF-8.
        @Sendable func read<Output: Sendable>(_ file: String, _ reader: (SourceFile) -> Output) -> Result<
            Output, Diagnostic
        > {
            do {
                let source = try SourceFile(
                    contentsOf: (contentPath as NSString).appendingPathComponent(file), path: "content/" + file)
                return .success(reader(source))
            } catch {
                return .failure(error)
            }
        }
        func successes<Output>(_ results: [Result<Output, Diagnostic>]) -> [Output] {
            results.compactMap { result in
                switch result {
                case .success(let output): return output
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                    return nil
                }
            }
        }

        var config: HandbookConfig?
        if let configFile {
            for result in successes([read(configFile, HandbookConfigReader.read)]) {
                config = result.config
                diagnostics += result.diagnostics
            }
        } else {
            diagnostics.append(
                .error(
                    "missing content/handbook.yml: it holds the handbook's title and settings (at least 'title: …')",
                    at: nil))
        }

        // Files are independent until the cross-checks: read them on every core, in order.
        let policyOutputs = successes(ParallelMap.map(policyFiles) { read($0, PolicyReader.read) })
        let quizOutputs = successes(ParallelMap.map(quizFiles) { read($0, QuizReader.read) })
        var pages: [HandbookPage] = []
        for result in successes(ParallelMap.map(pageFiles) { read($0, PageReader.read) }) {
            diagnostics += result.diagnostics
            if let page = result.page { pages.append(page) }
        }
        diagnostics += policyOutputs.flatMap(\.diagnostics) + quizOutputs.flatMap(\.diagnostics)

        let policies = policyOutputs.compactMap(\.policy)
        let quizzes = quizOutputs.compactMap(\.quiz)
        diagnostics += crossCheck(policyOutputs: policyOutputs, quizOutputs: quizOutputs, options: options)
        diagnostics += ParallelMap.map(policies) { policy in
            ParameterQuoting.apply(
                to: MarkdownDocument(parsing: policy.body), controls: policy.controls, sourcePath: policy.sourcePath,
                bodyStartLine: policy.bodyStartLine)
        }.flatMap { $0 }

        guard let config, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let keep = options.includeDrafts
        return (
            Handbook(
                root: root, config: config, policies: policies.filter { keep || !$0.draft },
                quizzes: quizzes.filter { keep || !$0.draft }, pages: pages.filter { keep || !$0.draft }, assets: assets
            ),
            diagnostics
        )
    }

    /// Ids unique, and every reference resolves. Items left out as drafts are checked against
    /// everything; items kept may only refer to items kept.
    static func crossCheck(
        policyOutputs: [PolicyReader.Output], quizOutputs: [QuizReader.Output], options: Options
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func describe(_ location: SourceLocation?) -> String {
            location.map { "\($0.path):\($0.line):\($0.column)" } ?? "another file"
        }
        func checkUnique(_ what: String, _ items: [(id: String, location: SourceLocation?)]) {
            var first: [String: SourceLocation?] = [:]
            for item in items {
                if let earlier = first[item.id] {
                    diagnostics.append(
                        .error(
                            "duplicate \(what) id '\(item.id)' (first declared at \(describe(earlier)))",
                            at: item.location))
                } else {
                    first[item.id] = item.location
                }
            }
        }
        checkUnique("policy", policyOutputs.compactMap { output in output.id.map { ($0, output.idLocation) } })
        checkUnique("quiz", quizOutputs.compactMap { output in output.id.map { ($0, output.idLocation) } })
        let controls = policyOutputs.compactMap(\.policy).flatMap(\.controls)
        checkUnique("control", controls.map { ($0.id, $0.location) })

        let keep = options.includeDrafts
        let allPolicies = Set(policyOutputs.compactMap(\.id))
        let draftPolicies = Set(policyOutputs.compactMap { $0.policy?.draft == true ? $0.id : nil })
        let allQuizzes = Set(quizOutputs.compactMap(\.id))
        let draftQuizzes = Set(quizOutputs.compactMap { $0.quiz?.draft == true ? $0.id : nil })

        func check(
            _ reference: ContentReference, kind: String, all: Set<String>, drafts: Set<String>, fromKeptItem: Bool,
            context: String
        ) {
            if !all.contains(reference.name) {
                let known = all.sorted().joined(separator: ", ")
                diagnostics.append(
                    .error(
                        "\(context) unknown \(kind) '\(reference.name)'; known \(kind) ids: \(known.isEmpty ? "none" : known)",
                        at: reference.location))
            } else if fromKeptItem, !keep, drafts.contains(reference.name) {
                diagnostics.append(
                    .error(
                        "\(context) \(kind) '\(reference.name)', which is a draft and left out (build with --drafts to include it)",
                        at: reference.location))
            }
        }
        for output in quizOutputs {
            let kept = keep || output.quiz?.draft != true
            for reference in output.policyReferences {
                check(
                    reference, kind: "policy", all: allPolicies, drafts: draftPolicies, fromKeptItem: kept,
                    context: "quiz covers")
            }
            if let roster = options.roster {
                let groups = roster.groups
                for reference in output.audienceReferences where !groups.contains(reference.name) {
                    let source = roster.sourcePath.map { " (\($0))" } ?? ""
                    diagnostics.append(
                        .error(
                            "audience group '\(reference.name)' is not a group of anyone in the roster\(source); known groups: \(groups.sorted().joined(separator: ", "))",
                            at: reference.location))
                }
            }
        }
        for output in policyOutputs {
            let kept = keep || output.policy?.draft != true
            for reference in output.quizReferences {
                check(
                    reference, kind: "quiz", all: allQuizzes, drafts: draftQuizzes, fromKeptItem: kept,
                    context: "control names")
            }
        }
        return diagnostics
    }

    /// Files under `path`, relative to `content/`, in byte order of their names; hidden files and the
    /// top-level `data/` folder are skipped.
    private static func listFiles(
        in path: String, relativePath: String, into files: inout [String], visited: inout Set<String>,
        diagnostics: inout [Diagnostic]
    ) {
        // A folder reached twice (through a symbolic link) would otherwise be walked forever.
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard visited.insert(resolved).inserted else {
            diagnostics.append(
                .error(
                    "folder is reached twice through a symbolic link; skipped",
                    at: SourceLocation(path: "content/" + relativePath)))
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            diagnostics.append(
                .error(
                    "cannot read folder: \(error.localizedDescription)",
                    at: SourceLocation(path: "content/" + relativePath)))
            return
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
            if relativePath.isEmpty, name == "data" { continue }
            let fullPath = (path as NSString).appendingPathComponent(name)
            let relative = relativePath.isEmpty ? name : relativePath + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: fullPath, isDirectory: &isDirectory) else {
                diagnostics.append(
                    .error("cannot read '\(name)' (a broken link?)", at: SourceLocation(path: "content/" + relative)))
                continue
            }
            if isDirectory.boolValue {
                listFiles(
                    in: fullPath, relativePath: relative, into: &files, visited: &visited, diagnostics: &diagnostics)
            } else {
                files.append(relative)
            }
        }
    }
}
