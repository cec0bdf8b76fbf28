namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The database provider every test of this assembly runs on. The same test sources build twice: AuthServer.Tests on
/// SQLite, AuthServer.Tests.Postgres (which defines <c>POSTGRES</c>) on a throwaway PostgreSQL cluster.
/// </summary>
public static class TestDatabase
{
#if POSTGRES
    public const string Provider = "Postgres";
#else
    public const string Provider = "Sqlite";
#endif

    public static bool IsPostgres => Provider == "Postgres";
}
