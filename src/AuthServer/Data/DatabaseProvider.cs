namespace AuthServer.Data;

public enum DatabaseProvider
{
    /// <summary>One instance over one SQLite file: the embedded default.</summary>
    Sqlite,

    /// <summary>Any number of instances over one PostgreSQL database.</summary>
    Postgres,
}
