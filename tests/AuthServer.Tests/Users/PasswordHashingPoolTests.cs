using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthServer.Tests.Users;

/// <summary>
/// API.md, Abuse: at most <c>Auth:Password:MaxConcurrentHashes</c> hashes run and <c>Auth:Password:MaxQueuedHashes</c>
/// wait; any further login, registration or password change is answered at once with 503 <c>temporarily_unavailable</c>
/// and <c>Retry-After</c>, never left hanging.
/// </summary>
public sealed class PasswordHashingPoolTests
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PastTheQueue_LoginRegistrationAndPasswordChange_Get503AtOnce_AndNothingChanges()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:Password:MaxConcurrentHashes"] = "1",
            ["Auth:Password:MaxQueuedHashes"] = "0",
        });
        var user = await factory.CreateClient().RegisterAsync();
        var tokens = await factory.CreateClient().LoginAsync(user);
        var (server, gate) = WithGate(factory, "the gated one, held in flight");
        using var _ = server;
        var client = server.CreateClient();
        var held = client.PostLoginAsync(user with { Password = gate.GatedPassword });
        await gate.Entered;
        var before = await factory.CountRowsAsync();

        HttpResponseMessage[] shed =
        [
            await client.PostLoginAsync(user).WaitAsync(AtOnce),
            await client.PostAsJsonAsync("/token", new { grant_type = "password", username = user.Username, password = user.Password }).WaitAsync(AtOnce),
            await client.PostAsJsonAsync("/register", new { username = TestUser.Unique().Username, password = TestUser.DefaultPassword }).WaitAsync(AtOnce),
            await client.PostChangePasswordAsync(tokens.AccessToken, user.Password, "copper meadow kettle 42").WaitAsync(AtOnce),
        ];

        foreach (var answer in shed)
        {
            await answer.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable");
            Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {answer.Headers.RetryAfter}");
        }

        Assert.Equal(before, await factory.CountRowsAsync());
        gate.Open();
        await (await held).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, (await client.PostLoginAsync(user)).StatusCode);
    }

    [Fact]
    public async Task WithinTheQueue_ARequestWaitsForTheSlot_AndOneMoreIsShed()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:Password:MaxConcurrentHashes"] = "1",
            ["Auth:Password:MaxQueuedHashes"] = "1",
        });
        var user = await factory.CreateClient().RegisterAsync();
        var (server, gate) = WithGate(factory, "the gated one, held in flight");
        using var _ = server;
        var client = server.CreateClient();
        var held = client.PostLoginAsync(user with { Password = gate.GatedPassword });
        await gate.Entered;

        var first = client.PostLoginAsync(user);
        var second = client.PostLoginAsync(user);
        var done = await Task.WhenAny(first, second).WaitAsync(AtOnce);
        var queued = done == first ? second : first;

        await (await done).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable");
        Assert.False(queued.IsCompleted);
        gate.Open();
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        await held;
    }

    private static (WebApplicationFactory<Program> Server, GatedPasswordHasher Gate) WithGate(AuthServerFactory factory, string password)
    {
        GatedPasswordHasher? gate = null;
        var server = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher>(provider => gate = new GatedPasswordHasher(
                new BcryptPasswordHasher(provider.GetRequiredService<IOptions<PasswordOptions>>()), password))));
        server.CreateClient();
        _ = server.Services.GetRequiredService<IPasswordHasher>();
        return (server, gate!);
    }
}
