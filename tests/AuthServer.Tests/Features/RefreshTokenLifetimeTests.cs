using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>Each test moves its own factory's clock.</summary>
public sealed class RefreshTokenLifetimeTests
{
    [Fact]
    public async Task Refresh_OneSecondBeforeExpiry_Succeeds()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var login = await client.LoginAsync();

        factory.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        var refreshed = await client.RefreshAsync(login.RefreshToken!);
        Assert.Equal(604800, refreshed.RefreshTokenExpiresIn);
    }

    [Fact]
    public async Task Refresh_AtExpiry_Returns401InvalidGrant()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var login = await client.LoginAsync();

        factory.Clock.Advance(TimeSpan.FromDays(7));

        await (await client.PostRefreshAsync(login.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_Sliding_EachRefreshStartsANewPeriod()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();

        for (var i = 0; i < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromDays(6));
            tokens = await client.RefreshAsync(tokens.RefreshToken!);
        }
    }

    [Fact]
    public async Task Refresh_NeverExtendsTheSessionPastItsAbsoluteEnd()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();
        for (var day = 6; day <= 24; day += 6)
        {
            factory.Clock.Advance(TimeSpan.FromDays(6));
            tokens = await client.RefreshAsync(tokens.RefreshToken!);
        }

        factory.Clock.Advance(TimeSpan.FromDays(5));
        var nearEnd = await client.RefreshAsync(tokens.RefreshToken!);

        // Day 29: one day of the 30-day session is left, and both tokens say so.
        Assert.Equal((int)TimeSpan.FromDays(1).TotalSeconds, nearEnd.RefreshTokenExpiresIn);
        Assert.Equal(900, nearEnd.ExpiresIn);
        factory.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        var lastSecond = await client.RefreshAsync(nearEnd.RefreshToken!);
        Assert.Equal(1, lastSecond.ExpiresIn);
        Assert.Equal(1, lastSecond.RefreshTokenExpiresIn);

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await client.PostRefreshAsync(lastSecond.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_RepeatJustInsideTheLeeway_GetsTheSameSuccessor()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        var first = await client.RefreshAsync(login.RefreshToken!);

        factory.Clock.Advance(TimeSpan.FromSeconds(29));

        Assert.Equal(first.RefreshToken, (await client.RefreshAsync(login.RefreshToken!)).RefreshToken);
    }

    [Fact]
    public async Task Refresh_RepeatAtTheEndOfTheLeeway_RevokesTheSession()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        var first = await client.RefreshAsync(login.RefreshToken!);

        factory.Clock.Advance(TimeSpan.FromSeconds(30));

        await (await client.PostRefreshAsync(login.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await (await client.PostRefreshAsync(first.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        (await client.GetProtectedAsync(first.AccessToken)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task Refresh_WithZeroLeeway_AnyRepeatRevokesTheSession()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RefreshTokenReuseLeeway"] = "00:00:00" });
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        var first = await client.RefreshAsync(login.RefreshToken!);

        await (await client.PostRefreshAsync(login.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");

        await (await client.PostRefreshAsync(first.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task AccessToken_LongerThanTheRefreshToken_EndsWithTheSessionWhenLeftIdle()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:AccessTokenLifetime"] = "00:15:00",
            ["Auth:RefreshTokenLifetime"] = "00:05:00",
        });
        var client = factory.CreateClient();
        var login = await client.LoginAsync();

        Assert.Equal(300, login.ExpiresIn);
        factory.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(login.AccessToken)).StatusCode);
        var refreshed = await client.RefreshAsync(login.RefreshToken!);
        Assert.Equal(300, refreshed.ExpiresIn);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await client.GetProtectedAsync(refreshed.AccessToken)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ShorterRefreshTokenLifetimeAfterARestart_KeepsTheTokensAlreadyIssuedValidForTheirOwnLifetime()
    {
        using var storage = new TestStorage();
        var clock = new TestTimeProvider();
        var before = new AuthServerFactory(new Dictionary<string, string?>(), storage, clock);
        var login = await before.CreateClient().LoginAsync();
        await before.DisposeAsync();

        using var after = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RefreshTokenLifetime"] = "1.00:00:00" }, storage, clock);
        clock.Advance(TimeSpan.FromDays(2));

        var refreshed = await after.CreateClient().RefreshAsync(login.RefreshToken!);
        Assert.Equal(86400, refreshed.RefreshTokenExpiresIn);
    }
}
