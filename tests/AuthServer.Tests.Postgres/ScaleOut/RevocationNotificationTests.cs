using System.Diagnostics;
using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.ScaleOut;

/// <summary>
/// Two instances over one PostgreSQL database and one test clock that never moves here: a revocation reaches the other
/// instance through its notification, not through the cache's age (30 s, which the clock never reaches).
/// </summary>
public sealed class RevocationNotificationTests
{
    private static readonly Dictionary<string, string?> LongCache = new() { ["Auth:RevocationCacheDuration"] = "00:00:30" };

    [Fact]
    public async Task Logout_OnOneInstance_IsHeardByTheOther()
    {
        await using var instances = await TwoInstancesAsync();
        var tokens = await instances.A.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(tokens.AccessToken)).StatusCode);

        await instances.A.PostLogoutAsync(accessToken: tokens.AccessToken);

        await RefusedWithinAsync(instances.B, tokens.AccessToken, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task LogoutAll_OnOneInstance_IsHeardByTheOtherForEverySession()
    {
        await using var instances = await TwoInstancesAsync();
        var user = await instances.A.RegisterAsync();
        var first = await instances.A.LoginAsync(user);
        var second = await instances.A.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(first.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(second.AccessToken)).StatusCode);

        await instances.A.SendWithTokenAsync(HttpMethod.Post, "/logout-all", first.AccessToken);

        await RefusedWithinAsync(instances.B, first.AccessToken, TimeSpan.FromSeconds(1));
        await RefusedWithinAsync(instances.B, second.AccessToken, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task DisablingAUser_OnOneInstance_IsHeardByTheOtherForEverySession()
    {
        await using var instances = await TwoInstancesAsync();
        var admin = await instances.FactoryA.LoginAsAdministratorAsync(instances.A);
        var user = await instances.A.RegisterAsync();
        var first = await instances.A.LoginAsync(user);
        var second = await instances.A.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(first.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(second.AccessToken)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await instances.A.PostUserActionAsync(admin.AccessToken, first.UserIdOf(), "disable")).StatusCode);

        await RefusedWithinAsync(instances.B, first.AccessToken, TimeSpan.FromSeconds(1));
        await RefusedWithinAsync(instances.B, second.AccessToken, TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await instances.B.PostLoginAsync(user)).StatusCode);
        var elapsed = Stopwatch.StartNew();
        while (!await StatusListReader.IsRevokedAsync(instances.B, second.AccessToken))
        {
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(1), $"B still served the entry as valid after {elapsed.Elapsed.TotalMilliseconds:F0} ms.");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    [Fact]
    public async Task Logout_OnOneInstance_SetsTheEntryInTheListTheOtherServes()
    {
        await using var instances = await TwoInstancesAsync();
        var tokens = await instances.A.LoginAsync();
        var other = await instances.A.LoginAsync();
        Assert.False(await StatusListReader.IsRevokedAsync(instances.B, tokens.AccessToken)); // B now holds the list

        await instances.A.PostLogoutAsync(accessToken: tokens.AccessToken);

        var elapsed = Stopwatch.StartNew();
        while (!await StatusListReader.IsRevokedAsync(instances.B, tokens.AccessToken))
        {
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(1), $"B still served the entry as valid after {elapsed.Elapsed.TotalMilliseconds:F0} ms.");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        Assert.False(await StatusListReader.IsRevokedAsync(instances.B, other.AccessToken));
    }

    [Fact]
    public async Task AfterItsConnectionIsLost_TheListenerReconnectsAndForgetsWhatItMayHaveMissed()
    {
        await using var instances = await TwoInstancesAsync();
        var tokens = await instances.A.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(tokens.AccessToken)).StatusCode);

        // Every listener's connection dies; the logout's notification is sent while nobody listens.
        PostgresCluster.Shared.Execute($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'");
        await instances.A.PostLogoutAsync(accessToken: tokens.AccessToken);

        // B reconnects a second later and, not knowing what it missed, drops its whole cache.
        await RefusedWithinAsync(instances.B, tokens.AccessToken, TimeSpan.FromSeconds(5));
        var later = await instances.A.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await instances.B.GetProtectedAsync(later.AccessToken)).StatusCode);
        await instances.A.PostLogoutAsync(accessToken: later.AccessToken);
        await RefusedWithinAsync(instances.B, later.AccessToken, TimeSpan.FromSeconds(1));
    }

    private static async Task<TwoFactories> TwoInstancesAsync()
    {
        var storage = new TestStorage();
        var clock = new TestTimeProvider();
        var a = new AuthServerFactory(LongCache, storage, clock);
        var aClient = a.CreateClient();
        await aClient.GetAsync("/health");
        var b = new AuthServerFactory(LongCache, storage, clock);
        return new TwoFactories(storage, a, b, aClient, b.CreateClient());
    }

    private static async Task RefusedWithinAsync(HttpClient client, string accessToken, TimeSpan bound)
    {
        var elapsed = Stopwatch.StartNew();
        while ((await client.GetProtectedAsync(accessToken)).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(elapsed.Elapsed < bound, $"Still accepted after {elapsed.Elapsed.TotalMilliseconds:F0} ms.");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    private sealed record TwoFactories(TestStorage Storage, AuthServerFactory FactoryA, AuthServerFactory FactoryB, HttpClient A, HttpClient B)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await FactoryA.DisposeAsync();
            await FactoryB.DisposeAsync();
            Storage.Dispose();
        }
    }
}
