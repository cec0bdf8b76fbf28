namespace AuthServer.ResourceServer;

/// <summary>What the Status List says of an access token's session.</summary>
public enum StatusVerdict
{
    Valid,

    /// <summary>Its entry is set: the session was revoked.</summary>
    Revoked,

    /// <summary>It names no entry, or a list this API does not hold (another issuer's, or not fetched yet).</summary>
    Unknown,

    /// <summary>Its list could not be fetched for longer than its <c>ttl</c> plus the grace period, or past its <c>exp</c>.</summary>
    Stale,

    /// <summary>It names an index past the end of its list (draft §8.3: such a token must be rejected).</summary>
    OutOfRange,
}
