namespace AuthServer.Infrastructure;

/// <summary>
/// Why a service did not do what was asked: one of the contract's error codes (spelled in <see cref="AuthErrors"/>),
/// a description for humans, and, when trying again later may help, how long to wait. <see cref="AuthErrors.Answer"/>
/// turns it into the HTTP answer, with the status the code has there unless <paramref name="Status"/> says otherwise.
/// </summary>
public sealed record Refusal(string Error, string Description, TimeSpan? RetryAfter = null, int? Status = null)
{
    /// <summary>Missing, malformed or impossible input.</summary>
    public static Refusal InvalidRequest(string description) => new(AuthErrors.InvalidRequestCode, description);

    /// <summary>Wrong credentials, or a refresh token that is unknown, expired, revoked or used.</summary>
    public static Refusal InvalidGrant(string description) => new(AuthErrors.InvalidGrantCode, description);

    /// <summary>A scope the server does not grant, or wider than the session's (RFC 6749 §5.2).</summary>
    public static Refusal InvalidScope(string description) => new(AuthErrors.InvalidScopeCode, description);

    /// <summary>A body over <c>Kestrel:Limits:MaxRequestBodySize</c>, found while reading it: 413 <c>invalid_request</c>.</summary>
    public static Refusal PayloadTooLarge(string description) => new(AuthErrors.InvalidRequestCode, description, Status: StatusCodes.Status413PayloadTooLarge);

    public static Refusal UsernameTaken(string description) => new(AuthErrors.UsernameTakenCode, description);

    /// <summary>Too many failures; <paramref name="retryAfter"/> becomes the <c>Retry-After</c> header.</summary>
    public static Refusal RateLimited(string description, TimeSpan retryAfter) => new(AuthErrors.RateLimitedCode, description, retryAfter);

    /// <summary>Work shed under load (a full password-hashing queue); <paramref name="retryAfter"/> becomes the <c>Retry-After</c> header.</summary>
    public static Refusal TemporarilyUnavailable(string description, TimeSpan retryAfter) =>
        new(AuthErrors.TemporarilyUnavailableCode, description, retryAfter);
}
