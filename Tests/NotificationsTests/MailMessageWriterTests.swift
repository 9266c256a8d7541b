import Foundation
import HandbookContent
import Testing

@testable import Notifications

@Suite struct MailMessageWriterTests {
    static let message = MailMessage(
        from: Mailbox(name: "Équipe Sécurité", email: "security@example.com"),
        replyTo: Mailbox(email: "help@example.com"), to: Mailbox(name: "Zoë \"Z\" Ündüz", email: "zoe@example.com"),
        subject: "Rappel : formation « clés API » en retard depuis longtemps, très longtemps, vraiment très longtemps",
        text: ".leading dot\n" + String(repeating: "ü", count: 60) + "\ntrailing space \nplain",
        html: "<p>a=b</p>", date: Date(timeIntervalSince1970: 1_796_000_000), messageID: "id-1@example.com")

    @Test func messageIsSevenBitCRLFWithShortLines() {
        let bytes = MailMessageWriter.write(Self.message, boundary: "b0")
        #expect(bytes.allSatisfy { $0 < 128 })
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.last == "")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.count <= 78 }, "\(lines.filter { $0.count > 78 })")
        #expect(text.hasPrefix("Date: Mon, 30 Nov 2026 00:53:20 +0000"))
        #expect(text.contains("\r\nFrom: =?utf-8?B?"))
        #expect(text.contains("<security@example.com>\r\n"))
        #expect(text.contains("\r\nReply-To: help@example.com\r\n"))
        #expect(text.contains("\r\nMessage-ID: <id-1@example.com>\r\n"))
        #expect(text.contains("Content-Type: multipart/alternative;\r\n boundary=\"b0\"\r\n"))
        #expect(text.contains("\r\n--b0\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(text.contains("\r\n--b0\r\nContent-Type: text/html; charset=utf-8\r\n"))
        #expect(text.hasSuffix("\r\n--b0--\r\n"))
        // Quoted-printable: a leading dot, `=`, a trailing space are encoded.
        #expect(text.contains("\r\n=2Eleading dot\r\n"))
        #expect(text.contains("<p>a=3Db</p>"))
        #expect(text.contains("trailing space=20\r\n"))
    }

    @Test func encodedWordsDecodeToTheText() throws {
        let words = MailMessageWriter.encodedWords(Self.message.subject)
        #expect(words.count > 1)
        var decoded: [UInt8] = []
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?="))
            let payload = word.dropFirst(10).dropLast(2)
            decoded += try #require(Data(base64Encoded: String(payload)))
            // Each word holds whole characters.
            #expect(String(bytes: try #require(Data(base64Encoded: String(payload))), encoding: .utf8) != nil)
        }
        #expect(String(decoding: decoded, as: UTF8.self) == Self.message.subject)
    }

    @Test func asciiNamesAreQuotedAndHeadersCannotBeBrokenByLineBreaks() {
        #expect(
            MailMessageWriter.mailbox(Mailbox(name: "Ann \"A\" B", email: "a@x.org")) == [
                "\"Ann \\\"A\\\" B\"", "<a@x.org>",
            ])
        #expect(MailMessageWriter.unstructured("Hi\r\nBcc: evil@x.org") == ["Hi", "Bcc:", "evil@x.org"])
        #expect(Mailbox(parsing: "Ev\nil <a@x.org>") == nil)
        #expect(
            Mailbox(parsing: "Security Team <security@example.com>")
                == Mailbox(name: "Security Team", email: "security@example.com"))
    }
}
