using Microsoft.Extensions.Options;

namespace AuthServer.Sessions;

/// <summary>
/// Runs <see cref="SessionPruner"/> every <see cref="PruningOptions.Interval"/>, the first time one interval after
/// start. Registered after the hosted services that migrate the database and load the keys, and the host starts
/// them in order, so no pass runs against an unmigrated database.
/// </summary>
public sealed class SessionPruningService(
    SessionPruner pruner,
    IOptions<PruningOptions> options,
    TimeProvider time,
    ILogger<SessionPruningService> logger) : BackgroundService
{
    /// <summary>One pass, as the timer runs it: a failure is logged, not thrown, so the next pass still comes.</summary>
    public async Task RunPassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await pruner.PruneAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A locked or briefly unavailable database must not end pruning for the life of the process.
            logger.PruningFailed(exception, options.Value.Interval);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunPassAsync(stoppingToken);
        }
    }
}
