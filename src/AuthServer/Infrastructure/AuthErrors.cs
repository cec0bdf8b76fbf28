using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Infrastructure;

/// <summary>The one place the contract's error codes are spelled.</summary>
public static class AuthErrors
{
    public const string InvalidRequestCode = "invalid_request";
    public const string InvalidGrantCode = "invalid_grant";
    public const string InvalidTokenCode = "invalid_token";
    public const string UsernameTakenCode = "username_taken";
    public const string RateLimitedCode = "rate_limited";

    public static JsonHttpResult<AuthError> InvalidRequest(string description) =>
        Error(InvalidRequestCode, description, StatusCodes.Status400BadRequest);

    /// <summary>Wrong credentials or an unusable refresh token; 401 at <c>/login</c> and <c>/refresh-token</c>.</summary>
    public static JsonHttpResult<AuthError> InvalidGrant(string description) =>
        Error(InvalidGrantCode, description, StatusCodes.Status401Unauthorized);

    /// <summary>No usable credentials (RFC 6750 §3.1).</summary>
    public static JsonHttpResult<AuthError> InvalidToken(string description) =>
        Error(InvalidTokenCode, description, StatusCodes.Status401Unauthorized);

    /// <summary>A well-formed request this server will not act on, such as a cookie refresh without CSRF proof.</summary>
    public static JsonHttpResult<AuthError> Forbidden(string description) =>
        Error(InvalidRequestCode, description, StatusCodes.Status403Forbidden);

    public static JsonHttpResult<AuthError> UsernameTaken(string description) =>
        Error(UsernameTakenCode, description, StatusCodes.Status409Conflict);

    /// <summary>429 with <c>Retry-After</c> in whole seconds, rounded up.</summary>
    public static JsonHttpResult<AuthError> RateLimited(HttpResponse response, TimeSpan retryAfter, string description)
    {
        response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Error(RateLimitedCode, description, StatusCodes.Status429TooManyRequests);
    }

    private static JsonHttpResult<AuthError> Error(string code, string description, int statusCode) =>
        TypedResults.Json(new AuthError(code, description), statusCode: statusCode);
}
