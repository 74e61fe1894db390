// swift-tools-version:6.0
import PackageDescription

/// Where scripts/install-libpg-query puts libpg_query (PostgreSQL 18 grammar), static.
let libpgQueryLibraryPath = Context.packageDirectory + "/.cache/libpg_query/lib"

let package = Package(
    name: "onlineddl",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "OnlineDDL", targets: ["OnlineDDL"]),
        .executable(name: "onlineddl", targets: ["onlineddl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libpq's API, loaded with dlopen on first use (Sources/CLibPQ/libpq.c): headers of
        // Debian's libpq-dev (or Homebrew's libpq), library libpq.so.5 at run time.
        .target(
            name: "CLibPQ",
            cSettings: [.unsafeFlags(["-I/opt/homebrew/opt/libpq/include", "-I/usr/local/opt/libpq/include"], .when(platforms: [.macOS]))],
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        // libpg_query for PostgreSQL 18's grammar, built by scripts/install-libpg-query.
        .systemLibrary(name: "CPgQuery"),
        // The library, one target per concern, each depending only on those below it
        // (docs/development.md draws the graph). Pure values up to Catalog and Lint;
        // Postgres owns libpq and every database read.
        .target(name: "OnlineDDLSupport", path: "Sources/OnlineDDL/Support"),
        .target(
            name: "OnlineDDLParsing",
            dependencies: ["CPgQuery", "OnlineDDLSupport"],
            path: "Sources/OnlineDDL/Parsing",
            linkerSettings: [.unsafeFlags(["-L", libpgQueryLibraryPath])]
        ),
        .target(name: "OnlineDDLLocking", dependencies: ["OnlineDDLParsing", "OnlineDDLSupport"], path: "Sources/OnlineDDL/Locking"),
        .target(
            name: "OnlineDDLAnalysis",
            dependencies: ["OnlineDDLLocking", "OnlineDDLParsing", "OnlineDDLSupport"],
            path: "Sources/OnlineDDL/Analysis"
        ),
        .target(
            name: "OnlineDDLCatalog",
            dependencies: ["OnlineDDLAnalysis", "OnlineDDLLocking", "OnlineDDLParsing", "OnlineDDLSupport"],
            path: "Sources/OnlineDDL/Catalog"
        ),
        .target(
            name: "OnlineDDLLint",
            dependencies: ["OnlineDDLAnalysis", "OnlineDDLLocking", "OnlineDDLParsing", "OnlineDDLSupport"],
            path: "Sources/OnlineDDL/Lint"
        ),
        .target(
            name: "OnlineDDLPostgres",
            dependencies: ["CLibPQ", "OnlineDDLCatalog", "OnlineDDLLocking", "OnlineDDLParsing", "OnlineDDLSupport"],
            path: "Sources/OnlineDDL/Postgres"
        ),
        .target(
            name: "OnlineDDLMigrations",
            dependencies: [
                "OnlineDDLPostgres", "OnlineDDLAnalysis", "OnlineDDLParsing", "OnlineDDLSupport",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            path: "Sources/OnlineDDL/Migrations"
        ),
        .target(
            name: "OnlineDDLPlanning",
            dependencies: [
                "OnlineDDLMigrations", "OnlineDDLPostgres", "OnlineDDLLint", "OnlineDDLCatalog", "OnlineDDLAnalysis",
                "OnlineDDLLocking", "OnlineDDLParsing", "OnlineDDLSupport",
            ],
            path: "Sources/OnlineDDL/Planning"
        ),
        .target(
            name: "OnlineDDLRunner",
            dependencies: [
                "OnlineDDLMigrations", "OnlineDDLPostgres", "OnlineDDLCatalog", "OnlineDDLAnalysis",
                "OnlineDDLLocking", "OnlineDDLParsing", "OnlineDDLSupport",
            ],
            path: "Sources/OnlineDDL/Runner"
        ),
        .target(
            name: "OnlineDDLAdoption",
            dependencies: ["OnlineDDLRunner", "OnlineDDLMigrations", "OnlineDDLPostgres", "OnlineDDLParsing", "OnlineDDLSupport"],
            path: "Sources/OnlineDDL/Adoption"
        ),
        .target(
            name: "OnlineDDLReporting",
            dependencies: [
                "OnlineDDLAdoption", "OnlineDDLPlanning", "OnlineDDLRunner", "OnlineDDLMigrations", "OnlineDDLLint", "OnlineDDLLocking",
                "OnlineDDLParsing", "OnlineDDLSupport",
            ],
            path: "Sources/OnlineDDL/Reporting"
        ),
        .target(
            name: "OnlineDDLConfiguration",
            dependencies: ["OnlineDDLRunner", "OnlineDDLLint", "OnlineDDLMigrations", "OnlineDDLParsing", "OnlineDDLSupport"],
            path: "Sources/OnlineDDL/Configuration"
        ),
        // Re-exports every target above, as swift-nio's NIO does, for the command line,
        // the benchmarks and library users.
        .target(
            name: "OnlineDDL",
            dependencies: [
                "OnlineDDLSupport", "OnlineDDLParsing", "OnlineDDLLocking", "OnlineDDLAnalysis", "OnlineDDLCatalog",
                "OnlineDDLLint", "OnlineDDLPostgres", "OnlineDDLMigrations", "OnlineDDLPlanning", "OnlineDDLRunner",
                "OnlineDDLAdoption", "OnlineDDLReporting", "OnlineDDLConfiguration",
            ],
            path: "Sources/OnlineDDL/Umbrella"
        ),
        .executableTarget(
            name: "onlineddl",
            dependencies: [
                "OnlineDDL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A seeded random generator for tests, differential runs and benchmarks (not part
        // of the library).
        .target(name: "SeededRandom", path: "Tests/SeededRandom"),
        .executableTarget(
            name: "onlineddl-bench",
            dependencies: ["OnlineDDL", "SeededRandom"],
            path: "bench/onlineddl-bench"
        ),
        .testTarget(
            name: "OnlineDDLTests",
            dependencies: ["OnlineDDL", "SeededRandom"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "OnlineDDLIntegrationTests",
            dependencies: ["OnlineDDL", "onlineddl", "SeededRandom"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
