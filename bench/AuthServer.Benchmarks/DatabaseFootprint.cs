using Microsoft.Data.Sqlite;

namespace AuthServer.Benchmarks;

/// <summary>How much of the disk a SQLite database takes, and for what: its rows, pages and free pages.</summary>
internal sealed record DatabaseFootprint(long Sessions, long RefreshTokens, long FileBytes, long WalBytes, long Pages, long FreePages)
{
    /// <summary>Checkpoints the WAL into the main file first, so that the file size is the whole database.</summary>
    public static async Task<DatabaseFootprint> MeasureAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var busy = await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        if (busy != 0)
        {
            throw new InvalidOperationException("The WAL checkpoint was blocked by a reader or writer.");
        }

        var wal = new FileInfo(path + "-wal");
        return new DatabaseFootprint(
            await ScalarAsync(connection, "SELECT COUNT(*) FROM Sessions;"),
            await ScalarAsync(connection, "SELECT COUNT(*) FROM RefreshTokens;"),
            new FileInfo(path).Length,
            wal.Exists ? wal.Length : 0,
            await ScalarAsync(connection, "PRAGMA page_count;"),
            await ScalarAsync(connection, "PRAGMA freelist_count;"));
    }

    public long TotalBytes => FileBytes + WalBytes;

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
