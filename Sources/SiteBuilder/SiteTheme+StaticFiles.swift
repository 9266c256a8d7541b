import Foundation

extension SiteTheme {
    /// The theme's static files (relative to its `static/` folder, sorted; dot files left out),
    /// published under `site/static/`.
    func staticFiles() -> [String] {
        guard let staticDirectory else { return [] }
        let files = (FileManager.default.enumerator(atPath: staticDirectory)?.allObjects as? [String] ?? []).sorted()
        return files.filter { file in
            guard !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: staticDirectory + "/" + file, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
    }
}
