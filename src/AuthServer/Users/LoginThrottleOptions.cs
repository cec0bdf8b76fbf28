using System.ComponentModel.DataAnnotations;

namespace AuthServer.Users;

/// <summary>Limits on failed logins, bound from <c>Auth:LoginRateLimit</c>.</summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "Auth:LoginRateLimit";

    /// <summary>Failed logins one client (IP address) may make per window. Default 30.</summary>
    [Range(1, int.MaxValue)]
    public int FailuresPerClient { get; init; } = 30;

    /// <summary>Failed logins one username may receive per window, from anywhere. Default 10.</summary>
    [Range(1, int.MaxValue)]
    public int FailuresPerUsername { get; init; } = 10;

    /// <summary>The fixed window the counts apply to. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);
}
