import HandbookContent

/// The handbook's sections and their pages, in reading order: what the sidebar, the home page,
/// section pages and previous/next links show.
struct SiteNavigation: Sendable {
    struct Entry: Equatable, Sendable {
        var title: String
        var url: String
        var summary: String?
    }

    struct Group: Equatable, Sendable {
        /// The folder relative to the site root (`policies/keys`, `guides`, `quizzes`; "" at the top).
        var key: String
        var title: String
        /// The group's landing page.
        var url: String { SiteURL.forGroup(key) }
        var entries: [Entry]
        /// The nearest group whose folder holds this one's (`guides` for `guides/laptops`), if any.
        var parent: String? = nil
        /// Groups whose ``parent`` this is, in display order.
        var children: [String] = []
        /// The group's name under its parent in the navigation tree: its landing page's title, else its
        /// folder's name (where ``title`` names every folder: `Guides / Laptops`); ``title`` at the top.
        var label: String = ""
    }

    /// Groups in display order (a group before the groups inside it).
    var groups: [Group]
    /// Keys of the groups no other group holds, in display order: the top of the navigation tree.
    var topLevel: [String]
    /// Every entry in reading order, for previous/next.
    var readingOrder: [Entry]
    private var positionByURL: [String: Int]
    private var groupIndexByKey: [String: Int]

