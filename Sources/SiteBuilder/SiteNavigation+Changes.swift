extension SiteNavigation {
    /// What changed between two navigations of the same pages, and which sidebars show it: the
    /// sidebar of a group lists the top-level groups, and the pages and inner groups of each group on
    /// the way to it (see ``SiteLayout/sidebar(groupKey:pathToRoot:)``).
    struct Changes {
        /// Whether anything differs.
        var changedAnything: Bool
        /// Whether every sidebar shows a change (groups came, went or moved; a top-level name changed).
        var allSidebars: Bool
        /// The groups whose sidebars show a change (when not ``allSidebars``).
        var sidebarGroups: Set<String>
        /// The groups whose pages (titles, summaries, order) changed: their listings show it.
        var entriesChanged: Set<String>

        init(from old: SiteNavigation, to new: SiteNavigation) {
            changedAnything = old.groups != new.groups
            allSidebars = false
            sidebarGroups = []
            entriesChanged = []
            guard changedAnything else { return }
            let shape = { (navigation: SiteNavigation) in navigation.groups.map { [$0.key, $0.parent ?? "\u{0}"] } }
            guard shape(old) == shape(new) else {
                allSidebars = true
                entriesChanged = Set(new.groups.map(\.key))
                return
            }
            let links = { (group: Group) in group.entries.map { [$0.title, $0.url] } }
            for (before, after) in zip(old.groups, new.groups) {
                if before.entries != after.entries { entriesChanged.insert(after.key) }
                if links(before) != links(after) {
                    // Its pages are listed in its own sidebar and in those of the groups inside it.
                    sidebarGroups.insert(after.key)
                    sidebarGroups.formUnion(new.descendants(of: after.key))
                }
                if before.label != after.label || before.title != after.title {
                    guard let parent = after.parent else {
                        allSidebars = true
                        continue
                    }
                    sidebarGroups.insert(parent)
                    sidebarGroups.formUnion(new.descendants(of: parent))
                }
            }
        }
    }
}
