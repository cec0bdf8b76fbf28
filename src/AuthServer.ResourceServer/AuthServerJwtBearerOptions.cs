namespace AuthServer.ResourceServer;

/// <summary>What an API says about the AuthServer whose access tokens it accepts.</summary>
public sealed class AuthServerJwtBearerOptions
{
    /// <summary>AuthServer's issuer, its <c>Auth:Issuer</c> exactly: the metadata is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> the tokens must carry: AuthServer's <c>Auth:Audience</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>The one algorithm accepted, AuthServer's <c>Auth:SigningAlgorithm</c>: <c>ES256</c> (default) or <c>RS256</c>.</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>Whether the metadata must come over https; turn it off only for a plain-http AuthServer in development. Default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// How long past a list's <c>ttl</c> its last copy still serves while it cannot be fetched (AuthServer unreachable); then
    /// the tokens that name the list are refused, since their revocation can no longer be seen. Zero refuses at once. Default 5 minutes.
    /// </summary>
    public TimeSpan StatusListGracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many verified tokens are kept, so that a token presented again costs a look-up, not a signature check. Default 10 000.</summary>
    public int VerifiedTokenCacheSize { get; set; } = 10_000;

    /// <summary>Sends the metadata, JWKS and status-list requests; for tests and unusual networks. Default: a <see cref="SocketsHttpHandler"/> that accepts gzip and Brotli.</summary>
    public HttpMessageHandler? BackchannelHttpHandler { get; set; }
}
