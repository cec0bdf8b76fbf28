namespace AuthServer.Infrastructure;

/// <summary>
/// Why a service did not do what was asked: one of the contract's error codes (spelled in <see cref="AuthErrors"/>),
/// a description for humans, and, when trying again later may help, how long to wait. <c>AuthErrors.Answer</c>
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

    /// <summary>A <c>grant_type</c> this server does not accept (RFC 6749 §5.2).</summary>
    public static Refusal UnsupportedGrantType(string description) => new(AuthErrors.UnsupportedGrantTypeCode, description);

    public static Refusal UsernameTaken(string description) => new(AuthErrors.UsernameTakenCode, description);

    /// <summary>Something the request names does not exist: 404 <c>invalid_request</c>.</summary>
    public static Refusal NotFound(string description) => new(AuthErrors.InvalidRequestCode, description, Status: StatusCodes.Status404NotFound);

    /// <summary>A request that would break a rule about the current state, such as removing the last administrator: 409 <c>conflict</c>.</summary>
    public static Refusal Conflict(string description) => new(AuthErrors.ConflictCode, description);

    /// <summary>Too many failures; <paramref name="retryAfter"/> becomes the <c>Retry-After</c> header.</summary>
    public static Refusal RateLimited(string description, TimeSpan retryAfter) => new(AuthErrors.RateLimitedCode, description, retryAfter);

    /// <summary>Work shed under load (a full password-hashing queue); <paramref name="retryAfter"/> becomes the <c>Retry-After</c> header.</summary>
    public static Refusal TemporarilyUnavailable(string description, TimeSpan retryAfter) =>
        new(AuthErrors.TemporarilyUnavailableCode, description, retryAfter);
}
