using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AuthServer.Data;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AuthServer.Tests.ScaleOut;

/// <summary>Two real instances over one PostgreSQL database, as behind a load balancer: every rule of the contract holds across them.</summary>
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartedAtOnceOnAnEmptyDatabase_TheyMigrateOnceAndShareOneSigningKeyAndOneKeyRing()
    {
        using var storage = new TestStorage();

        var started = await Task.WhenAll(RunningServer.StartAsync(storage), RunningServer.StartAsync(storage));
        await using var a = started[0];
        await using var b = started[1];

        Assert.Equal(await a.Client.GetJwksKidsAsync(), await b.Client.GetJwksKidsAsync());
        Assert.Single(await a.Client.GetJwksKidsAsync());
        await using var db = Database(storage);
        Assert.Equal(1, await db.SigningKeys.CountAsync());
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        Assert.Equal(["refresh-token-successor", "status-list-indexes"], await db.ServerSecrets.Select(s => s.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
    }

    [Fact]
    public async Task LoginOnA_RefreshOnB_AndReuseOnA_RevokesTheSessionOnBoth()
    {
        using var storage = new TestStorage();
        // No leeway, so that the old token coming back at once is theft, not a repeat.
        var strict = new Dictionary<string, string?> { ["Auth:RefreshTokenReuseLeeway"] = "00:00:00" };
        await using var a = await RunningServer.StartAsync(storage, strict);
        await using var b = await RunningServer.StartAsync(storage, strict);
        var login = await a.Client.LoginAsync();

        var refreshed = await b.Client.RefreshAsync(login.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetProtectedAsync(refreshed.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Client.GetProtectedAsync(refreshed.AccessToken)).StatusCode);
        await (await a.Client.PostRefreshAsync(login.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");

        await (await b.Client.PostRefreshAsync(refreshed.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await RefusedWithinAsync(b.Client, refreshed.AccessToken, TimeSpan.FromSeconds(1));
        (await a.Client.GetProtectedAsync(refreshed.AccessToken)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task TwentyConcurrentRefreshes_SplitOverBoth_WithZeroLeeway_OneWinsTheRestAreReuseAndNoneFails()
    {
        using var storage = new TestStorage();
        var strict = new Dictionary<string, string?> { ["Auth:RefreshTokenReuseLeeway"] = "00:00:00" };
        await using var a = await RunningServer.StartAsync(storage, strict);
        await using var b = await RunningServer.StartAsync(storage, strict);
        var login = await a.Client.LoginAsync();

        var responses = await RefreshAtOnceAsync([a, b], login.RefreshToken!, 20);

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{r.StatusCode}"));
        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        // Strict mode: the repeats were reuse, so the session is revoked, the winner's successor too.
        var successor = (await winner.Content.ReadFromJsonAsync<TestTokens>())!;
        await (await b.Client.PostRefreshAsync(successor.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task TwentyConcurrentRefreshes_SplitOverBoth_WithTheDefaultLeeway_AllGetOneSuccessorAndTheSessionLivesOn()
    {
        using var storage = new TestStorage();
        await using var a = await RunningServer.StartAsync(storage);
        await using var b = await RunningServer.StartAsync(storage);
        var login = await a.Client.LoginAsync();

        var responses = await RefreshAtOnceAsync([a, b], login.RefreshToken!, 20);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var successors = new HashSet<string>();
        foreach (var response in responses)
        {
            successors.Add((await response.Content.ReadFromJsonAsync<TestTokens>())!.RefreshToken!);
        }

        var successor = Assert.Single(successors);
        await b.Client.RefreshAsync(successor);
    }

    [Fact]
    public async Task LogoutOnA_IsRefusedByBWithinASecond_ThoughBCachesFor30Seconds()
    {
        using var storage = new TestStorage();
        var settings = new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:30" };
        await using var a = await RunningServer.StartAsync(storage, settings);
        await using var b = await RunningServer.StartAsync(storage, settings);
        var login = await a.Client.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await b.Client.GetProtectedAsync(login.AccessToken)).StatusCode); // now in B's cache

        Assert.Equal(HttpStatusCode.NoContent, (await a.Client.PostLogoutAsync(accessToken: login.AccessToken)).StatusCode);

        var delay = await RefusedWithinAsync(b.Client, login.AccessToken, TimeSpan.FromSeconds(1));
        output.WriteLine($"B refused the logged-out session's access token {delay.TotalMilliseconds:F1} ms after A answered the logout.");
    }

    [Fact]
    public async Task PasswordChangeOnA_RefusesTheOldPasswordAndEveryOldTokenOnB()
    {
        using var storage = new TestStorage();
        await using var a = await RunningServer.StartAsync(storage);
        await using var b = await RunningServer.StartAsync(storage);
        var user = await a.Client.RegisterAsync();
        var onB = await b.Client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await b.Client.GetProtectedAsync(onB.AccessToken)).StatusCode);
        var onA = await a.Client.LoginAsync(user);
        const string NewPassword = "quiet harbour owl 31 lanterns";

        Assert.Equal(HttpStatusCode.NoContent, (await a.Client.PostChangePasswordAsync(onA.AccessToken, user.Password, NewPassword)).StatusCode);

        await (await b.Client.PostLoginAsync(user)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await RefusedWithinAsync(b.Client, onB.AccessToken, TimeSpan.FromSeconds(1));
        await (await b.Client.PostRefreshAsync(onB.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, (await b.Client.PostLoginAsync(user with { Password = NewPassword })).StatusCode);
    }

    [Fact]
    public async Task KillingAnInstanceUnderRefreshLoad_LosesNoChainAndForksNone()
    {
        using var storage = new TestStorage();
        var a = await RunningServer.StartAsync(storage);
        await using var b = await RunningServer.StartAsync(storage);
        var chains = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            chains.Add((await b.Client.LoginAsync()).RefreshToken!);
        }

        using var killed = new CancellationTokenSource();
        var rotations = new RotationCount(100);
        var workers = chains.Select((token, i) => FollowChainAsync(token, i, [a, b], rotations, killed.Token)).ToList();
        await rotations.Reached.WaitAsync(TimeSpan.FromSeconds(60)); // killed under load, once 100 rotations went through
        a.Kill();
        await killed.CancelAsync();
        var ends = await Task.WhenAll(workers);
        await a.DisposeAsync();

        // Every chain goes on from where its client stood, on the surviving instance, and has exactly one live token.
        foreach (var end in ends)
        {
            await b.Client.RefreshAsync(end);
        }

        await using var db = Database(storage);
        var liveTokensPerSession = await db.RefreshTokens.Where(t => t.ConsumedAtUtc == null).GroupBy(t => t.SessionId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(chains.Count, liveTokensPerSession.Count);
        Assert.All(liveTokensPerSession, count => Assert.Equal(1, count));
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.RevokedAtUtc != null));
    }

    [Fact]
    public async Task RestartingBothInstances_KeepsEveryTokenWorking()
    {
        using var storage = new TestStorage();
        var a = await RunningServer.StartAsync(storage);
        var b = await RunningServer.StartAsync(storage);
        var fromA = await a.Client.LoginAsync();
        var fromB = await b.Client.LoginAsync();
        await a.DisposeAsync();
        await b.DisposeAsync();

        var restarted = await Task.WhenAll(RunningServer.StartAsync(storage), RunningServer.StartAsync(storage));
        await using var a2 = restarted[0];
        await using var b2 = restarted[1];

        Assert.Equal(HttpStatusCode.OK, (await b2.Client.GetProtectedAsync(fromA.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a2.Client.GetProtectedAsync(fromB.AccessToken)).StatusCode);
        await b2.Client.RefreshAsync(fromA.RefreshToken!);
        await a2.Client.RefreshAsync(fromB.RefreshToken!);
    }

    /// <summary>Refreshes one chain again and again, alternating instances; a request to a dead instance is repeated on the other.</summary>
    private static async Task<string> FollowChainAsync(string refreshToken, int offset, RunningServer[] instances, RotationCount rotations, CancellationToken stop)
    {
        for (var i = offset; !stop.IsCancellationRequested; i++)
        {
            refreshToken = await RefreshSomewhereAsync(refreshToken, instances, i);
            rotations.Count();
        }

        return await RefreshSomewhereAsync(refreshToken, instances, 1);
    }

    private static async Task<string> RefreshSomewhereAsync(string refreshToken, RunningServer[] instances, int first)
    {
        for (var attempt = 0; ; attempt++)
        {
            var instance = instances[(first + attempt) % instances.Length];
            try
            {
                return (await instance.Client.RefreshAsync(refreshToken)).RefreshToken!;
            }
            catch (Exception exception) when (attempt < 5 && exception is HttpRequestException or TaskCanceledException)
            {
                // The instance died with the request in flight; whether it committed or not, the other must answer.
            }
        }
    }

    private static async Task<List<HttpResponseMessage>> RefreshAtOnceAsync(RunningServer[] instances, string refreshToken, int count)
    {
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            await start.WaitAsync();
            return await instances[i % instances.Length].Client.PostRefreshAsync(refreshToken);
        }).ToList();
        start.Release(count);
        return [.. await Task.WhenAll(requests)];
    }

    /// <summary>Polls until <paramref name="client"/> refuses the token; fails if that takes longer than <paramref name="bound"/>.</summary>
    private static async Task<TimeSpan> RefusedWithinAsync(HttpClient client, string accessToken, TimeSpan bound)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetProtectedAsync(accessToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return elapsed.Elapsed;
            }

            Assert.True(elapsed.Elapsed < bound, $"Still accepted after {elapsed.Elapsed.TotalMilliseconds:F0} ms.");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    private static PostgresAuthDbContext Database(TestStorage storage) =>
        new(new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql(storage.ConnectionString).Options);

    /// <summary>Counts rotations and completes <see cref="Reached"/> at the <c>target</c>-th.</summary>
    private sealed class RotationCount(int target)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task Reached => _reached.Task;

        public void Count()
        {
            if (Interlocked.Increment(ref _count) == target)
            {
                _reached.SetResult();
            }
        }
    }
}
