using Microsoft.Data.Sqlite;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Where a test's server keeps its state: a temporary folder (the key ring, and the SQLite file) and a database on
/// <see cref="TestDatabase.Provider"/>. It may outlive several servers: a second one over the same storage is a restart,
/// two at once are two instances of one deployment.
/// </summary>
public sealed class TestStorage : IDisposable
{
    private int _disposed;

    public TestStorage()
    {
        Folder = Directory.CreateTempSubdirectory("authserver-tests-").FullName;
        ConnectionString = TestDatabase.IsPostgres
            ? PostgresCluster.Shared.CreateDatabase()
            : $"Data Source={System.IO.Path.Combine(Folder, "auth.db")}";
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    /// <summary>The settings that point a server at this storage.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = TestDatabase.Provider,
        ["ConnectionStrings:AuthDb"] = ConnectionString,
        ["Auth:KeyRingPath"] = System.IO.Path.Combine(Folder, "keys"),
    };

    /// <summary>Takes the database away from under a running server: dropped on PostgreSQL, a folder in the file's place on SQLite.</summary>
    public void BreakDatabase()
    {
        if (TestDatabase.IsPostgres)
        {
            PostgresCluster.Shared.DropDatabase(ConnectionString);
            return;
        }

        SqliteConnection.ClearAllPools();
        var file = System.IO.Path.Combine(Folder, "auth.db");
        foreach (var part in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(part);
        }

        Directory.CreateDirectory(file); // SQLite cannot open a folder
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (TestDatabase.IsPostgres)
        {
            PostgresCluster.Shared.DropDatabase(ConnectionString);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
