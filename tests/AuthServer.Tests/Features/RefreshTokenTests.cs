using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Features;

/// <summary>Rotation, reuse detection and the idempotent repeat, all with the clock frozen unless a test moves it.</summary>
public sealed class RefreshTokenTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Refresh_ValidToken_Returns200WithANewRefreshTokenInTheSameSession()
    {
        var login = await _client.LoginAsync();

        var response = await _client.PostRefreshAsync(login.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        response.AssertNoStore();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var refreshed = body.RootElement.Deserialize<TestTokens>()!;
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", refreshed.RefreshToken);
        Assert.Equal("Bearer", refreshed.TokenType);
        Assert.Equal(SessionOf(login.AccessToken), SessionOf(refreshed.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(refreshed.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Refresh_ChainOfRotations_EachSuccessorWorksOnce()
    {
        var tokens = await _client.LoginAsync();

        for (var i = 0; i < 5; i++)
        {
            tokens = await _client.RefreshAsync(tokens.RefreshToken!);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Refresh_UnknownToken_Returns401InvalidGrant()
    {
        var response = await _client.PostRefreshAsync("bm90LWEtcmVhbC10b2tlbi1idXQtbG9va3MtbGlrZS1vbmU");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_OverlongToken_Returns401InvalidGrant()
    {
        var response = await _client.PostRefreshAsync(new string('A', 5000));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_RepeatWithinLeeway_ReturnsTheSameSuccessorAndAFreshAccessToken()
    {
        var login = await _client.LoginAsync();
        var first = await _client.RefreshAsync(login.RefreshToken!);

        var repeat = await _client.RefreshAsync(login.RefreshToken!);

        Assert.Equal(first.RefreshToken, repeat.RefreshToken);
        Assert.NotEqual(first.AccessToken, repeat.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(repeat.AccessToken)).StatusCode);
        // The session did not fork: the successor rotates normally afterwards.
        await _client.RefreshAsync(repeat.RefreshToken!);
    }

    [Fact]
    public async Task Refresh_RepeatAfterTheSuccessorWasUsed_RevokesTheSession()
    {
        var login = await _client.LoginAsync();
        var first = await _client.RefreshAsync(login.RefreshToken!);
        var second = await _client.RefreshAsync(first.RefreshToken!);

        var reuse = await _client.PostRefreshAsync(login.RefreshToken!);

        await reuse.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await (await _client.PostRefreshAsync(second.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        (await _client.GetProtectedAsync(second.AccessToken)).AssertInvalidTokenChallenge();
        Assert.NotNull(await factory.QueryAsync(db => db.Sessions.Where(s => s.Id == SessionOf(login.AccessToken)).Select(s => s.RevokedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task Refresh_RevokedSession_StaysRevokedForItsOtherTokens()
    {
        var login = await _client.LoginAsync();
        var first = await _client.RefreshAsync(login.RefreshToken!);
        await _client.RefreshAsync(first.RefreshToken!);
        await _client.PostRefreshAsync(login.RefreshToken!);

        var response = await _client.PostRefreshAsync(first.RefreshToken!);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_ReuseInOneSession_LeavesTheUsersOtherSessionsAlone()
    {
        var user = await _client.RegisterAsync();
        var victim = await _client.LoginAsync(user);
        var other = await _client.LoginAsync(user);
        var rotated = await _client.RefreshAsync(victim.RefreshToken!);
        await _client.RefreshAsync(rotated.RefreshToken!);

        await _client.PostRefreshAsync(victim.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(other.AccessToken)).StatusCode);
        await _client.RefreshAsync(other.RefreshToken!);
    }

    private static Guid SessionOf(string accessToken) => Guid.Parse(AccessTokenReader.SessionIdOf(accessToken));
}
