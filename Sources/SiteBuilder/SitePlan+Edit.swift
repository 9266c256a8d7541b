import HandbookContent

extension SitePlan {
    /// Puts `page`, an edited version of an ordinary page (or of the home page's introduction) of this
    /// plan, in place of the old one: what an edit of one page needs, without planning 10,000 pages
    /// again; a new title, summary or weight lists its group again. False, changing nothing, when the
    /// edit changes more (its draft state, or the title of a folder's landing page, which names the
    /// folder): then the site must be planned again.
    mutating func replace(_ page: HandbookPage) -> Bool {
        guard let url = sourceURLs[page.sourcePath], let index = position(of: url) else { return false }
        var edited = pages[index]
        switch edited.kind {
        case .page(let before):
            guard before.draft == page.draft, before.isIndex == page.isIndex, before.section == page.section,
                !page.isIndex || before.title == page.title
            else { return false }
            edited.kind = .page(page)
            edited.title = page.title
            let listed = before.title != page.title || before.summary != page.summary || before.weight != page.weight
            guard !listed || relist(edited, at: index) else { return false }
        case .home(let introduction):
            guard let introduction, introduction.sourcePath == page.sourcePath, introduction.draft == page.draft else {
                return false
            }
            edited.kind = .home(introduction: page)
        default:
            return false
        }
        edited.body = page.body
        edited.bodyStartLine = page.bodyStartLine
        pages[index] = edited
        return true
    }

    /// Puts `policy`, an edited version of a policy of this plan, in place of the old one; a new title
    /// or summary lists its group again. False, changing nothing, when the edit changes more (its id,
    /// section or draft state): then the site must be planned again.
    mutating func replace(_ policy: Policy) -> Bool {
        guard let url = sourceURLs[policy.sourcePath], let index = position(of: url),
            case .policy(let before) = pages[index].kind, before.id == policy.id, before.section == policy.section,
            before.draft == policy.draft
        else { return false }
        var edited = pages[index]
        edited.kind = .policy(policy)
        edited.title = policy.title
        edited.body = policy.body
        edited.bodyStartLine = policy.bodyStartLine
        let listed = before.title != policy.title || before.summary != policy.summary
        guard !listed || relist(edited, at: index) else { return false }
        pages[index] = edited
        policiesByID[policy.id] = policy
        policiesByURL[url] = policy
        return true
    }

    /// Puts `quiz`, an edited version of a quiz of this plan, in place of the old one; a new title
    /// lists its group again and orders the quizzes of the policies it covers again. False, changing
    /// nothing, when the edit changes more (its id, the policies it covers, its draft state): then the
    /// site must be planned again.
    mutating func replace(_ quiz: Quiz, root: String) -> Bool {
        guard let url = sourceURLs[quiz.sourcePath], let index = position(of: url),
            case .quiz(let before) = pages[index].kind, before.id == quiz.id, before.policies == quiz.policies,
            before.draft == quiz.draft
        else { return false }
        var edited = pages[index]
        edited.kind = .quiz(quiz)
        edited.title = quiz.title
        edited.body = quiz.introduction
        edited.bodyStartLine = Self.introductionLine(of: quiz, root: root)
        guard before.title == quiz.title || relist(edited, at: index) else { return false }
        pages[index] = edited
        for policyID in quiz.policies {
            guard var quizzes = quizzesByPolicy[policyID],
                let position = quizzes.firstIndex(where: { $0.id == quiz.id })
            else { continue }
            quizzes[position] = quiz
            quizzes.sort { ($0.title, $0.id) < ($1.title, $1.id) }
            quizzesByPolicy[policyID] = quizzes
        }
        return true
    }

    /// Lists the group of `edited` (the page at `index`, edited) again in the navigation.
    private mutating func relist(_ edited: SitePage, at index: Int) -> Bool {
        guard let key = edited.groupKey else { return true }
        // A group's pages sit together in URL order, under its folder.
        let prefix = key.isEmpty ? "" : key + "/"
        var low = index
        while low > 0, pages[low - 1].url.hasPrefix(prefix) { low -= 1 }
        var high = index + 1
        while high < pages.count, pages[high].url.hasPrefix(prefix) { high += 1 }
        var members: [SitePage] = []
        for position in low..<high where pages[position].groupKey == key {
            members.append(position == index ? edited : pages[position])
        }
        return navigation.relist(key, from: members)
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
