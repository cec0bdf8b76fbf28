using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>
/// Runs <see cref="SessionPruner"/> every <see cref="PruningOptions.Interval"/>, the first time one interval after
/// start. Registered after the hosted services that migrate the database and load the keys, and the host starts
/// them in order, so no pass runs against an unmigrated database.
/// </summary>
internal sealed class SessionPruningService(
    SessionPruner pruner,
    IOptions<PruningOptions> options,
    TimeProvider time,
    ILogger<SessionPruningService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await pruner.PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A locked or briefly unavailable database must not end pruning for the life of the process.
                logger.PruningFailed(exception, options.Value.Interval);
            }
        }
    }
}
