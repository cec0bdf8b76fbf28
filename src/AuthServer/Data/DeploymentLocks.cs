using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AuthServer.Data;

/// <summary>
/// Makes <see cref="DeploymentWork"/> run on one instance at a time. On PostgreSQL it is an advisory lock, keyed by
/// <see cref="Namespace"/> and the work; on SQLite one instance owns the file and its write transactions are
/// exclusive already, so every lock is granted at once.
/// </summary>
public static class DeploymentLocks
{
    /// <summary>The first half of every advisory lock key ("AuSr"), so that other applications' locks do not collide.</summary>
    public const int Namespace = 0x41755372;

    /// <summary>Waits for the lock and holds it until the current transaction ends.</summary>
    public static async Task LockForTransactionAsync(this DatabaseFacade database, DeploymentWork work, CancellationToken cancellationToken)
    {
        if (database.IsNpgsql())
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Namespace}, {(int)work})", cancellationToken);
        }
    }

    /// <summary>
    /// Waits for the lock and holds it on the connection, which the caller must have opened, until <see cref="UnlockAsync"/>.
    /// </summary>
    public static async Task LockForConnectionAsync(this DatabaseFacade database, DeploymentWork work, CancellationToken cancellationToken)
    {
        if (database.IsNpgsql())
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({Namespace}, {(int)work})", cancellationToken);
        }
    }

    /// <summary>Takes the lock on the caller's open connection if no other instance holds it; returns whether it did.</summary>
    public static async Task<bool> TryLockForConnectionAsync(this DatabaseFacade database, DeploymentWork work, CancellationToken cancellationToken) =>
        !database.IsNpgsql()
        || await database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({Namespace}, {(int)work}) AS \"Value\"").SingleAsync(cancellationToken);

    public static async Task UnlockAsync(this DatabaseFacade database, DeploymentWork work)
    {
        if (database.IsNpgsql())
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Namespace}, {(int)work})");
        }
    }
}
