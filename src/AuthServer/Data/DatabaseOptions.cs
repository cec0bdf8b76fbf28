namespace AuthServer.Data;

/// <summary>Which database the server runs on; bound from <c>Database</c>. The connection string is <c>ConnectionStrings:AuthDb</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default: one instance, a file) or <c>Postgres</c> (several instances; an Npgsql connection string).</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;
}
