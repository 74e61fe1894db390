import ArgumentParser

/// `--format`: readable text for people, JSON for tools.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
