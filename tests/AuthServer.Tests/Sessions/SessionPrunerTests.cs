using System.Net;
using AuthServer.Sessions;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Sessions;

/// <summary>Each test moves its own factory's clock; the defaults are a 7-day retention and a 7-day refresh-token lifetime.</summary>
public sealed class SessionPrunerTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    [Fact]
    public async Task Prune_AfterChurn_DeletesEndedSessionsWithTheirTokensAndKeepsLiveOnes()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var users = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            users.Add(await client.RegisterAsync());
        }

        var reused = await client.LoginAsync(users[0]);
        var live = await client.LoginAsync(users[1]);
        for (var i = 0; i < 50; i++)
        {
            var tokens = await client.LoginAsync(users[i % users.Count]);
            for (var refresh = 0; refresh < 3; refresh++)
            {
                tokens = await client.RefreshAsync(tokens.RefreshToken!);
            }

            if (i % 5 == 0)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await client.PostLogoutAsync(accessToken: tokens.AccessToken)).StatusCode);
            }
        }

        // 18 days: past the retention after the churned tokens expired; the two live sessions refresh every 6 days.
        var previous = reused;
        for (var step = 0; step < 3; step++)
        {
            factory.Clock.Advance(TimeSpan.FromDays(6));
            previous = reused;
            reused = await client.RefreshAsync(reused.RefreshToken!);
            live = await client.RefreshAsync(live.RefreshToken!);
        }

        factory.Clock.Advance(TimeSpan.FromHours(1));
        var result = await PruneAsync(factory);

        // 50 sessions of 4 tokens each, and of each live session the login token consumed on day 6.
        Assert.Equal(new PruneResult(50, 50 * 4 + 2), result);
        var liveSessions = new[] { SessionOf(reused), SessionOf(live) };
        Assert.Equal(liveSessions.Order(), await factory.QueryAsync(db => db.Sessions.Select(s => s.Id).OrderBy(id => id).ToListAsync()));
        Assert.Equal(6, await factory.QueryAsync(db => db.RefreshTokens.CountAsync(t => liveSessions.Contains(t.SessionId))));
        Assert.Equal(6, await factory.QueryAsync(db => db.RefreshTokens.CountAsync()));
        Assert.Equal(5, await factory.QueryAsync(db => db.Users.CountAsync()));

        live = await client.RefreshAsync(live.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(live.AccessToken)).StatusCode);

        await (await client.PostRefreshAsync(previous.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await (await client.PostRefreshAsync(reused.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(SessionRevocationReason.RefreshTokenReuse, await RevocationReasonAsync(factory, reused));
    }

    [Fact]
    public async Task Prune_ConsumedTokenOneSecondYoungerThanTheRetention_KeepsItSoItsReuseRevokesTheSession()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        var current = await client.RefreshAsync(login.RefreshToken!);

        factory.Clock.Advance(Retention - TimeSpan.FromSeconds(1));
        var result = await PruneAsync(factory);

        Assert.Equal(new PruneResult(0, 0), result);
        await (await client.PostRefreshAsync(login.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(SessionRevocationReason.RefreshTokenReuse, await RevocationReasonAsync(factory, current));
        await (await client.PostRefreshAsync(current.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Prune_WithoutARetentionSet_KeepsConsumedTokensForTheWholeRefreshTokenLifetime()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RefreshTokenLifetime"] = "14.00:00:00" });
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        var current = await client.RefreshAsync(login.RefreshToken!);

        factory.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        var result = await PruneAsync(factory);

        Assert.Equal(new PruneResult(0, 0), result);
        await (await client.PostRefreshAsync(login.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(SessionRevocationReason.RefreshTokenReuse, await RevocationReasonAsync(factory, current));
    }

    [Fact]
    public async Task Prune_ConsumedTokenOneSecondOlderThanTheRetention_DeletesItAndKeepsTheSession()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        var first = await client.RefreshAsync(login.RefreshToken!);
        factory.Clock.Advance(TimeSpan.FromDays(6));
        var second = await client.RefreshAsync(first.RefreshToken!);

        factory.Clock.Advance(Retention - TimeSpan.FromDays(6) + TimeSpan.FromSeconds(1));
        var result = await PruneAsync(factory);

        // Only the login token, consumed at the start; the first refresh token was consumed on day 6.
        Assert.Equal(new PruneResult(0, 1), result);
        Assert.Equal(2, await factory.QueryAsync(db => db.RefreshTokens.CountAsync()));
        var third = await client.RefreshAsync(second.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(third.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Prune_LoggedOutSession_IsKeptForTheRetentionThenDeletedWithItsTokens()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        var current = await client.RefreshAsync(login.RefreshToken!);
        await client.PostLogoutAsync(accessToken: current.AccessToken);

        factory.Clock.Advance(Retention - TimeSpan.FromSeconds(1));
        var justBefore = await PruneAsync(factory);
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var justAfter = await PruneAsync(factory);

        Assert.Equal(new PruneResult(0, 0), justBefore);
        Assert.Equal(new PruneResult(1, 2), justAfter);
        Assert.Equal(0, await factory.QueryAsync(db => db.Sessions.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.RefreshTokens.CountAsync()));
    }

    [Fact]
    public async Task Prune_IdleSession_IsDeletedOnceItsLastTokenHasBeenExpiredForTheRetention()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        await client.LoginAsync();

        factory.Clock.Advance(TimeSpan.FromDays(7) + Retention - TimeSpan.FromSeconds(1));
        var justBefore = await PruneAsync(factory);
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var justAfter = await PruneAsync(factory);

        Assert.Equal(new PruneResult(0, 0), justBefore);
        Assert.Equal(new PruneResult(1, 1), justAfter);
    }

    [Fact]
    public async Task Prune_SessionPastItsAbsoluteEnd_IsDeletedOnceTheRetentionHasPassedSince()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:SessionLifetime"] = "8.00:00:00" });
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromDays(6));
        await client.RefreshAsync(login.RefreshToken!);

        // The session ends on day 8, long before its last refresh (day 6) would let it idle out (day 13).
        factory.Clock.Advance(TimeSpan.FromDays(2) + Retention - TimeSpan.FromSeconds(1));
        var justBefore = await PruneAsync(factory);
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var justAfter = await PruneAsync(factory);

        Assert.Equal(new PruneResult(0, 1), justBefore);
        Assert.Equal(new PruneResult(1, 1), justAfter);
        Assert.Equal(0, await factory.QueryAsync(db => db.Sessions.CountAsync()));
    }

    [Fact]
    public async Task Prune_WithSmallBatches_DeletesEverythingDue()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Pruning:BatchSize"] = "7" });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();
        var live = await client.LoginAsync(user);
        for (var refresh = 0; refresh < 15; refresh++)
        {
            live = await client.RefreshAsync(live.RefreshToken!);
        }

        for (var i = 0; i < 20; i++)
        {
            var tokens = await client.RefreshAsync((await client.LoginAsync(user)).RefreshToken!);
            tokens = await client.RefreshAsync(tokens.RefreshToken!);
            if (i % 4 == 0)
            {
                await client.PostLogoutAsync(accessToken: tokens.AccessToken);
            }
        }

        for (var step = 0; step < 3; step++)
        {
            factory.Clock.Advance(TimeSpan.FromDays(6));
            live = await client.RefreshAsync(live.RefreshToken!);
        }

        var result = await PruneAsync(factory);

        // 20 sessions (7 + 7 + 6) with 60 tokens (by 7), and the 16 live-session tokens consumed by day 6 (7 + 7 + 2).
        Assert.Equal(new PruneResult(20, 60 + 16), result);
        Assert.Equal(SessionOf(live), Assert.Single(await factory.QueryAsync(db => db.Sessions.Select(s => s.Id).ToListAsync())));
        Assert.Equal(3, await factory.QueryAsync(db => db.RefreshTokens.CountAsync()));
        Assert.Equal(new PruneResult(0, 0), await PruneAsync(factory));
        await client.RefreshAsync(live.RefreshToken!);
    }

    [Fact]
    public async Task Prune_LogsCountsAtInformationOnlyWhenItDeletedSomething()
    {
        using var factory = new LoggedAuthServerFactory(new Dictionary<string, string?> { ["Logging:LogLevel:AuthServer"] = "Debug" });
        var client = factory.CreateClient();
        var login = await client.LoginAsync();
        await client.PostLogoutAsync(accessToken: login.AccessToken);

        await PruneAsync(factory);
        factory.Clock.Advance(Retention + TimeSpan.FromSeconds(1));
        await PruneAsync(factory);

        var passes = factory.Logs.Records.Where(e => e.Category == typeof(SessionPruner).FullName).ToList();
        Assert.Equal([(2011, LogLevel.Debug), (2010, LogLevel.Information)], passes.Select(e => (e.EventId.Id, e.Level)));
        Assert.StartsWith("Pruned 1 ended sessions and 1 refresh tokens", passes[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Records, e => e.Message.Contains(login.RefreshToken!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PruningService_AfterAFailedPass_LogsItAndPrunesOnTheNextPass()
    {
        using var factory = new LoggedAuthServerFactory(new Dictionary<string, string?>());
        var client = factory.CreateClient();
        var service = factory.Services.GetServices<IHostedService>().OfType<SessionPruningService>().Single();
        var login = await client.LoginAsync();
        await client.PostLogoutAsync(accessToken: login.AccessToken);
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
            ? """
              CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
              CREATE TRIGGER refuse_session_delete BEFORE DELETE ON "Sessions" FOR EACH ROW EXECUTE FUNCTION refuse_delete();
              """
            : "CREATE TRIGGER refuse_session_delete BEFORE DELETE ON Sessions BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"));
        factory.Clock.Advance(Retention + TimeSpan.FromSeconds(1));

        await service.RunPassAsync(CancellationToken.None);
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
            ? "DROP TRIGGER refuse_session_delete ON \"Sessions\";"
            : "DROP TRIGGER refuse_session_delete;"));
        await service.RunPassAsync(CancellationToken.None);

        Assert.Equal(0, await factory.QueryAsync(db => db.Sessions.CountAsync()));
        var failure = Assert.Single(factory.Logs.Records, e => e.EventId.Id == 2012);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("refused by the test", failure.Exception?.Message, StringComparison.Ordinal);
    }

    private static Task<PruneResult> PruneAsync(AuthServerFactory factory) =>
        factory.Services.GetRequiredService<SessionPruner>().PruneAsync(CancellationToken.None);

    private static Guid SessionOf(TestTokens tokens) => Guid.Parse(AccessTokenReader.SessionIdOf(tokens.AccessToken));

    private static Task<SessionRevocationReason?> RevocationReasonAsync(AuthServerFactory factory, TestTokens tokens)
    {
        var sessionId = SessionOf(tokens);
        return factory.QueryAsync(db => db.Sessions.Where(s => s.Id == sessionId).Select(s => s.RevocationReason).SingleAsync());
    }
}
