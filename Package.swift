// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "attest",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "attest", targets: ["attest"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // The C library cmark, from Debian's libcmark-dev.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // A thin, safe Swift wrapper over cmark: parse, walk, render.
        .target(name: "Markdown", dependencies: ["CCmark"]),
        // The shapes of secrets: one catalogue for the leak scanner and for redaction.
        .target(name: "Secrets"),
        // The content model: diagnostics, front matter, handbook config, policies, controls, quizzes, roster.
        .target(
            name: "HandbookContent",
            dependencies: [
                "Markdown", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Publishing: templates, pages, search index, link check, atomic output.
        .target(
            name: "SiteBuilder",
            dependencies: [
                "HandbookContent", "Markdown",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Training: grading, the tamper-evident record store, status, export and import.
        .target(
            name: "TrainingRecords",
            dependencies: [
                "HandbookContent",
                "Markdown",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The training records on PostgreSQL, for several server instances sharing one chain. Its own
        // target, so that TrainingRecords (and the audit, which reads it) build without SwiftNIO.
        .target(
            name: "PostgresRecords",
            dependencies: [
                "TrainingRecords",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The audit: inventory readers, checks, report writers.
        .target(
            name: "Audit",
            dependencies: [
                "HandbookContent", "TrainingRecords", "Secrets",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Evidence for auditors: one period's policies, training and audit as a verifiable package.
        .target(
            name: "Evidence", dependencies: ["HandbookContent", "Markdown", "TrainingRecords", "Audit", "Secrets"]),
        // The leak scanner: folders, archives and git history against the secret catalogue; its reports.
        .target(
            name: "Scan",
            dependencies: [
                "Secrets", "HandbookContent", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The HTTP server: the handbook, quizzes, the training API.
        .target(
            name: "AttestServer",
            dependencies: [
                "HandbookContent", "Markdown", "SiteBuilder", "TrainingRecords", "Secrets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reminders: the SMTP client (its protocol's state machine in one place), the RFC 5322 message
        // writer, the chat webhook poster, and the reminder templates' rendering.
        .target(
            name: "Notifications",
            dependencies: [
                "HandbookContent", "TrainingRecords", "Secrets", "Markdown",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The commands: argument parsing and printing only.
        .target(
            name: "AttestCommandLine",
            dependencies: [
                "HandbookContent", "SiteBuilder", "TrainingRecords", "PostgresRecords", "Audit", "AttestServer",
                "Evidence", "Secrets", "Scan", "Notifications",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "attest", dependencies: ["AttestCommandLine"]),

        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "SecretsTests", dependencies: ["Secrets"]),
        .testTarget(
            name: "ScanTests",
            dependencies: [
                "Scan", "Secrets", "HandbookContent", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(name: "HandbookContentTests", dependencies: ["HandbookContent"]),
        .testTarget(name: "SiteBuilderTests", dependencies: ["SiteBuilder", "HandbookContent"]),
        .testTarget(
            name: "TrainingRecordsTests",
            dependencies: [
                "TrainingRecords", "PostgresRecords", "HandbookContent", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "HandbookContent", "TrainingRecords", "Secrets"]),
        .testTarget(
            name: "AttestServerTests",
            dependencies: [
                "AttestServer", "TrainingRecords", "HandbookContent", "SiteBuilder",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "NotificationsTests", dependencies: ["Notifications", "HandbookContent", "TrainingRecords"]),
        .testTarget(name: "EndToEndTests", dependencies: [], resources: [.copy("Corpus")]),
    ],
    swiftLanguageModes: [.v6]
)
