namespace AuthServer.Infrastructure;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed, bound from
/// <c>ForwardedHeaders</c>. Empty (the default): forwarded headers are ignored, whoever sends them, and the client is
/// the address that connects.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>IP addresses of the proxies, e.g. <c>10.0.0.5</c>. Default none.</summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>. Default none.</summary>
    public IReadOnlyList<string> KnownNetworks { get; init; } = [];
}
