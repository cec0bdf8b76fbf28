using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Infrastructure;

/// <summary>The one place the contract's error codes are spelled, and where a <see cref="Refusal"/> becomes an HTTP answer.</summary>
public static class AuthErrors
{
    public const string InvalidRequestCode = "invalid_request";
    public const string InvalidGrantCode = "invalid_grant";
    public const string InvalidTokenCode = "invalid_token";
    public const string InvalidScopeCode = "invalid_scope";
    public const string UnsupportedGrantTypeCode = "unsupported_grant_type";
    public const string InsufficientScopeCode = "insufficient_scope";
    public const string UsernameTakenCode = "username_taken";
    public const string RateLimitedCode = "rate_limited";
    public const string ForbiddenCode = "forbidden";
    public const string ConflictCode = "conflict";

    /// <summary>The server sheds work or its database is unreachable for a moment (RFC 6749 §4.1.2.1's code); a 503 with <c>Retry-After</c>.</summary>
    public const string TemporarilyUnavailableCode = "temporarily_unavailable";

    /// <summary>
    /// The answer to <paramref name="refusal"/> at the JSON endpoints: <c>invalid_grant</c> is a 401 there (wrong
    /// credentials at <c>/login</c>, an unusable refresh token at <c>/refresh-token</c>).
    /// </summary>
    public static JsonHttpResult<AuthError> Answer(Refusal refusal, HttpResponse response) =>
        Answer(refusal, response, invalidGrantStatus: StatusCodes.Status401Unauthorized);

    /// <summary>The answer to <paramref name="refusal"/> at <c>/token</c>, where RFC 6749 §5.2 makes <c>invalid_grant</c> a 400.</summary>
    public static JsonHttpResult<AuthError> AnswerAtTokenEndpoint(Refusal refusal, HttpResponse response) =>
        Answer(refusal, response, invalidGrantStatus: StatusCodes.Status400BadRequest);

    public static JsonHttpResult<AuthError> InvalidRequest(string description) =>
        Error(InvalidRequestCode, description, StatusCodes.Status400BadRequest);

    /// <summary>A valid token without the scope the resource needs (RFC 6750 §3.1).</summary>
    public static JsonHttpResult<AuthError> InsufficientScope(string description) =>
        Error(InsufficientScopeCode, description, StatusCodes.Status403Forbidden);

    /// <summary>
    /// No usable credentials: 401 <c>invalid_token</c> with the RFC 6750 §3.1 challenge, which carries an error code only
    /// when a bearer token was presented.
    /// </summary>
    public static JsonHttpResult<AuthError> InvalidToken(HttpContext context, string description)
    {
        var presentedBearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        context.Response.Headers.WWWAuthenticate = presentedBearer
            ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired.\""
            : "Bearer";
        return Error(InvalidTokenCode, description, StatusCodes.Status401Unauthorized);
    }

    /// <summary>A valid access token whose roles do not allow the call, such as a non-administrator at <c>/admin/…</c>.</summary>
    public static JsonHttpResult<AuthError> Forbidden(string description) =>
        Error(ForbiddenCode, description, StatusCodes.Status403Forbidden);

    private static JsonHttpResult<AuthError> Answer(Refusal refusal, HttpResponse response, int invalidGrantStatus)
    {
        if (refusal.RetryAfter is { } retryAfter)
        {
            // Whole seconds, rounded up: a client that waits that long finds the limit lifted.
            response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var status = refusal.Status ?? refusal.Error switch
        {
            InvalidGrantCode => invalidGrantStatus,
            UsernameTakenCode or ConflictCode => StatusCodes.Status409Conflict,
            ForbiddenCode => StatusCodes.Status403Forbidden,
            RateLimitedCode => StatusCodes.Status429TooManyRequests,
            TemporarilyUnavailableCode => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        return Error(refusal.Error, refusal.Description, status);
    }

    private static JsonHttpResult<AuthError> Error(string code, string description, int statusCode) =>
        TypedResults.Json(new AuthError(code, description), statusCode: statusCode);
}
