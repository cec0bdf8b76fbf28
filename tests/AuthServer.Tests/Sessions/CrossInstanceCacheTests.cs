using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Sessions;

/// <summary>
/// Two instances over one SQLite file hear nothing of each other's revocations: the cache duration is the bound.
/// (On PostgreSQL the revoking instance notifies the others; AuthServer.Tests.Postgres tests that instead.)
/// </summary>
public sealed class CrossInstanceCacheTests
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

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
    public async Task Logout_OnOneInstance_SetsTheEntryInTheOthersListWithinTheCacheDuration()
    {
        await using var instances = await TwoInstances.StartAsync();
        var tokens = await instances.A.LoginAsync();
        Assert.False(await StatusListReader.IsRevokedAsync(instances.B, tokens.AccessToken));

        await instances.A.PostLogoutAsync(accessToken: tokens.AccessToken);

        Assert.True(await StatusListReader.IsRevokedAsync(instances.A, tokens.AccessToken));
        instances.Clock.Advance(CacheDuration - TimeSpan.FromMilliseconds(1));
        Assert.False(await StatusListReader.IsRevokedAsync(instances.B, tokens.AccessToken));
        instances.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await StatusListReader.IsRevokedAsync(instances.B, tokens.AccessToken));
    }

    /// <summary>Two server instances over one database and one clock, each with its own revocation cache.</summary>
    private sealed class TwoInstances : IAsyncDisposable
    {
        private readonly TestStorage _storage;
        private readonly AuthServerFactory _a;
        private readonly AuthServerFactory _b;

        private TwoInstances(TestStorage storage, TestTimeProvider clock)
        {
            _storage = storage;
            Clock = clock;
            var settings = new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:05" };
            _a = new AuthServerFactory(settings, storage, clock);
            _b = new AuthServerFactory(settings, storage, clock);
        }

        public TestTimeProvider Clock { get; }

        public HttpClient A { get; private set; } = null!;

        public HttpClient B { get; private set; } = null!;

        public static async Task<TwoInstances> StartAsync()
        {
            var instances = new TwoInstances(new TestStorage(), new TestTimeProvider());
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
            _storage.Dispose();
        }
    }
}
