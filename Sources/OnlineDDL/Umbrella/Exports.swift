// The library as one module: `import OnlineDDL` brings every target of the package's
// library (docs/development.md shows them and their direction).
@_exported import OnlineDDLAdoption
@_exported import OnlineDDLAnalysis
@_exported import OnlineDDLCatalog
@_exported import OnlineDDLConfiguration
@_exported import OnlineDDLLint
@_exported import OnlineDDLLocking
@_exported import OnlineDDLMigrations
@_exported import OnlineDDLParsing
@_exported import OnlineDDLPlanning
@_exported import OnlineDDLPostgres
@_exported import OnlineDDLReporting
@_exported import OnlineDDLRunner
@_exported import OnlineDDLSupport
