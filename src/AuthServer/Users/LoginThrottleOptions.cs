using System.ComponentModel.DataAnnotations;

namespace AuthServer.Users;

/// <summary>Limits on failed password attempts, bound from <c>Auth:LoginRateLimit</c>; how they apply is on <see cref="LoginThrottle"/>.</summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "Auth:LoginRateLimit";

    /// <summary>Failed attempts one client (an IPv4 address or an IPv6 /64) may make per window, for any usernames, before it is refused. Default 30.</summary>
    [Range(1, int.MaxValue)]
    public int FailuresPerClient { get; init; } = 30;

    /// <summary>
    /// Failed attempts one username may receive per window, from anywhere, before the clients that fail for it must wait
    /// (1 s, doubling with each further failure of that client). Clients that have not failed for it are not held back. Default 10.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int FailuresPerUsername { get; init; } = 10;

    /// <summary>The fixed window of the counts, from the first failure of each; also the longest back-off. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A hard lockout: past <see cref="FailuresPerUsername"/> the username is refused to every client, its owner too, until
    /// the window ends. Anyone can then lock a chosen user out, so it is off by default.
    /// </summary>
    public bool UsernameLockout { get; init; }
}
