using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Sessions;

public sealed class RevocationCacheTests
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

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
    public async Task Logout_OnOneInstance_ReachesAnotherWithinTheCacheDuration()
    {
        await using var instances = await TwoInstances.StartAsync();
        var tokens = await instances.A.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(tokens.AccessToken)).StatusCode);

        await instances.A.PostLogoutAsync(accessToken: tokens.AccessToken);

        (await instances.A.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
        // B answers from its cache until the entry is CacheDuration old, and not a moment longer.
        instances.Clock.Advance(CacheDuration - TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(tokens.AccessToken)).StatusCode);
        instances.Clock.Advance(TimeSpan.FromMilliseconds(1));
        (await instances.B.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task LogoutAll_OnOneInstance_ReachesEverySessionOnAnotherWithinTheCacheDuration()
    {
        await using var instances = await TwoInstances.StartAsync();
        var user = await instances.A.RegisterAsync();
        var first = await instances.A.LoginAsync(user);
        var second = await instances.A.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(first.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(second.AccessToken)).StatusCode);

        await instances.A.SendWithTokenAsync(HttpMethod.Post, "/logout-all", first.AccessToken);

        instances.Clock.Advance(CacheDuration);
        (await instances.B.GetProtectedAsync(first.AccessToken)).AssertInvalidTokenChallenge();
        (await instances.B.GetProtectedAsync(second.AccessToken)).AssertInvalidTokenChallenge();
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

    /// <summary>Two server instances over one database and one clock, each with its own revocation cache.</summary>
    private sealed class TwoInstances : IAsyncDisposable
    {
        private readonly TempFolder _folder;
        private readonly AuthServerFactory _a;
        private readonly AuthServerFactory _b;

        private TwoInstances(TempFolder folder, TestTimeProvider clock)
        {
            _folder = folder;
            Clock = clock;
            var settings = new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:05" };
            _a = new AuthServerFactory(settings, folder.Path, clock);
            _b = new AuthServerFactory(settings, folder.Path, clock);
        }

        public TestTimeProvider Clock { get; }

        public HttpClient A { get; private set; } = null!;

        public HttpClient B { get; private set; } = null!;

        public static async Task<TwoInstances> StartAsync()
        {
            var instances = new TwoInstances(new TempFolder(), new TestTimeProvider());
            // The first start creates the database and keys; the second then finds them.
            instances.A = instances._a.CreateClient();
            await instances.A.GetAsync("/health");
            instances.B = instances._b.CreateClient();
            return instances;
        }

        public async ValueTask DisposeAsync()
        {
            await _a.DisposeAsync();
            await _b.DisposeAsync();
            _folder.Dispose();
        }
    }
}
