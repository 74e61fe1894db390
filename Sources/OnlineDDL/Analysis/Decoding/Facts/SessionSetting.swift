/// A `SET` or `RESET` of a run-time parameter, such as `SET lock_timeout = '2s'`.
public struct SessionSetting: Hashable, Sendable {
    /// What the statement does.
    public enum Action: String, Hashable, Sendable {
        /// `SET name = value` (or `TO value`).
        case set
        /// `SET name TO DEFAULT`.
        case setDefault
        /// `RESET name`.
        case reset
        /// `RESET ALL`.
        case resetAll
        /// A special form such as `SET TRANSACTION …` or `SET … FROM CURRENT`.
        case other
    }

    /// What the statement does.
    public let action: Action
    /// The parameter name, lower-cased by the parser (`timezone` for `SET TIME ZONE`);
    /// `nil` for `RESET ALL`.
    public let name: String?
    /// The values as written, without quotes.
    public let values: [String]
    /// Whether `LOCAL` was written (the setting lasts until the transaction ends).
    public let isLocal: Bool

    /// Creates a setting description.
    public init(action: Action, name: String?, values: [String], isLocal: Bool) {
        self.action = action
        self.name = name
        self.values = values
        self.isLocal = isLocal
    }
}

extension SessionSetting.Action {
    /// Decodes libpg_query's `VariableSetKind` (`"VAR_SET_VALUE"`, …); the special forms are ``other``.
    init(parserName: String?) {
        switch parserName {
        case "VAR_SET_VALUE": self = .set
        case "VAR_SET_DEFAULT": self = .setDefault
        case "VAR_RESET": self = .reset
        case "VAR_RESET_ALL": self = .resetAll
        default: self = .other
        }
    }
}
