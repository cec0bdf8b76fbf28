using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Features;

public sealed class SessionsTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ListSessions_ShowsEachLiveSessionAndMarksTheCallersOwn()
    {
        var user = await _client.RegisterAsync();
        var phone = await _client.LoginAsync(user);
        var laptop = await _client.LoginAsync(user);

        var response = await _client.SendWithTokenAsync(HttpMethod.Get, "/sessions", laptop.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var sessions = body.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(
            ["id", "created_at", "last_used_at", "expires_at", "user_agent", "ip", "current"],
            s.EnumerateObject().Select(p => p.Name)));
        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Equal(AccessTokenReader.SessionIdOf(laptop.AccessToken), current.GetProperty("id").GetString());
        Assert.Contains(sessions, s => s.GetProperty("id").GetString() == AccessTokenReader.SessionIdOf(phone.AccessToken));
        Assert.EndsWith("Z", current.GetProperty("created_at").GetString());
        Assert.Equal(TestTimeProvider.Start.AddDays(30).UtcDateTime, current.GetProperty("expires_at").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task ListSessions_LeavesOutEndedSessions()
    {
        var user = await _client.RegisterAsync();
        var ended = await _client.LoginAsync(user);
        var live = await _client.LoginAsync(user);
        await _client.PostLogoutAsync(accessToken: ended.AccessToken);

        var response = await _client.SendWithTokenAsync(HttpMethod.Get, "/sessions", live.AccessToken);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(AccessTokenReader.SessionIdOf(live.AccessToken), Assert.Single(body.RootElement.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task ListSessions_WithoutToken_Returns401()
    {
        var response = await _client.GetAsync("/sessions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task EndSession_OwnOtherSession_Returns204AndKillsItsTokensOnly()
    {
        var user = await _client.RegisterAsync();
        var lost = await _client.LoginAsync(user);
        var kept = await _client.LoginAsync(user);

        var response = await _client.SendWithTokenAsync(HttpMethod.Delete, $"/sessions/{AccessTokenReader.SessionIdOf(lost.AccessToken)}", kept.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        (await _client.GetProtectedAsync(lost.AccessToken)).AssertInvalidTokenChallenge();
        await (await _client.PostRefreshAsync(lost.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(kept.AccessToken)).StatusCode);
        await _client.RefreshAsync(kept.RefreshToken!);
    }

    [Fact]
    public async Task EndSession_AnotherUsersSession_Returns404AndChangesNothing()
    {
        var victim = await _client.LoginAsync();
        var attacker = await _client.LoginAsync();

        var response = await _client.SendWithTokenAsync(HttpMethod.Delete, $"/sessions/{AccessTokenReader.SessionIdOf(victim.AccessToken)}", attacker.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var victimSession = Guid.Parse(AccessTokenReader.SessionIdOf(victim.AccessToken));
        Assert.Null(await factory.QueryAsync(db => db.Sessions.Where(s => s.Id == victimSession).Select(s => s.RevokedAtUtc).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(victim.AccessToken)).StatusCode);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-guid")]
    public async Task EndSession_UnknownId_Returns404(string id)
    {
        var tokens = await _client.LoginAsync();

        var response = await _client.SendWithTokenAsync(HttpMethod.Delete, $"/sessions/{id}", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LogoutAll_Returns204AndEndsEverySessionOfTheUserOnly()
    {
        var user = await _client.RegisterAsync();
        var first = await _client.LoginAsync(user);
        var second = await _client.LoginAsync(user);
        var someoneElse = await _client.LoginAsync();

        var response = await _client.SendWithTokenAsync(HttpMethod.Post, "/logout-all", first.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        foreach (var tokens in new[] { first, second })
        {
            (await _client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
            await (await _client.PostRefreshAsync(tokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(someoneElse.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task LogoutAll_WithoutToken_Returns401()
    {
        var response = await _client.PostAsync("/logout-all", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
