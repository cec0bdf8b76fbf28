using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// Counts failed logins per client and per username and refuses further attempts once either count is
/// spent (OWASP ASVS 5.0 6.3.1). Successful logins are not counted, so a user who types the password
/// right is never locked out by their own traffic. Attempts still being checked count against the limit
/// too, so a burst of parallel guesses cannot all pass before the first failure is recorded.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    /// <summary>The service key of the throttle for <c>/change-password</c>, with the same limits and its own counts.</summary>
    public const string PasswordChangeKey = "change-password";

    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perUsername;
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private readonly ILogger<LoginThrottle> _logger;

    public LoginThrottle(IOptions<LoginThrottleOptions> options, ILogger<LoginThrottle> logger)
    {
        _logger = logger;
        var limits = options.Value;
        _perClient = CreateLimiter(limits.FailuresPerClient, limits.Window);
        _perUsername = CreateLimiter(limits.FailuresPerUsername, limits.Window);
    }

    /// <summary>
    /// Reserves an attempt, or returns how long to wait when either limit is spent. Every reservation
    /// must be ended with <see cref="End"/>.
    /// </summary>
    public TimeSpan? TryBegin(string client, string normalizedUsername)
    {
        var clientKey = "client:" + client;
        var usernameKey = "username:" + normalizedUsername;
        lock (_gate)
        {
            var wait = Exhausted(_perClient, client, clientKey) ?? Exhausted(_perUsername, normalizedUsername, usernameKey);
            if (wait is not null)
            {
                _logger.LoginThrottled(client);
                return wait;
            }

            _inFlight[clientKey] = _inFlight.GetValueOrDefault(clientKey) + 1;
            _inFlight[usernameKey] = _inFlight.GetValueOrDefault(usernameKey) + 1;
            return null;
        }
    }

    /// <summary>Ends a reservation; a failed attempt is counted against both limits.</summary>
    public void End(string client, string normalizedUsername, bool failed)
    {
        lock (_gate)
        {
            if (failed)
            {
                _perClient.AttemptAcquire(client).Dispose();
                _perUsername.AttemptAcquire(normalizedUsername).Dispose();
            }

            Release("client:" + client);
            Release("username:" + normalizedUsername);
        }
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _perUsername.Dispose();
    }

    private TimeSpan? Exhausted(PartitionedRateLimiter<string> limiter, string resource, string inFlightKey)
    {
        var available = limiter.GetStatistics(resource)?.CurrentAvailablePermits ?? long.MaxValue;
        if (available - _inFlight.GetValueOrDefault(inFlightKey) > 0)
        {
            return null;
        }

        // Asking for zero permits reads the window's remaining time without spending anything.
        using var probe = limiter.AttemptAcquire(resource, 0);
        return probe.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : TimeSpan.FromSeconds(1);
    }

    private void Release(string key)
    {
        var remaining = _inFlight.GetValueOrDefault(key) - 1;
        if (remaining > 0)
        {
            _inFlight[key] = remaining;
        }
        else
        {
            _inFlight.Remove(key);
        }
    }

    private static PartitionedRateLimiter<string> CreateLimiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
}
