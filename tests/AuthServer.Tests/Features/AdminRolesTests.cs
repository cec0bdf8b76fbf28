using System.Net;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Features;

/// <summary>Granting and removing roles at <c>/admin/users/{id}/roles</c>, and the <c>roles</c> claim they put in access tokens.</summary>
public sealed class AdminRolesTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GrantedRole_ShowsInTheSessionsNextAccessToken_AndARemovedOneLeavesIt()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();
        Assert.Null(AccessTokenReader.RolesOf(user.AccessToken));

        var granted = await _client.PostGrantRoleAsync(admin.AccessToken, user.UserIdOf(), "editor");

        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        granted.AssertNoStore();
        var withRole = await _client.RefreshAsync(user.RefreshToken!);
        Assert.Equal(["editor"], AccessTokenReader.RolesOf(withRole.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await GetEditorResourceAsync(withRole.AccessToken)).StatusCode);
        await (await GetEditorResourceAsync(user.AccessToken)).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");

        var removed = await _client.DeleteRoleAsync(admin.AccessToken, user.UserIdOf(), "editor");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        removed.AssertNoStore();
        var withoutRole = await _client.RefreshAsync(withRole.RefreshToken!);
        Assert.Null(AccessTokenReader.RolesOf(withoutRole.AccessToken));
        await (await GetEditorResourceAsync(withoutRole.AccessToken)).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task RolesClaim_IsAJsonArrayInOrdinalOrder_ReadAtLoginAndByThePasswordGrant()
    {
        var user = await _client.RegisterAsync();
        await factory.GrantRoleAsync(user, "reports.read");
        await factory.GrantRoleAsync(user, "Auditor");
        await factory.GrantRoleAsync(user, "billing_admin-2");

        var login = await _client.LoginAsync(user);
        var passwordGrant = await _client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user.Username,
            ["password"] = user.Password,
        }));

        string[] expected = ["Auditor", "billing_admin-2", "reports.read"];
        Assert.Equal(expected, AccessTokenReader.RolesOf(login.AccessToken));
        Assert.Equal(HttpStatusCode.OK, passwordGrant.StatusCode);
        var tokens = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<TestTokens>(passwordGrant.Content);
        Assert.Equal(expected, AccessTokenReader.RolesOf(tokens!.AccessToken));
    }

    [Fact]
    public async Task RolesClaim_ForOneRole_IsStillAnArray()
    {
        var user = await _client.RegisterAsync();
        await factory.GrantRoleAsync(user, "editor");

        var login = await _client.LoginAsync(user);

        Assert.Equal(["editor"], AccessTokenReader.RolesOf(login.AccessToken));
    }

    [Fact]
    public async Task RolesClaim_IsReadAgainByARepeatWithinTheLeeway()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();
        await _client.RefreshAsync(user.RefreshToken!);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostGrantRoleAsync(admin.AccessToken, user.UserIdOf(), "editor")).StatusCode);
        var repeated = await _client.RefreshAsync(user.RefreshToken!);

        Assert.Equal(["editor"], AccessTokenReader.RolesOf(repeated.AccessToken));
    }

    [Fact]
    public async Task GrantRole_Twice_Returns204BothTimes_AndStoresTheRoleOnce()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();
        var userId = Guid.Parse(user.UserIdOf());

        var first = await _client.PostGrantRoleAsync(admin.AccessToken, user.UserIdOf(), "editor");
        var second = await _client.PostGrantRoleAsync(admin.AccessToken, user.UserIdOf(), "editor");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.UserRoles.CountAsync(r => r.UserId == userId)));
        Assert.Equal(["editor"], AccessTokenReader.RolesOf((await _client.RefreshAsync(user.RefreshToken!)).AccessToken));
    }

    [Fact]
    public async Task GrantRole_ConcurrentlyForTheSameRole_StoresItOnce()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();
        var userId = Guid.Parse(user.UserIdOf());

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.PostGrantRoleAsync(admin.AccessToken, user.UserIdOf(), "editor")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        Assert.Equal(1, await factory.QueryAsync(db => db.UserRoles.CountAsync(r => r.UserId == userId)));
    }

    [Fact]
    public async Task RevokeRole_ThatTheUserDoesNotHave_Returns204AndChangesNothing()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.RegisterAsync();
        await factory.GrantRoleAsync(user, "editor");
        var tokens = await _client.LoginAsync(user);

        var twice = new[]
        {
            await _client.DeleteRoleAsync(admin.AccessToken, tokens.UserIdOf(), "auditor"),
            await _client.DeleteRoleAsync(admin.AccessToken, tokens.UserIdOf(), "not a role name at all"),
        };

        Assert.All(twice, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(["editor"], AccessTokenReader.RolesOf((await _client.RefreshAsync(tokens.RefreshToken!)).AccessToken));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("slash/role")]
    [InlineData("rôle")]
    [InlineData("admin\n")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 65 characters
    [InlineData(null)]
    public async Task GrantRole_WithAnInvalidRoleName_Returns400AndStoresNothing(string? role)
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();
        var userId = Guid.Parse(user.UserIdOf());

        var response = await _client.PostGrantRoleAsync(admin.AccessToken, user.UserIdOf(), role);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(0, await factory.QueryAsync(db => db.UserRoles.CountAsync(r => r.UserId == userId)));
    }

    [Fact]
    public async Task GrantRole_WithTheLongestRoleName_Succeeds()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();
        var role = new string('r', 64);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostGrantRoleAsync(admin.AccessToken, user.UserIdOf(), role)).StatusCode);

        Assert.Equal([role], AccessTokenReader.RolesOf((await _client.RefreshAsync(user.RefreshToken!)).AccessToken));
    }

    [Fact]
    public async Task GrantRole_WithoutABody_Returns400()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();

        var response = await _client.SendWithTokenAsync(HttpMethod.Post, $"/admin/users/{user.UserIdOf()}/roles", admin.AccessToken);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task RoleNames_AreCaseSensitive()
    {
        var admin = await factory.LoginAsAdministratorAsync(_client);
        var user = await _client.LoginAsync();

        await _client.PostGrantRoleAsync(admin.AccessToken, user.UserIdOf(), "Editor");
        var refreshed = await _client.RefreshAsync(user.RefreshToken!);

        Assert.Equal(["Editor"], AccessTokenReader.RolesOf(refreshed.AccessToken));
        await (await GetEditorResourceAsync(refreshed.AccessToken)).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task RemovingTheAdminRole_FromTheLastAdministrator_Returns409Conflict_AndKeepsIt()
    {
        using var alone = new AuthServerFactory();
        var client = alone.CreateClient();
        var admin = await alone.LoginAsAdministratorAsync(client);
        var other = await client.LoginAsync();
        await client.PostGrantRoleAsync(admin.AccessToken, other.UserIdOf(), "editor");

        var response = await client.DeleteRoleAsync(admin.AccessToken, admin.UserIdOf(), "admin");

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
        response.AssertNoStore();
        Assert.Equal(HttpStatusCode.OK, (await client.GetUsersAsync(admin.AccessToken)).StatusCode);
        Assert.Equal(["admin"], (await client.FindUserAsync(admin.AccessToken, AccessTokenReader.NameOf(admin.AccessToken))).Roles);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteRoleAsync(admin.AccessToken, other.UserIdOf(), "editor")).StatusCode);
    }

    [Fact]
    public async Task RemovingTheAdminRole_WithAnotherEnabledAdministrator_Succeeds_ThenTheLastOneKeepsIt()
    {
        using var pair = new AuthServerFactory();
        var client = pair.CreateClient();
        var first = await pair.LoginAsAdministratorAsync(client);
        var second = await pair.LoginAsAdministratorAsync(client);

        var ownRole = await client.DeleteRoleAsync(first.AccessToken, first.UserIdOf(), "admin");
        var lastRole = await client.DeleteRoleAsync(second.AccessToken, second.UserIdOf(), "admin");

        Assert.Equal(HttpStatusCode.NoContent, ownRole.StatusCode);
        await lastRole.AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task TheAdminRoleOfADisabledUser_DoesNotCountAsAnAdministrator()
    {
        using var pair = new AuthServerFactory();
        var client = pair.CreateClient();
        var first = await pair.LoginAsAdministratorAsync(client);
        var second = await pair.LoginAsAdministratorAsync(client);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostUserActionAsync(first.AccessToken, second.UserIdOf(), "disable")).StatusCode);

        var ownRole = await client.DeleteRoleAsync(first.AccessToken, first.UserIdOf(), "admin");
        var disabledUsersRole = await client.DeleteRoleAsync(first.AccessToken, second.UserIdOf(), "admin");

        await ownRole.AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.NoContent, disabledUsersRole.StatusCode);
    }

    [Fact]
    public async Task TwoAdministratorsRemovingEachOtherAtOnce_LeaveOneAdministrator()
    {
        using var pair = new AuthServerFactory();
        var client = pair.CreateClient();
        var first = await pair.LoginAsAdministratorAsync(client);
        var second = await pair.LoginAsAdministratorAsync(client);

        var answers = await Task.WhenAll(
            client.DeleteRoleAsync(first.AccessToken, second.UserIdOf(), "admin"),
            client.DeleteRoleAsync(second.AccessToken, first.UserIdOf(), "admin"));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(1, await pair.QueryAsync(db => db.UserRoles.CountAsync(r => r.Name == "admin")));
    }

    [Fact]
    public async Task TheAdminRole_IsTheOneAuthAdminRoleNames()
    {
        using var custom = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:AdminRole"] = "operators" });
        var client = custom.CreateClient();
        var user = await client.RegisterAsync();
        await custom.GrantRoleAsync(user, "admin");
        var asAdmin = await client.LoginAsync(user);
        await custom.GrantRoleAsync(user, "operators");
        var asOperator = await client.LoginAsync(user);

        await (await client.GetUsersAsync(asAdmin.AccessToken)).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await client.GetUsersAsync(asOperator.AccessToken)).StatusCode);
        await (await client.DeleteRoleAsync(asOperator.AccessToken, asOperator.UserIdOf(), "operators")).AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task EditorResource_WithoutAToken_Returns401()
    {
        var response = await _client.GetAsync("/protected-resource/editor");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task EditorResource_WithTheRole_AnswersTheUser()
    {
        var user = await _client.RegisterAsync();
        await factory.GrantRoleAsync(user, "editor");
        var tokens = await _client.LoginAsync(user);

        var response = await GetEditorResourceAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        response.AssertNoStore();
        Assert.Contains("Here is the editors' resource.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastAdministratorRule_HoldsForTheCommandLineToo()
    {
        using var alone = new AuthServerFactory();
        var client = alone.CreateClient();
        var admin = await alone.LoginAsAdministratorAsync(client);
        await using var scope = alone.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var revoked = await administration.RevokeRoleAsync(Administrator.CommandLine, Guid.Parse(admin.UserIdOf()), "admin", CancellationToken.None);
        var disabled = await administration.DisableAsync(Administrator.CommandLine, Guid.Parse(admin.UserIdOf()), CancellationToken.None);

        Assert.Equal("conflict", revoked.Refusal?.Error);
        Assert.Equal("conflict", disabled.Refusal?.Error);
        Assert.Equal(HttpStatusCode.OK, (await client.GetUsersAsync(admin.AccessToken)).StatusCode);
    }

    private Task<HttpResponseMessage> GetEditorResourceAsync(string accessToken) =>
        _client.SendWithTokenAsync(HttpMethod.Get, "/protected-resource/editor", accessToken);
}
