using System.Net;
using System.Net.Http.Headers;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

public sealed class LogoutTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Logout_WithAccessToken_Returns204AndRefusesThatAccessTokenAtOnce()
    {
        var tokens = await _client.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(tokens.AccessToken)).StatusCode);

        var response = await _client.PostLogoutAsync(accessToken: tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        (await _client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
        await (await _client.PostRefreshAsync(tokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Logout_WithRefreshTokenOnly_Returns204AndEndsTheSession()
    {
        var tokens = await _client.LoginAsync();

        var response = await _client.PostLogoutAsync(refreshToken: tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        (await _client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
        await (await _client.PostRefreshAsync(tokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Logout_WithBoth_Returns204()
    {
        var tokens = await _client.LoginAsync();

        var response = await _client.PostLogoutAsync(tokens.AccessToken, tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        (await _client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
        await (await _client.PostRefreshAsync(tokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Logout_WithANonBearerAuthorizationHeader_Returns401WithABareChallenge()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        var response = await _client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Logout_EndsOnlyThatSession()
    {
        var user = await _client.RegisterAsync();
        var phone = await _client.LoginAsync(user);
        var laptop = await _client.LoginAsync(user);

        await _client.PostLogoutAsync(accessToken: phone.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(laptop.AccessToken)).StatusCode);
        await _client.RefreshAsync(laptop.RefreshToken!);
    }

    [Fact]
    public async Task Logout_Twice_SecondTimeWithRefreshTokenStillReturns204()
    {
        var tokens = await _client.LoginAsync();
        await _client.PostLogoutAsync(refreshToken: tokens.RefreshToken);

        var again = await _client.PostLogoutAsync(refreshToken: tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutAnyToken_Returns401AndChallenges()
    {
        var response = await _client.PostLogoutAsync();

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Logout_WithRevokedAccessTokenAndNoRefreshToken_Returns401()
    {
        var tokens = await _client.LoginAsync();
        await _client.PostLogoutAsync(accessToken: tokens.AccessToken);

        var response = await _client.PostLogoutAsync(accessToken: tokens.AccessToken);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Logout_WithGarbageBearerToken_Returns401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.jwt");

        var response = await _client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Logout_RefreshTokenOfAnotherSession_EndsThatSessionOnly()
    {
        var user = await _client.RegisterAsync();
        var first = await _client.LoginAsync(user);
        var second = await _client.LoginAsync(user);

        await _client.PostLogoutAsync(refreshToken: second.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(first.AccessToken)).StatusCode);
        (await _client.GetProtectedAsync(second.AccessToken)).AssertInvalidTokenChallenge();
    }
}
