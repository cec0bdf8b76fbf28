using Microsoft.EntityFrameworkCore;

namespace AuthServer.Data;

/// <summary>The embedded default: one instance over one SQLite file. Its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteAuthDbContext(DbContextOptions<SqliteAuthDbContext> options) : AuthDbContext(options)
{
    /// <summary>Where this process's write transactions queue for the file's write lock; set when the context is handed out.</summary>
    internal SqliteWriteGate? WriteGate { get; set; }
}
