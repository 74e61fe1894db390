// swift-tools-version:6.0
import PackageDescription

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
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .systemLibrary(
            name: "CPgQuery",
            providers: [.apt(["libpg-query-dev"]), .brew(["libpg_query"])]
        ),
        .target(
            name: "OnlineDDL",
            dependencies: [
                "CLibPQ", "CPgQuery",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
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
