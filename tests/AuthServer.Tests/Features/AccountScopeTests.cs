using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>
/// Which tokens may manage the account (docs/api.md, Scopes): a scope-less first-party token may; a token that carries
/// scopes may only with the scope <c>account</c>. A token narrowed to <c>resource.read</c> cannot end every session.
/// </summary>
public sealed class AccountScopeTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> AccountEndpoints => new()
    {
        { "POST", "/logout-all" },
        { "GET", "/sessions" },
        { "DELETE", "/sessions/{sid}" },
        { "POST", "/change-password" },
    };

    [Theory]
    [MemberData(nameof(AccountEndpoints))]
    public async Task ATokenWithScopesButNotAccount_Gets403InsufficientScope_AndChangesNothing(string method, string path)
    {
        var user = await _client.RegisterAsync();
        var tokens = await LoginAsync(user, "resource.read");

        var response = await SendAsync(method, path, tokens, user);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter);
        Assert.Contains("scope=\"account\"", challenge.Parameter);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
        await _client.RefreshAsync(tokens.RefreshToken!);
        await _client.LoginAsync(user);
    }

    [Theory]
    [MemberData(nameof(AccountEndpoints))]
    public async Task ATokenWithTheAccountScope_OrNoScopeAtAll_ManagesTheAccount(string method, string path)
    {
        foreach (var scope in new[] { "account resource.read", null })
        {
            var user = await _client.RegisterAsync();
            var tokens = await LoginAsync(user, scope);

            var response = await SendAsync(method, path, tokens, user);

            Assert.True(response.IsSuccessStatusCode, $"{method} {path} with scope {scope ?? "(none)"}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task ARefreshNarrowedToResourceRead_CannotEndEverySession()
    {
        var user = await _client.RegisterAsync();
        var full = await LoginAsync(user, "account resource.read");

        var narrowed = (await (await _client.PostAsJsonAsync("/refresh-token", new { refresh_token = full.RefreshToken, scope = "resource.read" }))
            .Content.ReadFromJsonAsync<TestTokens>())!;
        var logoutAll = await _client.SendWithTokenAsync(HttpMethod.Post, "/logout-all", narrowed.AccessToken);

        await logoutAll.AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        var whole = await _client.RefreshAsync(narrowed.RefreshToken!);
        Assert.Equal("account resource.read", whole.Scope);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendWithTokenAsync(HttpMethod.Post, "/logout-all", whole.AccessToken)).StatusCode);
    }

    private async Task<TestTokens> LoginAsync(TestUser user, string? scope)
    {
        var response = await _client.PostAsJsonAsync("/login", new { username = user.Username, password = user.Password, scope });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TestTokens>())!;
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, TestTokens tokens, TestUser user) => path switch
    {
        "/change-password" => _client.PostChangePasswordAsync(tokens.AccessToken, user.Password, "copper meadow kettle 42"),
        _ => _client.SendWithTokenAsync(new HttpMethod(method), path.Replace("{sid}", AccessTokenReader.SessionIdOf(tokens.AccessToken), StringComparison.Ordinal), tokens.AccessToken),
    };
}