    /// Builds the navigation from the content pages (policies, pages, quizzes) of the site.
    init(pages: [SitePage], config: HandbookConfig) {
        var byKey: [String: [(sortKey: (Int, Int, String, String), entry: Entry)]] = [:]
        var indexTitles: [String: String] = [:]
        for page in pages {
            guard let key = page.groupKey, let sortKey = Self.sortKey(of: page) else { continue }
            if case .page(let handbookPage) = page.kind, handbookPage.isIndex { indexTitles[key] = handbookPage.title }
            byKey[key, default: []].append((sortKey, Self.entry(of: page)))
        }
        let orderedKeys = byKey.keys.sorted { a, b in
            Self.order(of: a, in: config.sections) < Self.order(of: b, in: config.sections)
        }
        var groups = orderedKeys.map { key in
            let entries = byKey[key, default: []].sorted { $0.sortKey < $1.sortKey }.map(\.entry)
            return Group(key: key, title: indexTitles[key] ?? Self.title(forGroup: key), entries: entries)
        }
        let groupIndexByKey = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.key, $0) })
        var topLevel: [String] = []
        for index in groups.indices {
            let key = groups[index].key
            // The nearest enclosing folder that is a group: `a/b` for `a/b/c`, else `a`.
            var folder = key.isEmpty ? nil : SiteURL.directory(of: key)
            while let candidate = folder, !candidate.isEmpty, groupIndexByKey[candidate] == nil {
                folder = SiteURL.directory(of: candidate)
            }
            if let parent = folder, !parent.isEmpty, let parentIndex = groupIndexByKey[parent] {
                groups[index].parent = parent
                groups[parentIndex].children.append(key)
                let folderName = String(key.split(separator: "/").last ?? "")
                groups[index].label = indexTitles[key] ?? Self.humanize(folderName)
            } else {
                topLevel.append(key)
                groups[index].label = groups[index].title
            }
        }
        self.groups = groups
        self.topLevel = topLevel
        readingOrder = groups.flatMap(\.entries)
        positionByURL = Dictionary(readingOrder.enumerated().map { ($1.url, $0) }, uniquingKeysWith: { a, _ in a })
        self.groupIndexByKey = groupIndexByKey
    }

    /// Where a page goes in its group: its landing page first, then by weight, title, id or URL; nil
    /// for pages that are not listed (home, search, generated listings).
    private static func sortKey(of page: SitePage) -> (Int, Int, String, String)? {
        switch page.kind {
        case .policy(let policy): (1, Int.max, policy.title.lowercased(), policy.id)
        case .quiz(let quiz): (1, Int.max, quiz.title.lowercased(), quiz.id)
        case .page(let handbookPage):
            (handbookPage.isIndex ? 0 : 1, handbookPage.weight ?? Int.max, handbookPage.title.lowercased(), page.url)
        default: nil
        }
    }

    private static func entry(of page: SitePage) -> Entry {
        Entry(title: page.title, url: page.url, summary: summary(of: page))
    }

    /// Lists the group `key` again from `pages` (its pages, with the same URLs as before, titles,
    /// summaries or weights changed; not its landing page's title): what an edited title needs,
    /// without building the whole navigation again. False, changing nothing, when they are not the
    /// pages it listed.
    mutating func relist(_ key: String, from pages: [SitePage]) -> Bool {
        guard let index = groupIndexByKey[key], let first = groups[index].entries.first,
            let start = positionByURL[first.url]
        else { return false }
        let listed = pages.compactMap { page in Self.sortKey(of: page).map { ($0, Self.entry(of: page)) } }
        let entries = listed.sorted { $0.0 < $1.0 }.map(\.1)
        guard Set(entries.map(\.url)) == Set(groups[index].entries.map(\.url)) else { return false }
        groups[index].entries = entries
        for (offset, entry) in entries.enumerated() {
            readingOrder[start + offset] = entry
            positionByURL[entry.url] = start + offset
        }
        return true
    }

    /// `key` and the groups holding it, innermost first.
    func ancestry(of key: String) -> [String] {
        var keys: [String] = []
        var current: String? = key
        while let next = current, let group = group(next) {
            keys.append(next)
            current = group.parent
        }
        return keys
    }

    /// Every group inside `key`, at any depth.
    func descendants(of key: String) -> [String] {
        var result: [String] = []
        var pending = group(key)?.children ?? []
        while let next = pending.popLast() {
            result.append(next)
            pending += group(next)?.children ?? []
        }
        return result
    }

    func group(_ key: String) -> Group? { groupIndexByKey[key].map { groups[$0] } }

    /// The entries before and after `url` in reading order.
    func neighbours(of url: String) -> (previous: Entry?, next: Entry?) {
        guard let position = positionByURL[url] else { return (nil, nil) }
        let previous = position > 0 ? readingOrder[position - 1] : nil
        let next = position + 1 < readingOrder.count ? readingOrder[position + 1] : nil
        return (previous, next)
    }

    /// `policies/key-management` → `Key management`; nested folders joined with ` / `.
    static func title(forGroup key: String) -> String {
        if key.isEmpty { return "General" }
        var parts = key.split(separator: "/").map(String.init)
        if parts.count > 1, parts[0] == "policies" { parts.removeFirst() }
        return parts.map(humanize).joined(separator: " / ")
    }

    static func humanize(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Sort key of a group: its top folder's place in handbook.yml `sections` (unlisted ones after,
    /// alphabetically), then within that top folder its own place (by full key or last folder name).
    /// When `sections` does not name `policies` itself, a policy folder may be named in it directly
    /// (`keys` for `policies/keys`), so that one list orders policy and page folders alike.
    private static func order(of key: String, in sections: [String]) -> (Int, String, Int, String) {
        var parts = key.split(separator: "/").map(String.init)
        if parts.count > 1, parts[0] == "policies", !sections.contains("policies"), sections.contains(parts[1]) {
            parts.removeFirst()
        }
        let unlisted = sections.count
        let topName = parts.first ?? ""
        let top = key.isEmpty ? -1 : sections.firstIndex(of: topName) ?? unlisted
        let own =
            parts.count < 2
            ? -1 : sections.firstIndex(of: key) ?? parts.last.flatMap { sections.firstIndex(of: $0) } ?? unlisted
        return (top, topName, own, key)
    }

    private static func summary(of page: SitePage) -> String? {
        switch page.kind {
        case .policy(let policy): return policy.summary
        case .page(let handbookPage): return handbookPage.summary
        default: return nil
        }
    }
}
