using System.ComponentModel.DataAnnotations;

namespace AuthServer.StatusLists;

/// <summary>How the Token Status Lists are served; bound from <c>Auth:StatusList</c>.</summary>
public sealed class StatusListOptions
{
    public const string SectionName = "Auth:StatusList";

    /// <summary>
    /// The <c>ttl</c> of every Status List Token: how long a resource server may use its copy before it fetches the list
    /// again, so the longest another API may accept a revoked session's access token. Default 60 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromSeconds(60);
}
