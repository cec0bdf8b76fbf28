using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Features;

/// <summary><c>GET /admin/users</c>, and who may call the admin endpoints at all.</summary>
public sealed class AdminUsersTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> AdminCalls => new()
    {
        { "GET", "/admin/users" },
        { "POST", "/admin/users/{id}/roles" },
        { "DELETE", "/admin/users/{id}/roles/editor" },
        { "POST", "/admin/users/{id}/disable" },
        { "POST", "/admin/users/{id}/enable" },
        { "POST", "/admin/users/{id}/logout-all" },
    };

    [Fact]
    public async Task ListUsers_AnswersTheContractShape_WithRolesStateAndLiveSessions()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.RegisterAsync(new TestUser($"shape-{Guid.NewGuid():N}"[..24], TestUser.DefaultPassword));
        await factory.GrantRoleAsync(user, "editor");
        await factory.GrantRoleAsync(user, "auditor");
        await _client.LoginAsync(user);
        var ended = await _client.LoginAsync(user);
        await _client.LoginAsync(user);
        await _client.PostLogoutAsync(accessToken: ended.AccessToken);

        var response = await _client.GetUsersAsync(admin.AccessToken, $"?query={user.Username}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        response.AssertNoStore();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["users", "next"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("next").ValueKind);
        var listed = Assert.Single(body.RootElement.GetProperty("users").EnumerateArray());
        Assert.Equal(["id", "username", "roles", "disabled", "created_at", "live_sessions"], listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(user.Username, listed.GetProperty("username").GetString());
        Assert.True(Guid.TryParse(listed.GetProperty("id").GetString(), out _));
        Assert.Equal(["auditor", "editor"], listed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(listed.GetProperty("disabled").GetBoolean());
        Assert.EndsWith("Z", listed.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        Assert.Equal(TestTimeProvider.Start.UtcDateTime, listed.GetProperty("created_at").GetDateTime().ToUniversalTime());
        Assert.Equal(2, listed.GetProperty("live_sessions").GetInt32());
    }

    [Fact]
    public async Task ListUsers_WithoutAQuery_ListsEveryone_AndAUserWithoutRolesHasAnEmptyList()
    {
        using var fresh = new AuthServerFactory();
        var client = fresh.CreateClient();
        var admin = await fresh.LoginAsAdministratorAsync(client);
        var user = await client.RegisterAsync();

        var everyone = await client.ListUsersAsync(admin.AccessToken);

        Assert.Equal(2, everyone.Users.Count);
        Assert.Contains(everyone.Users, u => u.Id == admin.UserIdOf() && u.Roles.SequenceEqual(["admin"]));
        Assert.Empty(Assert.Single(everyone.Users, u => u.Username == user.Username).Roles);
    }

    [Theory]
    [InlineData("SEARCH-me")]
    [InlineData("arch-m")]
    [InlineData("ｓｅａｒｃｈ")] // fullwidth letters: the same name after NFKC normalization
    public async Task ListUsers_FindsNamesContainingTheQuery_RegardlessOfCase(string query)
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var match = await _client.RegisterAsync(new TestUser($"search-me-{tag}", TestUser.DefaultPassword));
        await _client.RegisterAsync(new TestUser($"other-{tag}", TestUser.DefaultPassword));

        var found = await _client.ListUsersAsync(admin.AccessToken, $"?query={Uri.EscapeDataString(query)}&limit=100");

        Assert.Contains(found.Users, u => u.Username == match.Username);
        Assert.DoesNotContain(found.Users, u => u.Username == $"other-{tag}");
        Assert.All(found.Users, u => Assert.Contains("SEARCH", u.Username.Normalize(NormalizationForm.FormKC).ToUpperInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListUsers_PagesThroughEveryMatchOnce_InUsernameOrder()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var names = new[] { "Echo", "alpha", "Delta", "charlie", "bravo" }.Select(n => $"{n}-{tag}").ToList();
        foreach (var name in names)
        {
            await _client.RegisterAsync(new TestUser(name, TestUser.DefaultPassword));
        }

        var pages = new List<AdministrationExtensions.AdminUserList>();
        var query = $"?query={tag}&limit=2";
        do
        {
            pages.Add(await _client.ListUsersAsync(admin.AccessToken, query));
            query = $"?query={tag}&limit=2&after={Uri.EscapeDataString(pages[^1].Next ?? "")}";
        }
        while (pages[^1].Next is not null);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Users.Count));
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), pages.SelectMany(p => p.Users).Select(u => u.Username));
    }

    [Fact]
    public async Task ListUsers_WithoutALimit_AnswersFiftyAtMost()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var tag = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 51; i++)
        {
            await _client.RegisterAsync(new TestUser($"bulk{i:D2}-{tag}", TestUser.DefaultPassword));
        }

        var first = await _client.ListUsersAsync(admin.AccessToken, $"?query={tag}");
        var rest = await _client.ListUsersAsync(admin.AccessToken, $"?query={tag}&after={Uri.EscapeDataString(first.Next!)}");

        Assert.Equal(50, first.Users.Count);
        Assert.Equal($"bulk50-{tag}", Assert.Single(rest.Users).Username);
        Assert.Null(rest.Next);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?limit=-1")]
    [InlineData("?limit=ten")]
    [InlineData("?limit=2.5")]
    [InlineData("?limit=")]
    [InlineData("?after=")]
    [InlineData("?after=not%20a%20cursor")]
    [InlineData("?after=_w")] // base64url of 0xFF: not UTF-8
    [InlineData("?after=QUFB%3D%3D%3D")]
    public async Task ListUsers_WithBadPaging_Returns400InvalidRequest(string query)
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);

        var response = await _client.GetUsersAsync(admin.AccessToken, query);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        response.AssertNoStore();
    }

    [Fact]
    public async Task ListUsers_WithACursorTooLongForAnyUsername_Returns400()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('A', 65))).TrimEnd('=');

        var response = await _client.GetUsersAsync(admin.AccessToken, $"?after={cursor}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [MemberData(nameof(AdminCalls))]
    public async Task AdminEndpoints_WithoutAnAccessToken_Return401(string method, string path)
    {
        var target = await _client.LoginAsync();

        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", target.UserIdOf(), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [MemberData(nameof(AdminCalls))]
    public async Task AdminEndpoints_ForAUserWithoutTheAdminRole_Return403Forbidden_AndChangeNothing(string method, string path)
    {
        var target = await _client.LoginAsync();
        var caller = await _client.RegisterAsync();
        await factory.GrantRoleAsync(caller, "editor");
        var tokens = await _client.LoginAsync(caller);

        var response = await _client.SendWithTokenAsync(
            new HttpMethod(method), path.Replace("{id}", target.UserIdOf(), StringComparison.Ordinal), tokens.AccessToken, method == "POST" ? new { role = "admin" } : null);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
        response.AssertNoStore();
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"insufficient_scope\"", challenge.Parameter, StringComparison.Ordinal);
        var targetId = Guid.Parse(target.UserIdOf());
        Assert.False(await factory.QueryAsync(db => db.UserRoles.AnyAsync(r => r.UserId == targetId)));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(target.AccessToken)).StatusCode);
        await _client.RefreshAsync(target.RefreshToken!);
    }

    [Theory]
    [MemberData(nameof(AdminCalls))]
    public async Task AdminEndpoints_WithAnAdministratorsTokenNarrowedToOtherScopes_Return403InsufficientScope_AndChangeNothing(string method, string path)
    {
        var target = await _client.LoginAsync();
        var administrator = await _client.RegisterAsync();
        await factory.GrantRoleAsync(administrator, AdministrationExtensions.AdminRole);
        var login = await _client.PostAsJsonAsync("/login", new { username = administrator.Username, password = administrator.Password, scope = "resource.read" });
        var tokens = (await login.Content.ReadFromJsonAsync<TestTokens>())!;

        var response = await _client.SendWithTokenAsync(
            new HttpMethod(method), path.Replace("{id}", target.UserIdOf(), StringComparison.Ordinal), tokens.AccessToken, method == "POST" ? new { role = "editor" } : null);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains("scope=\"account\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
        var targetId = Guid.Parse(target.UserIdOf());
        Assert.False(await factory.QueryAsync(db => db.UserRoles.AnyAsync(r => r.UserId == targetId)));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(target.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task AdminEndpoints_ForAnAdministratorWhoseRoleWasRemoved_Return403AtOnce_BeforeTheTokenExpires()
    {
        var first = await factory.LoginAsAdministratorAsync(_client);
        var second = await factory.LoginAsAdministratorAsync(_client);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetUsersAsync(second.AccessToken)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteRoleAsync(first.AccessToken, second.UserIdOf(), "admin")).StatusCode);

        Assert.Equal(["admin"], AccessTokenReader.RolesOf(second.AccessToken));
        await (await _client.GetUsersAsync(second.AccessToken)).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(second.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task AdminEndpoints_ForAUserJustMadeAdministrator_OpenAtTheirNextRefresh()
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);

        await factory.GrantRoleAsync(user, "admin");

        await (await _client.GetUsersAsync(tokens.AccessToken)).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
        var refreshed = await _client.RefreshAsync(tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetUsersAsync(refreshed.AccessToken)).StatusCode);
    }

    [Theory]
    [InlineData("POST", "/admin/users/{id}/roles")]
    [InlineData("DELETE", "/admin/users/{id}/roles/editor")]
    [InlineData("POST", "/admin/users/{id}/disable")]
    [InlineData("POST", "/admin/users/{id}/enable")]
    [InlineData("POST", "/admin/users/{id}/logout-all")]
    public async Task AdminActions_OnAnUnknownUser_Return404(string method, string path)
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);

        var response = await _client.SendWithTokenAsync(
            new HttpMethod(method), path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal), admin.AccessToken, method == "POST" ? new { role = "editor" } : null);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "invalid_request");
        response.AssertNoStore();
    }

    [Fact]
    public async Task AdminActions_OnAnIdThatIsNoGuid_Return404()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);

        var response = await _client.PostUserActionAsync(admin.AccessToken, "not-a-guid", "disable");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
