/// Live reload for `attest serve --watch`: each HTML page gets a small script that asks
/// `GET /_attest/site-generation?known=-1` for the site's generation, then long-polls with
/// `?known=N`; the answer comes as soon as the site was rebuilt (or after a timeout), and the page
/// reloads itself when the generation changed.
enum LiveReload {
    static let path = "/_attest/site-generation"

    /// Put before `</body>` (or at the end) of every HTML page when live reload is on.
    static let script = """
        <script>(function(){var g=null;function poll(){fetch("\(path)?known="+(g===null?-1:g),\
        {cache:"no-store"}).then(function(r){return r.text()}).then(function(t){var n=+t;\
        if(g!==null&&n!==g){location.reload()}else{g=n;poll()}}).catch(function(){setTimeout(poll,1000)})}\
        poll()})();</script>
        """

    /// `html` with the script inserted before its last `</body>`, or appended.
    static func inject(into html: [UInt8]) -> [UInt8] {
        let script = Array(self.script.utf8)
        let closing = Array("</body>".utf8)
        var index = html.count - closing.count
        while index >= 0 {
            if html[index..<index + closing.count].elementsEqual(closing) {
                return Array(html[..<index]) + script + Array(html[index...])
            }
            index -= 1
        }
        return html + script
    }
}
