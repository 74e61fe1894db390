import OnlineDDLLocking

/// The lock each storage parameter needs in `ALTER TABLE/INDEX/VIEW … SET (…)` and
/// `RESET (…)`: reloptions.c gives every option a lock mode, and
/// `AlterTableGetRelOptionsLockLevel` takes the strongest of the options listed. Options
/// are matched by name whatever their namespace (`toast.`), as PostgreSQL does.
///
/// `SHARE UPDATE EXCLUSIVE`: planner, vacuum, autovacuum and fill-factor options
/// (``shareUpdateExclusiveParameters``, PostgreSQL 11 to 18). `ACCESS EXCLUSIVE`: every other
/// built-in option (`autosummarize`, `buffering`, `check_option`, `fastupdate`,
/// `gin_pending_list_limit`, `pages_per_range`, `security_barrier`, `security_invoker`,
/// `user_catalog_table`), and any unknown name (an extension's option, whose default mode is
/// `ACCESS EXCLUSIVE`, or a typo the server rejects).
enum StorageParameterLockLevels {
    static let shareUpdateExclusiveParameters: Set<String> = [
        "autovacuum_analyze_scale_factor", "autovacuum_analyze_threshold", "autovacuum_enabled",
        "autovacuum_freeze_max_age", "autovacuum_freeze_min_age", "autovacuum_freeze_table_age",
        "autovacuum_multixact_freeze_max_age", "autovacuum_multixact_freeze_min_age",
        "autovacuum_multixact_freeze_table_age", "autovacuum_vacuum_cost_delay",
        "autovacuum_vacuum_cost_limit", "autovacuum_vacuum_insert_scale_factor",
        "autovacuum_vacuum_insert_threshold", "autovacuum_vacuum_max_threshold",
        "autovacuum_vacuum_scale_factor", "autovacuum_vacuum_threshold", "deduplicate_items",
        "effective_io_concurrency", "fillfactor", "log_autovacuum_min_duration",
        "maintenance_io_concurrency", "n_distinct", "n_distinct_inherited", "parallel_workers",
        "random_page_cost", "recheck_on_update", "seq_page_cost", "toast_tuple_target",
        "vacuum_cleanup_index_scale_factor", "vacuum_index_cleanup",
        "vacuum_max_eager_freeze_failure_rate", "vacuum_truncate",
    ]

    /// The mode for setting or resetting the named parameters.
    static func mode(for names: [String]) -> LockMode {
        guard !names.isEmpty else { return .accessExclusive }
        let needsAccessExclusive = names.contains { !shareUpdateExclusiveParameters.contains($0) }
        return needsAccessExclusive ? .accessExclusive : .shareUpdateExclusive
    }
}
