using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Features;

public sealed class RegisterTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Register_NewUser_Returns201WithIdAndUsername()
    {
        var user = TestUser.Unique();

        var response = await _client.PostAsJsonAsync("/register", new { username = user.Username, password = user.Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(body.RootElement.GetProperty("id").GetString(), out _));
        Assert.Equal(user.Username, body.RootElement.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Register_StoresOnlyABcryptHash()
    {
        var user = await _client.RegisterAsync();

        var hash = await factory.QueryAsync(db => db.Users.Where(u => u.Username == user.Username).Select(u => u.PasswordHash).SingleAsync());

        Assert.StartsWith("$2", hash);
        Assert.DoesNotContain(user.Password, hash);
    }

    [Fact]
    public async Task Register_TakenUsername_Returns409UsernameTaken()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.PostAsJsonAsync("/register", new { username = user.Username, password = "another fine passphrase" });

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "username_taken");
    }

    [Fact]
    public async Task Register_UsernameDifferingOnlyInCase_Returns409UsernameTaken()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.PostAsJsonAsync("/register", new { username = user.Username.ToUpperInvariant(), password = user.Password });

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "username_taken");
    }

    [Fact]
    public async Task Register_ConcurrentSameUsername_ExactlyOneSucceeds()
    {
        var user = TestUser.Unique();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _client.PostAsJsonAsync("/register", new { username = user.Username, password = user.Password })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Theory]
    [InlineData("fourteen chars")]               // 14: one short of the default minimum
    [InlineData("password1234567")]              // on the common-password list
    [InlineData("aaaaaaaaaaaaaaaaaaaa")]         // one character repeated
    [InlineData("abcdefghijklmnopqrs")]          // a run along the alphabet
    [InlineData("passwordpassword")]             // a repeated unit
    public async Task Register_PasswordAgainstPolicy_Returns400AndStoresNothing(string password)
    {
        var before = await factory.CountRowsAsync();

        var response = await _client.PostAsJsonAsync("/register", new { username = TestUser.Unique().Username, password });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task Register_PasswordOfExactlyMinimumLength_IsAccepted()
    {
        var response = await _client.PostAsJsonAsync("/register", new { username = TestUser.Unique().Username, password = "fifteen chars!!" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Register_PasswordOf128Characters_IsAccepted()
    {
        var password = string.Concat(Enumerable.Range(0, 16).Select(i => $"word{i:D3}-"))[..128];

        var response = await _client.PostAsJsonAsync("/register", new { username = TestUser.Unique().Username, password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Register_PasswordContainingUsername_Returns400()
    {
        var username = TestUser.Unique().Username;

        var response = await _client.PostAsJsonAsync("/register", new { username, password = $"my name is {username}" });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("\uFDFA\uFDFA\uFDFA\uFDFA\uFDFA\uFDFA\uFDFA\uFDFA\uFDFA\uFDFA")] // 10 characters, 180 after NFKC normalization
    public async Task Register_UsernameAgainstPolicy_Returns400(string username)
    {
        var response = await _client.PostAsJsonAsync("/register", new { username, password = TestUser.DefaultPassword });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }
}
