namespace AuthServer.Users;

public enum LoginFailure
{
    /// <summary>Missing or impossible fields: <c>invalid_request</c>.</summary>
    InvalidRequest,

    /// <summary>A scope this server does not grant: <c>invalid_scope</c>.</summary>
    InvalidScope,

    /// <summary>Unknown username or wrong password, indistinguishably: <c>invalid_grant</c>.</summary>
    InvalidGrant,

    /// <summary>Too many failures from this client or for this username: <c>rate_limited</c>.</summary>
    RateLimited,
}
