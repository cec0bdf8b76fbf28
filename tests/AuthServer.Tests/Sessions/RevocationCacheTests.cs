using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Sessions;

public sealed class RevocationCacheTests
{
    [Fact]
    public async Task ZeroCacheDuration_ChecksTheDatabaseOnEveryRequest()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:00" });
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostLogoutAsync(accessToken: tokens.AccessToken)).StatusCode);
        (await client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task TokensValidAfter_Alone_RefusesOlderAccessTokensAndRefreshTokens()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:00" });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();
        var tokens = await client.LoginAsync(user);

        // As if a password change committed while this session was being created, so its revocation missed it.
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var cutoff = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.QueryAsync(db => db.Users.Where(u => u.Username == user.Username)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TokensValidAfterUtc, cutoff)));

        (await client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
        await (await client.PostRefreshAsync(tokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        var fresh = await client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(fresh.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task SessionCreatedJustBeforeTheCutoffAndNotRevoked_ItsAccessTokenIsRefused()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:00" });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();
        var tokens = await client.LoginAsync(user);

        // A cut-off a millisecond after the session began, in the same second as the token's iat.
        var cutoff = factory.Clock.GetUtcNow().UtcDateTime.AddMilliseconds(1);
        await factory.QueryAsync(db => db.Users.Where(u => u.Username == user.Username)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TokensValidAfterUtc, cutoff)));

        (await client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task AccessToken_OutlivingItsSessionsAbsoluteEnd_IsRefused()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:SessionLifetime"] = "00:10:00",
            ["Auth:RefreshTokenLifetime"] = "00:08:00",
            ["Auth:AccessTokenLifetime"] = "00:05:00",
        });
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(7));
        var tokens = await client.RefreshAsync(login.RefreshToken!);

        // The access token is good until minute 12, the session only until minute 10.
        factory.Clock.Advance(TimeSpan.FromMinutes(3));

        (await client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
    }
}
