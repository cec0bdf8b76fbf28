using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// Counts failed logins per client and per username and refuses further attempts once either count is
/// spent (OWASP ASVS 5.0 6.3.1). Successful logins are not counted, so a user who types the password
/// right is never locked out by their own traffic.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perUsername;

    public LoginThrottle(IOptions<LoginThrottleOptions> options)
    {
        var limits = options.Value;
        _perClient = CreateLimiter(limits.FailuresPerClient, limits.Window);
        _perUsername = CreateLimiter(limits.FailuresPerUsername, limits.Window);
    }

    /// <summary>Returns how long to wait when either limit is spent, or null when the attempt may go on.</summary>
    public TimeSpan? RetryAfter(string client, string normalizedUsername)
    {
        // Asking for zero permits tests the limit without spending it.
        using var clientLease = _perClient.AttemptAcquire(client, 0);
        using var usernameLease = _perUsername.AttemptAcquire(normalizedUsername, 0);
        if (clientLease.IsAcquired && usernameLease.IsAcquired)
        {
            return null;
        }

        var clientWait = clientLease.TryGetMetadata(MetadataName.RetryAfter, out var a) ? a : TimeSpan.Zero;
        var usernameWait = usernameLease.TryGetMetadata(MetadataName.RetryAfter, out var b) ? b : TimeSpan.Zero;
        var wait = clientWait > usernameWait ? clientWait : usernameWait;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    public void RecordFailure(string client, string normalizedUsername)
    {
        _perClient.AttemptAcquire(client).Dispose();
        _perUsername.AttemptAcquire(normalizedUsername).Dispose();
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _perUsername.Dispose();
    }

    private static PartitionedRateLimiter<string> CreateLimiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
}
