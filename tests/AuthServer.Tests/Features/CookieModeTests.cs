using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace AuthServer.Tests.Features;

/// <summary>The refresh token in an HttpOnly cookie for browser frontends (API.md, "Cookie mode").</summary>
public sealed class CookieModeTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private const string CookieName = "__Secure-refresh_token";

    private readonly HttpClient _client = factory.CreateClient(new() { HandleCookies = false });

    [Fact]
    public async Task Login_WithUseCookie_SetsTheCookieWithEveryAttributeAndLeavesTheTokenOutOfTheBody()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, use_cookie = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        response.AssertNoStore();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("refresh_token", out _));
        Assert.Equal(604800, body.RootElement.GetProperty("refresh_token_expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("access_token").GetString()));
        var cookie = SingleCookie(response);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", cookie.Value.ToString());
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/refresh-token", cookie.Path.ToString());
        Assert.True(cookie.Domain.Value is null);
        Assert.Equal(TimeSpan.FromDays(7), cookie.MaxAge);
    }

    [Fact]
    public async Task Login_WithoutUseCookie_SetsNoCookie()
    {
        var response = await _client.PostLoginAsync(await _client.RegisterAsync());

        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Refresh_WithTheCookie_RotatesItIntoANewCookie()
    {
        var first = await LoginWithCookieAsync();

        var response = await RefreshWithCookieAsync(first);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("refresh_token", out _));
        var second = SingleCookie(response);
        Assert.NotEqual(first, second.Value.ToString());
        Assert.Equal(TimeSpan.FromDays(7), second.MaxAge);
        Assert.Equal("/refresh-token", second.Path.ToString());
        Assert.Equal(HttpStatusCode.OK, (await RefreshWithCookieAsync(second.Value.ToString())).StatusCode);
    }

    [Fact]
    public async Task Refresh_MaxAgeIsTheRemainingLifetime_CappedByTheSession()
    {
        using var timed = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:SessionLifetime"] = "8.00:00:00" });
        var client = timed.CreateClient(new() { HandleCookies = false });
        var user = await client.RegisterAsync();
        var login = await client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, use_cookie = true });
        timed.Clock.Advance(TimeSpan.FromDays(3));

        var response = await client.SendAsync(CookieRefresh(SingleCookie(login).Value.ToString()));

        Assert.Equal(TimeSpan.FromDays(5), SingleCookie(response).MaxAge);
    }

    [Fact]
    public async Task Refresh_WithCookieAndBodyToken_Returns400AndRotatesNothing()
    {
        var cookie = await LoginWithCookieAsync();
        var request = CookieRefresh(cookie);
        request.Content = JsonContent.Create(new { refresh_token = cookie });

        var response = await _client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(HttpStatusCode.OK, (await RefreshWithCookieAsync(cookie)).StatusCode);
    }

    public static TheoryData<string?, string?> RequestsAFormCouldSend => new()
    {
        { null, null },
        { "application/x-www-form-urlencoded", "a=b" },
        { "text/plain", "hello" },
        { "multipart/form-data; boundary=x", "--x--" },
    };

    [Theory]
    [MemberData(nameof(RequestsAFormCouldSend))]
    public async Task Refresh_WithCookieButNoCsrfProof_IsRefusedAndRotatesNothing(string? contentType, string? body)
    {
        var cookie = await LoginWithCookieAsync();
        var consumedBefore = await ConsumedTokenCountAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/refresh-token");
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        if (contentType is not null)
        {
            request.Content = new StringContent(body!, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await _client.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(consumedBefore, await ConsumedTokenCountAsync());
        Assert.Equal(HttpStatusCode.OK, (await RefreshWithCookieAsync(cookie)).StatusCode);
    }

    [Fact]
    public async Task Refresh_WithCookieAndJsonContentType_IsAcceptedAsCsrfProof()
    {
        var cookie = await LoginWithCookieAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/refresh-token") { Content = new StringContent("", Encoding.UTF8, "application/json") };
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_WithAReusedCookie_RevokesTheSessionAndClearsTheCookie()
    {
        using var strict = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RefreshTokenReuseLeeway"] = "00:00:00" });
        var client = strict.CreateClient(new() { HandleCookies = false });
        var user = await client.RegisterAsync();
        var login = await client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, use_cookie = true });
        var first = SingleCookie(login).Value.ToString();
        var rotated = await client.SendAsync(CookieRefresh(first));

        var reuse = await client.SendAsync(CookieRefresh(first));

        await reuse.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        AssertCleared(SingleCookie(reuse));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(CookieRefresh(SingleCookie(rotated).Value.ToString()))).StatusCode);
    }

    [Fact]
    public async Task Refresh_RepeatWithinLeeway_SetsTheSameSuccessorCookie()
    {
        var first = await LoginWithCookieAsync();
        var a = await RefreshWithCookieAsync(first);

        var b = await RefreshWithCookieAsync(first);

        Assert.Equal(SingleCookie(a).Value, SingleCookie(b).Value);
    }

    [Fact]
    public async Task Logout_ClearsTheCookieAndEndsTheSession()
    {
        var user = await _client.RegisterAsync();
        var login = await _client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, use_cookie = true });
        var cookie = SingleCookie(login).Value.ToString();
        var accessToken = (await login.Content.ReadFromJsonAsync<TestTokens>())!.AccessToken;

        var logout = await _client.PostLogoutAsync(accessToken: accessToken);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        AssertCleared(SingleCookie(logout));
        await (await RefreshWithCookieAsync(cookie)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    private async Task<string> LoginWithCookieAsync()
    {
        var user = await _client.RegisterAsync();
        var response = await _client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, use_cookie = true });
        return SingleCookie(response).Value.ToString();
    }

    private Task<HttpResponseMessage> RefreshWithCookieAsync(string cookie) => _client.SendAsync(CookieRefresh(cookie));

    private static HttpRequestMessage CookieRefresh(string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/refresh-token");
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        request.Headers.Add("X-Requested-With", "tests");
        return request;
    }

    private static SetCookieHeaderValue SingleCookie(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var cookie = SetCookieHeaderValue.Parse(header);
        Assert.Equal(CookieName, cookie.Name.ToString());
        return cookie;
    }

    private static void AssertCleared(SetCookieHeaderValue cookie)
    {
        Assert.Equal("", cookie.Value.ToString());
        Assert.Equal(TimeSpan.Zero, cookie.MaxAge);
        Assert.Equal("/refresh-token", cookie.Path.ToString());
    }

    private Task<int> ConsumedTokenCountAsync() => factory.QueryAsync(db => db.RefreshTokens.CountAsync(t => t.ConsumedAtUtc != null));
}
