/// Small text routines of the inventory readers, on UTF-8 bytes for speed.
enum InventoryText {
    /// `text` without leading and trailing spaces and tabs; returns `text` itself when there are none.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        guard isSpace(first) || isSpace(last) else { return text }
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A `;`-separated list, each item trimmed, empty items dropped.
    static func list(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var items: [String] = []
        for part in text.split(separator: ";") {
            let item = trimmed(String(part))
            if !item.isEmpty { items.append(item) }
        }
        return items
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
