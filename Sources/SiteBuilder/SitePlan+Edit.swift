import HandbookContent

extension SitePlan {
    /// This plan with `page`, an edited version of an ordinary page (or of the home page's
    /// introduction) already in it, in place of the old one: what an edit of one page needs, without
    /// planning 10,000 pages again. Nil when the edit changes more than the page itself (its title,
    /// summary, weight or draft state, which the navigation shows): then the site must be planned again.
    func replacing(_ page: HandbookPage) -> SitePlan? {
        guard let url = sourceURLs[page.sourcePath], let low = position(of: url) else { return nil }
        let old = pages[low]
        var new = old
        switch old.kind {
        case .page(let before):
            guard before.title == page.title, before.summary == page.summary, before.weight == page.weight,
                before.draft == page.draft, before.isIndex == page.isIndex, before.section == page.section
            else { return nil }
            new.kind = .page(page)
        case .home(let introduction):
            guard let introduction, introduction.sourcePath == page.sourcePath, introduction.draft == page.draft else {
                return nil
            }
            new.kind = .home(introduction: page)
        default:
            return nil
        }
        new.body = page.body
        new.bodyStartLine = page.bodyStartLine
        var plan = self
        plan.pages[low] = new
        return plan
    }

    /// Where the page at `url` is in ``pages`` (sorted by URL): found without walking them all.
    func position(of url: String) -> Int? {
        var low = 0
        var high = pages.count
        while low < high {
            let middle = (low + high) / 2
            if pages[middle].url < url { low = middle + 1 } else { high = middle }
        }
        return low < pages.count && pages[low].url == url ? low : nil
    }
}
