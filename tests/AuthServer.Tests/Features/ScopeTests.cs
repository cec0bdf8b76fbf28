using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>Scopes (RFC 6749 §3.3) at login and refresh, and a resource that requires one (RFC 6750 §3.1).</summary>
public sealed class ScopeTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Login_WithAllowedScopes_GrantsThemInTheResponseAndTheToken()
    {
        var tokens = await LoginAsync("resource.write resource.read resource.write");

        Assert.Equal("resource.read resource.write", tokens.Scope);
        Assert.Equal("resource.read resource.write", AccessTokenReader.ScopeOf(tokens.AccessToken));
    }

    [Fact]
    public async Task Login_WithoutScope_GrantsNone()
    {
        var response = await _client.PostLoginAsync(await _client.RegisterAsync());

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"scope\"", body, StringComparison.Ordinal);
        Assert.Null(AccessTokenReader.ScopeOf((await response.Content.ReadFromJsonAsync<TestTokens>())!.AccessToken));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("resource.read  resource.write")]
    [InlineData(" resource.read")]
    [InlineData("resource.READ")]
    public async Task Login_WithAScopeNotGrantedOrMalformed_Returns400InvalidScopeAndStoresNothing(string scope)
    {
        var user = await _client.RegisterAsync();
        var rowsBefore = await factory.CountRowsAsync();

        var response = await _client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, scope });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
        Assert.Equal(rowsBefore, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task ScopedResource_WithTheScope_Returns200()
    {
        var tokens = await LoginAsync("resource.write");

        var response = await _client.SendWithTokenAsync(HttpMethod.Post, "/protected-resource", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("resource.read")]
    [InlineData(null)]
    public async Task ScopedResource_WithoutTheScope_Returns403InsufficientScope(string? scope)
    {
        var tokens = await LoginAsync(scope);

        var response = await _client.SendWithTokenAsync(HttpMethod.Post, "/protected-resource", tokens.AccessToken);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter);
        Assert.Contains("scope=\"resource.write\"", challenge.Parameter);
    }

    [Fact]
    public async Task ScopedResource_WithoutToken_Returns401()
    {
        var response = await _client.PostAsync("/protected-resource", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_WithANarrowerScope_NarrowsTheNewAccessTokenButNotTheSession()
    {
        var login = await LoginAsync("resource.read resource.write");

        var narrowed = (await (await _client.PostAsJsonAsync("/refresh-token", new { refresh_token = login.RefreshToken, scope = "resource.read" }))
            .Content.ReadFromJsonAsync<TestTokens>())!;
        var whole = await _client.RefreshAsync(narrowed.RefreshToken!);

        Assert.Equal("resource.read", AccessTokenReader.ScopeOf(narrowed.AccessToken));
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendWithTokenAsync(HttpMethod.Post, "/protected-resource", narrowed.AccessToken)).StatusCode);
        Assert.Equal("resource.read resource.write", whole.Scope);
    }

    [Fact]
    public async Task Refresh_WithAWiderScope_Returns400InvalidScopeAndConsumesNothing()
    {
        var login = await LoginAsync("resource.read");

        var response = await _client.PostAsJsonAsync("/refresh-token", new { refresh_token = login.RefreshToken, scope = "resource.read resource.write" });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
        await _client.RefreshAsync(login.RefreshToken!);
    }

    [Fact]
    public async Task CookieRefresh_WithAWiderScope_KeepsTheCookie()
    {
        var user = await _client.RegisterAsync();
        var login = await _client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, use_cookie = true });
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie")).Split(';')[0];
        var request = new HttpRequestMessage(HttpMethod.Post, "/refresh-token") { Content = JsonContent.Create(new { scope = "resource.write" }) };
        request.Headers.Add("Cookie", cookie);

        var response = await _client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private async Task<TestTokens> LoginAsync(string? scope)
    {
        var user = await _client.RegisterAsync();
        var response = await _client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, scope });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TestTokens>())!;
    }
}
