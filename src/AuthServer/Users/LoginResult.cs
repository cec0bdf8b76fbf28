using AuthServer.Tokens;

namespace AuthServer.Users;

/// <summary>The tokens of a new session, or why there are none (and, when throttled, how long to wait).</summary>
public sealed record LoginResult(TokenResponse? Tokens, LoginFailure? Failure, string? Description, TimeSpan RetryAfter = default)
{
    public static LoginResult Refused(LoginFailure failure, string description, TimeSpan retryAfter = default) =>
        new(null, failure, description, retryAfter);
}
