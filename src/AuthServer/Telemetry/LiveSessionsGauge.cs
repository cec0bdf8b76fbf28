using System.Diagnostics.Metrics;
using AuthServer.Data;
using AuthServer.Sessions;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Telemetry;

/// <summary>
/// The gauge <c>authserver.sessions.live</c>: the sessions <see cref="SessionLiveness"/> calls live. Counted in the
/// background every <see cref="CountInterval"/> rather than when a listener reads it, so that reading metrics never
/// waits on the database.
/// </summary>
public sealed class LiveSessionsGauge : BackgroundService
{
    public static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(30);

    private const long NotCountedYet = -1;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveSessionsGauge> _logger;
    private long _liveSessions = NotCountedYet;

    public LiveSessionsGauge(IServiceScopeFactory scopes, TimeProvider time, IMeterFactory meters, ILogger<LiveSessionsGauge> logger)
    {
        _scopes = scopes;
        _time = time;
        _logger = logger;
        meters.Create(AuthMetrics.MeterName).CreateObservableGauge(
            "authserver.sessions.live", Observe, "{session}", "Sessions that can still be refreshed, counted every 30 s.");
    }

    /// <summary>Counts the live sessions now; the gauge reports this count until the next one.</summary>
    public async Task CountAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var count = await db.Sessions.LongCountAsync(SessionLiveness.LiveAt(now), cancellationToken);
        Interlocked.Exchange(ref _liveSessions, count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CountAsync(stoppingToken);
                await Task.Delay(CountInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed count must not end the loop; the next one may succeed.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _logger.LiveSessionCountFailed(exception);
                await Task.Delay(CountInterval, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private IEnumerable<Measurement<long>> Observe() =>
        Interlocked.Read(ref _liveSessions) is var count and not NotCountedYet ? [new Measurement<long>(count)] : [];
}
