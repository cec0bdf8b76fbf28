using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Users;

/// <summary><c>dotnet AuthServer.dll users list|grant-role|revoke-role</c>, run as its own process as an operator would.</summary>
public sealed class UsersCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task UsersGrantRole_MakesTheFirstAdministrator_WhoThenUsesTheAdminEndpoints()
    {
        using var storage = new TestStorage();
        var alice = new TestUser($"alice-{Guid.NewGuid():N}"[..16], TestUser.DefaultPassword);
        var bob = new TestUser($"Bob-{Guid.NewGuid():N}"[..16], TestUser.DefaultPassword);
        using var server = new AuthServerFactory(new Dictionary<string, string?>(), storage);
        var client = server.CreateClient();
        await client.RegisterAsync(alice);
        await client.RegisterAsync(bob);
        var before = await client.LoginAsync(alice);

        var granted = await UsersAsync(storage, "grant-role", alice.Username, "admin");
        var again = await UsersAsync(storage, "grant-role", alice.Username.ToUpperInvariant(), "admin");
        var list = await UsersAsync(storage, "list");

        Assert.Contains($"Granted the role admin to {alice.Username}.", granted, StringComparison.Ordinal);
        Assert.Contains("Auth:AdminRole", granted, StringComparison.Ordinal);
        Assert.Contains("Administrator command-line granted the role admin to user", granted, StringComparison.Ordinal);
        Assert.Contains($"{alice.Username.ToUpperInvariant()} has the role admin already.", again, StringComparison.Ordinal);
        var rows = list.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^username +id +created +state +roles$", rows[0]);
        Assert.Matches($"^{alice.Username} +{AccessTokenReader.UserIdOf(before.AccessToken)} +2041-03-01T09:00:00Z +enabled +admin$", Assert.Single(rows, r => r.StartsWith(alice.Username, StringComparison.Ordinal)));
        Assert.Matches($"^{bob.Username} +[0-9a-f-]{{36}} +2041-03-01T09:00:00Z +enabled$", Assert.Single(rows, r => r.StartsWith(bob.Username, StringComparison.Ordinal)));
        Assert.True(list.IndexOf(alice.Username, StringComparison.Ordinal) < list.IndexOf(bob.Username, StringComparison.Ordinal), "users are listed by name, regardless of case");
        Assert.DoesNotContain("$2", list, StringComparison.Ordinal); // no BCrypt hash
        var admin = await client.RefreshAsync(before.RefreshToken!);
        Assert.Equal(["admin"], AccessTokenReader.RolesOf(admin.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await client.GetUsersAsync(admin.AccessToken)).StatusCode);

        var (exitCode, output) = await ServerProcess.RunAsync(["users", "revoke-role", alice.Username, "admin"], Environment(), storage, Timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("last enabled administrator", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetUsersAsync(admin.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task UsersRevokeRole_TakesTheRoleAway_AndRefusesUnknownUsersAndInvalidRoleNames()
    {
        using var storage = new TestStorage();
        var carol = new TestUser($"carol-{Guid.NewGuid():N}"[..16], TestUser.DefaultPassword);
        using var server = new AuthServerFactory(new Dictionary<string, string?>(), storage);
        var client = server.CreateClient();
        await client.RegisterAsync(carol);
        await server.GrantRoleAsync(carol, "editor");

        var revoked = await UsersAsync(storage, "revoke-role", carol.Username, "editor");
        var unknown = await ServerProcess.RunAsync(["users", "grant-role", "nobody-at-all", "editor"], Environment(), storage, Timeout);
        var invalid = await ServerProcess.RunAsync(["users", "grant-role", carol.Username, "two words"], Environment(), storage, Timeout);

        Assert.Contains($"Removed the role editor from {carol.Username}.", revoked, StringComparison.Ordinal);
        Assert.Null(AccessTokenReader.RolesOf((await client.LoginAsync(carol)).AccessToken));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no user named nobody-at-all.", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("A role name has 1 to 64 characters", invalid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersList_OnANewDatabase_SaysHowToMakeTheFirstAdministrator()
    {
        using var storage = new TestStorage();

        var list = await UsersAsync(storage, "list");

        Assert.Contains("No users yet.", list, StringComparison.Ordinal);
        Assert.Contains("users grant-role <username> admin", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("grant-role", "alice")]
    public async Task Users_WithAnUnknownSubcommandOrMissingArguments_PrintsUsageAndExitsWith2(params string[] subcommand)
    {
        using var storage = new TestStorage();

        var (exitCode, output) = await ServerProcess.RunAsync(["users", .. subcommand], Environment(), storage, Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: AuthServer users list", output, StringComparison.Ordinal);
        Assert.Contains("AuthServer users grant-role <username> <role>", output, StringComparison.Ordinal);
        Assert.Contains("AuthServer users revoke-role <username> <role>", output, StringComparison.Ordinal);
    }

    private static async Task<string> UsersAsync(TestStorage storage, params string[] arguments)
    {
        var (exitCode, output) = await ServerProcess.RunAsync(["users", .. arguments], Environment(), storage, Timeout);
        Assert.True(exitCode == 0, $"`users {string.Join(' ', arguments)}` exited with {exitCode}:\n{output}");
        return output;
    }

    private static Dictionary<string, string?> Environment() => new() { ["ASPNETCORE_ENVIRONMENT"] = "Testing" };
}
