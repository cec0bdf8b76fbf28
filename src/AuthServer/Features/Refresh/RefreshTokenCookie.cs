using AuthServer.Tokens;

namespace AuthServer.Features.Refresh;

/// <summary>
/// Cookie mode for browser frontends: the refresh token travels only in an HttpOnly cookie that JavaScript
/// cannot read and that is sent to the refresh endpoint alone. The <c>__Secure-</c> prefix makes browsers
/// refuse it without <c>Secure</c> (OWASP ASVS 5.0 3.3.1); browsers treat http://localhost as secure.
/// </summary>
public static class RefreshTokenCookie
{
    public const string Name = "__Secure-refresh_token";
    public const string Path = "/refresh-token";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Moves the refresh token of <paramref name="tokens"/> into the cookie and returns the body without it.</summary>
    public static TokenResponse Carry(HttpResponse response, TokenResponse tokens)
    {
        response.Cookies.Append(Name, tokens.RefreshToken!, Options(TimeSpan.FromSeconds(tokens.RefreshTokenExpiresIn)));
        return tokens with { RefreshToken = null };
    }

    public static void Clear(HttpResponse response)
    {
        var options = Options(TimeSpan.Zero);
        options.Expires = DateTimeOffset.UnixEpoch;
        response.Cookies.Append(Name, "", options);
    }

    private static CookieOptions Options(TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
