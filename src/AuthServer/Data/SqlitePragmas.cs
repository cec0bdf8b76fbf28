using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace AuthServer.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode <c>synchronous=NORMAL</c> cannot corrupt the database and
/// saves an fsync on every commit, and every refresh is a commit. A writer that finds the write lock taken by another
/// process waits in SQLite for up to 5 s (<c>busy_timeout</c>), retrying within milliseconds, rather than failing at
/// once into Microsoft.Data.Sqlite's 150 ms retry sleeps.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

    // A pooled connection keeps its settings: they are applied once per SQLite connection, not on every open.
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(handle, handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _configured.AddOrUpdate(handle, handle);
        }
    }

    private bool IsNew(DbConnection connection, out sqlite3 handle)
    {
        handle = ((SqliteConnection)connection).Handle!;
        return !_configured.TryGetValue(handle, out _);
    }
}
