using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Infrastructure;

/// <summary>The one place the contract's error codes are spelled.</summary>
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

    public static JsonHttpResult<AuthError> InvalidRequest(string description) =>
        Error(InvalidRequestCode, description, StatusCodes.Status400BadRequest);

    /// <summary>Wrong credentials or an unusable refresh token; 401 at <c>/login</c> and <c>/refresh-token</c>.</summary>
    public static JsonHttpResult<AuthError> InvalidGrant(string description) =>
        Error(InvalidGrantCode, description, StatusCodes.Status401Unauthorized);

    /// <summary>A body over <c>Kestrel:Limits:MaxRequestBodySize</c>, found while reading it.</summary>
    public static JsonHttpResult<AuthError> PayloadTooLarge(string description) =>
        Error(InvalidRequestCode, description, StatusCodes.Status413PayloadTooLarge);

    /// <summary>A scope the server does not grant, or wider than the session's (RFC 6749 §5.2).</summary>
    public static JsonHttpResult<AuthError> InvalidScope(string description) =>
        Error(InvalidScopeCode, description, StatusCodes.Status400BadRequest);

    /// <summary>A <c>grant_type</c> this server does not accept (RFC 6749 §5.2).</summary>
    public static JsonHttpResult<AuthError> UnsupportedGrantType(string description) =>
        Error(UnsupportedGrantTypeCode, description, StatusCodes.Status400BadRequest);

    /// <summary>
    /// Wrong credentials or an unusable refresh token at <c>/token</c>, where RFC 6749 §5.2 makes it a 400
    /// (<c>/login</c> and <c>/refresh-token</c> answer 401).
    /// </summary>
    public static JsonHttpResult<AuthError> InvalidGrantAtTokenEndpoint(string description) =>
        Error(InvalidGrantCode, description, StatusCodes.Status400BadRequest);

    /// <summary>A valid token without the scope the resource needs (RFC 6750 §3.1).</summary>
    public static JsonHttpResult<AuthError> InsufficientScope(string description) =>
        Error(InsufficientScopeCode, description, StatusCodes.Status403Forbidden);

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
