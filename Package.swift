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
        .target(
            name: "OnlineDDL",
            dependencies: [
                "CLibPQ", "CPgQuery",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            linkerSettings: [.unsafeFlags(["-L", libpgQueryLibraryPath])]
        ),
        .executableTarget(
            name: "onlineddl",
            dependencies: [
                "OnlineDDL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "onlineddl-bench",
            dependencies: ["OnlineDDL"],
            path: "bench/onlineddl-bench"
        ),
        .testTarget(
            name: "OnlineDDLTests",
            dependencies: ["OnlineDDL"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "OnlineDDLIntegrationTests",
            dependencies: ["OnlineDDL", "onlineddl"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
