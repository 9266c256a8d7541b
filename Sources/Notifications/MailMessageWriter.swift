import Foundation
import HandbookContent

/// Writes a ``MailMessage`` as an RFC 5322 message: CRLF line ends, every line at most 78
/// characters (headers folded, bodies quoted-printable), non-ASCII names and subjects as RFC 2047
/// encoded words, `multipart/alternative` with the plain text first and the HTML second.
/// The result is 7-bit ASCII, so no SMTP extension is needed to send it.
public enum MailMessageWriter {
    /// The message's bytes; `boundary` is fixed by tests, random otherwise.
    public static func write(_ message: MailMessage, boundary: String? = nil) -> [UInt8] {
        let boundary = boundary ?? "attest-" + UUID().uuidString.lowercased()
        var lines: [String] = []
        lines.append("Date: " + rfc5322Date(message.date))
        lines += header("From", mailbox(message.from))
        if let replyTo = message.replyTo { lines += header("Reply-To", mailbox(replyTo)) }
        lines += header("To", mailbox(message.to))
        lines += header("Subject", unstructured(message.subject))
        lines.append("Message-ID: <\(message.messageID)>")
        lines.append("MIME-Version: 1.0")
        lines.append("Auto-Submitted: auto-generated")
        lines.append("Content-Type: multipart/alternative;")
        lines.append(" boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("--\(boundary)")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("")
        lines += quotedPrintable(message.text)
        lines.append("--\(boundary)")
        lines.append("Content-Type: text/html; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines.append("")
        lines += quotedPrintable(message.html)
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    // MARK: - Headers

    /// `Name: value` folded at spaces so that no line passes 78 characters where it can be avoided.
    /// `words` are the value's pieces that may not be split (encoded words, an address).
    static func header(_ name: String, _ words: [String]) -> [String] {
        var lines: [String] = []
        var line = name + ":"
        for word in words {
            if line.count + 1 + word.count > 78, line.count > name.count + 1 {
                lines.append(line)
                line = " " + word
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        return lines
    }

    /// A mailbox as header words: `"Name" <addr>` or encoded words then `<addr>`.
    static func mailbox(_ mailbox: Mailbox) -> [String] {
        guard let name = mailbox.name, !name.isEmpty else { return [mailbox.email] }
        let printable = name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7f }
        if printable, name.count <= 60 {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ["\"\(quoted)\"", "<\(mailbox.email)>"]
        }
        return encodedWords(name) + ["<\(mailbox.email)>"]
    }

    /// Unstructured text (a subject): words as they are when printable ASCII, else encoded words.
    static func unstructured(_ text: String) -> [String] {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let printable = clean.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7f }
        let words = clean.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if printable, words.allSatisfy({ $0.count <= 60 && !$0.hasPrefix("=?") }) { return words }
        return encodedWords(clean)
    }

    /// RFC 2047 `=?utf-8?B?…?=` words of at most 60 characters (RFC 2047 allows 75; shorter words
    /// keep `Subject: ` and the first word within 78), never splitting a character.
    static func encodedWords(_ text: String) -> [String] {
        // 36 bytes of UTF-8 are 48 base64 characters, 60 with "=?utf-8?B?" and "?=".
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 36, !chunk.isEmpty {
                words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// `Wed, 02 Dec 2026 01:25:52 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    // MARK: - Bodies

    /// Quoted-printable (RFC 2045) lines of at most 76 characters; line breaks (LF or CRLF) become
    /// CRLF; a line's leading `.` and trailing spaces are encoded too.
    static func quotedPrintable(_ text: String) -> [String] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var output: [String] = []
        for sourceLine in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(sourceLine.utf8)
            var line = ""
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                var token: String
                switch byte {
                case 0x21...0x3C, 0x3E...0x7E: token = String(UnicodeScalar(byte))
                case 0x20, 0x09: token = last ? String(format: "=%02X", byte) : String(UnicodeScalar(byte))
                default: token = String(format: "=%02X", byte)
                }
                if byte == 0x2E, line.isEmpty { token = "=2E" }
                if line.count + token.count > 75 {
                    output.append(line + "=")
                    line = ""
                    if byte == 0x2E { token = "=2E" }
                }
                line += token
            }
            output.append(line)
        }
        return output
    }
}
