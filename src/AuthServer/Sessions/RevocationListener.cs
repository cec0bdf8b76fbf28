using AuthServer.Data;
using AuthServer.StatusLists;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthServer.Sessions;

/// <summary>
/// On PostgreSQL, listens on <see cref="RevocationChannel.Name"/> over a connection of its own and drops the cached
/// answers that other instances' revocations make stale, so they refuse a revoked session's access tokens within
/// about a second. After a lost connection it reconnects and drops the whole cache, since notifications sent
/// meanwhile are gone; until it is back, <c>Auth:RevocationCacheDuration</c> bounds how stale an answer can be.
/// </summary>
internal sealed class RevocationListener(
    IOptions<DatabaseOptions> database,
    IConfiguration configuration,
    SessionStatusCache cache,
    StatusListStore statusLists,
    TimeProvider time,
    ILogger<RevocationListener> logger) : BackgroundService
{
    /// <summary>How long the connection may stay silent before a query checks that it is still alive.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var delay = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = TimeSpan.Zero, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure of the connection is a reason to reconnect, never to stop listening.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                delay = delay == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
                logger.RevocationListenerLost(exception, delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName))
        {
            Pooling = false, // held for the life of the process; a pooled one could come back with LISTEN in force
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, notification) => RevocationChannel.Apply(notification.Payload, cache, statusLists);
        await using (var listen = new NpgsqlCommand($"LISTEN {RevocationChannel.Name}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Whatever was revoked while nobody listened is unknown here: forget it all and ask the database again.
        cache.ForgetAll();
        statusLists.ForgetAll();
        connected();
        logger.RevocationListenerListening();
        while (true)
        {
            if (!await connection.WaitAsync(KeepAlive, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken);
            }
        }
    }
}
