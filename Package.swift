// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Herald",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "herald", targets: ["herald"]),
        .library(name: "SiteBuild", targets: ["SiteBuild"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "AdvisoryModel"),
        .target(name: "CommonMark", dependencies: ["AdvisoryModel", "CCmarkGFM"]),
        .target(
            name: "AdvisoryExtraction",
            dependencies: ["AdvisoryModel", "CommonMark", "Yams"],
            resources: [.copy("Resources/locales"), .copy("Resources/cldr")]
        ),
        .target(name: "XMLValidation", dependencies: ["AdvisoryModel", "CLibXML2"]),
        .target(
            name: "SiteRendering",
            dependencies: ["AdvisoryModel", "CommonMark", "XMLValidation", .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "SiteBuild",
            dependencies: [
                "AdvisoryModel", "AdvisoryExtraction", "CommonMark", "XMLValidation", "SiteRendering", "Yams",
                .product(name: "Logging", package: "swift-log"), .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "PreviewServer",
            dependencies: [
                "SiteBuild", "AdvisoryModel", "XMLValidation", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "herald",
            dependencies: [
                "SiteBuild", "PreviewServer", "AdvisoryExtraction", "AdvisoryModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ],
            // jemalloc (Debian's libjemalloc-dev) serves the command's allocations: a cold build
            // allocates ~20 M blocks on two threads, where it is faster than glibc's malloc (bench/README).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
        .testTarget(name: "AdvisoryExtractionTests", dependencies: ["AdvisoryExtraction", "AdvisoryModel", "CommonMark"]),
        .testTarget(name: "SiteRenderingTests", dependencies: ["SiteRendering", "AdvisoryExtraction", "AdvisoryModel", "XMLValidation"]),
        .testTarget(name: "SiteBuildTests", dependencies: ["SiteBuild", "AdvisoryModel", "XMLValidation", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "PreviewServerTests",
            dependencies: [
                "PreviewServer", "SiteBuild", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "HostileInputTests", dependencies: [
            "SiteBuild", "AdvisoryExtraction", "AdvisoryModel", "XMLValidation", "CommonMark", "CLibXML2", "PreviewServer",
            .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // libFuzzer targets (scripts/fuzz.sh builds them with -sanitize=fuzzer -DFUZZING; a plain
        // build gives a reproducer that runs the files named on its command line).
        .target(name: "FuzzSupport", path: "fuzz/FuzzSupport"),
        .executableTarget(name: "FrontMatterFuzz", dependencies: ["AdvisoryExtraction", "FuzzSupport"], path: "fuzz/FrontMatterFuzz"),
        .executableTarget(name: "ExtractFuzz", dependencies: ["AdvisoryExtraction", "CommonMark", "FuzzSupport"], path: "fuzz/ExtractFuzz"),
        .executableTarget(name: "SanitizerFuzz", dependencies: ["XMLValidation", "FuzzSupport"], path: "fuzz/SanitizerFuzz"),
    ]
)
